"""Opening a review: one policy for every face (lock, check, backup, permissions, where to resume)."""

import pytest

from imr_tui.core import store
from imr_tui.core.checks import readiness_findings
from imr_tui.core.opening import ReviewLocked, open_review, read_review
from imr_tui.core.standard_text import new_review
from imr_tui.core.walk import step_index

SENTINEL = "Zephyrine Quockerwodger"


@pytest.fixture
def review_file(tmp_path):
    path = tmp_path / "review.toml"
    store.save(new_review(), path)
    return path


def test_a_review_is_opened_locked_and_backed_up_as_it_was(review_file):
    before = review_file.read_bytes()
    opened = open_review(review_file)
    try:
        assert not opened.created and opened.notes == []
        assert store.backup_path(review_file).read_bytes() == before
        with pytest.raises(ReviewLocked):
            open_review(review_file)
    finally:
        opened.close()
    open_review(review_file).close()  # the lock went with the first session


def test_a_path_with_no_review_is_refused_unless_a_new_review_is_asked_for(tmp_path):
    path = tmp_path / "review.toml"
    with pytest.raises(store.ReviewFileError, match="does not exist"):
        open_review(path)
    assert list(tmp_path.iterdir()) == []
    opened = open_review(path, create=True)
    opened.close()
    assert opened.created and opened.notes == [f"Started a new review in {path}."]
    assert store.load(path) == new_review() and path.stat().st_mode & 0o777 == 0o600


def test_a_review_others_could_read_is_made_owner_only_and_the_author_told(review_file):
    review_file.chmod(0o644)
    opened = open_review(review_file)
    opened.close()
    assert review_file.stat().st_mode & 0o777 == 0o600
    assert opened.notes == [
        f"{review_file} could be read by other users: imr-tui has made it owner-only (chmod 600). "
        "Check who else may have copied it."
    ]


def test_a_review_that_cannot_be_used_is_refused_untouched_and_not_left_locked(tmp_path):
    path = tmp_path / "review.toml"
    broken = f'schema_version = 1\nagency = "{SENTINEL}'.encode()
    path.write_bytes(broken)
    with pytest.raises(store.ReviewFileError) as refused:
        open_review(path)
    assert SENTINEL not in str(refused.value)
    assert path.read_bytes() == broken and list(tmp_path.iterdir()) == [path]


def test_a_review_reached_through_a_link_is_opened_where_it_lives(review_file, tmp_path):
    link = tmp_path / "link.toml"
    link.symlink_to(review_file)
    opened = open_review(link)
    try:
        assert opened.path == review_file
        assert (tmp_path / "review.toml.lock").exists() and not (tmp_path / "link.toml.lock").exists()
    finally:
        opened.close()


def test_the_author_is_taken_back_where_they_left_off_unless_told_where_to_go(review_file):
    review = store.load(review_file)
    review.resume.part, review.resume.question = "childs-journey", "culture"
    store.save(review, review_file)
    opened = open_review(review_file)
    opened.close()
    assert opened.resume_at() == ("childs-journey", step_index("childs-journey", review, "culture"))
    assert opened.resume_at("glossary") == ("glossary", 0)


@pytest.mark.parametrize(("part", "question"), [("no-such-part", "culture"), ("", ""), ("analysis", "no_such_question")])
def test_a_resume_point_that_is_not_there_opens_the_task_list_or_the_parts_start(review_file, part, question):
    review = store.load(review_file)
    review.resume.part, review.resume.question = part, question
    store.save(review, review_file)
    opened = open_review(review_file)
    opened.close()
    assert opened.resume_at() == (None if part != "analysis" else ("analysis", 0))


def test_reading_to_check_takes_no_lock_and_changes_nothing_but_warns_of_open_permissions(review_file):
    review_file.chmod(0o644)
    before = review_file.read_bytes()
    with open_review(review_file).lock:  # another session is writing: reading is still allowed
        review, notes = read_review(review_file)
    assert review == store.load(review_file) and review_file.read_bytes() == before
    assert review_file.stat().st_mode & 0o777 == 0o600  # made private by the session that opened it
    review_file.chmod(0o644)
    _, notes = read_review(review_file)
    assert notes == [f"warning: {review_file} can be read by other users; make it private: chmod 600 {review_file}"]
    assert review_file.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize(
    ("part", "question", "said"),
    [
        ("no-such-part", "culture", "names a part that is not in this review, so the review opens at the task list"),
        ("analysis", "no_such_question", "names a question that is not in Section 11 Analysis, so the review opens at its start"),
    ],
)
def test_a_lost_resume_point_is_ignored_with_a_notice_and_the_check_reports_it(review_file, part, question, said):
    review = store.load(review_file)
    review.resume.part, review.resume.question = part, question
    store.save(review, review_file)
    opened = open_review(review_file)
    opened.close()
    assert opened.notes == [f"Where you left off {said}."]
    findings = [f for f in readiness_findings(opened.review) if "[resume]" in f.message]
    assert [(f.severity, f.message) for f in findings] == [("warning", f"Where you left off (the file's [resume] table) {said}")]


def test_a_review_with_another_name_says_that_name_will_keep_the_old_version(review_file, tmp_path):
    other = tmp_path / "other.toml"
    other.hardlink_to(review_file)
    opened = open_review(review_file)
    opened.review.review_details.agency = "Changed"
    store.save(opened.review, review_file)
    opened.close()
    assert opened.notes == [
        f"{review_file} has another name (a hard link): imr-tui saves by replacing the file, so the "
        "other name will keep the review as it was before this session."
    ]
    assert store.load(other).review_details.agency == ""
