"""An author's review is saved as a readable TOML file and always comes back exactly as written.

A file that cannot be read is refused with one line naming the file and where the trouble is,
never quoting the case, and the file itself is left exactly as it was.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import traceback
from pathlib import Path

import pytest
import tomli_w
import tomllib
from hypothesis import given, settings
from hypothesis import strategies as st
from bad_files import BAD_FILES, SENTINEL, _document, _set, a_review, reshaped_documents
from strategies import LONG_ANSWER, NASTY_TEXT, reviews

from imr_tui.core import file_limits, model, store
from imr_tui.core.model import ChronologyEntry, blank_review
from imr_tui.core.store import ReviewFileError, backup, dumps, load, loads, save
from imr_tui.core.guidance import template



@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Module-scoped so hypothesis tests may use it; each example overwrites the same file.
    return tmp_path_factory.mktemp("reviews")


def assert_refused_safely(error: ReviewFileError, source: str) -> str:
    """The message is one line naming the file, and nothing of the case reaches it or its traceback."""
    message = str(error)
    assert message.startswith(f"{source}: ")
    assert len(message.splitlines()) == 1
    assert SENTINEL not in "".join(traceback.format_exception(error))
    return message


# Saving and loading -----------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(reviews())
def test_any_review_survives_save_and_load_exactly(folder, review):
    path = folder / "review.toml"
    save(review, path)
    assert load(path) == review


def test_an_answer_with_windows_line_breaks_tabs_quotes_and_control_characters_survives(tmp_path):
    review = a_review()
    answer = "".join(NASTY_TEXT)
    review.analysis.good_practice = answer
    review.chronology.entries[0].significance = LONG_ANSWER
    path = tmp_path / "review.toml"
    save(review, path)
    loaded = load(path)
    assert loaded.analysis.good_practice == answer
    assert loaded.chronology.entries[0].significance == LONG_ANSWER
    assert loaded == review


def test_the_saved_file_is_readable_toml_a_person_can_open(tmp_path):
    path = tmp_path / "review.toml"
    save(a_review(), path)
    text = path.read_text(encoding="utf-8")
    assert 'author_name = "A. Author"' in text
    assert "period_start = 2010-04-01" in text  # a TOML date, not a string
    assert 'date = "2011-03-14"' in text  # a chronology's date, which may be a month or a year, is text
    assert tomllib.loads(text)["review_details"]["agency"] == "Northfield Community Health"


def test_a_time_the_author_left_blank_stays_blank(tmp_path):
    review = a_review()
    assert review.chronology.entries[1].time is None
    path = tmp_path / "review.toml"
    save(review, path)
    assert load(path).chronology.entries[1].time is None


@settings(max_examples=20, deadline=None)
@given(reviews())
def test_the_saved_file_follows_the_order_of_the_report(review):
    lines = dumps(review).split("\n")  # not splitlines(): an answer may hold \u2028
    assert lines[0] == f"schema_version = {model.SCHEMA_VERSION}"
    headers = [line.strip("[]") for line in lines if line.startswith("[") and not line.startswith("[[")]
    assert headers == [part.id.replace("-", "_") for part in template().parts] + ["resume"]

    for part in template().parts:
        section = _section(lines, part.id.replace("-", "_"))
        keys = [match[1] for line in section if (match := re.match(r"(\w+) = ", line))]
        in_report_order = ["completed"] + [q.id for q in part.questions]
        assert keys == [key for key in in_report_order if key in keys]  # lists of records may follow as tables


def _section(lines: list[str], table: str) -> list[str]:
    start = lines.index(f"[{table}]") + 1
    end = next((n for n in range(start, len(lines)) if lines[n].startswith("[")), len(lines))
    return lines[start:end]


# Owner-only files and the backup ---------------------------------------------------------------


@pytest.fixture
def open_umask():
    # The most permissive umask: the 0600 must come from how the file is created, not from luck.
    old = os.umask(0)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_saved_file_and_its_backup_are_readable_by_the_author_only(tmp_path, open_umask):
    path = tmp_path / "review.toml"
    path.write_text("left by another program", encoding="utf-8")
    path.chmod(0o644)
    save(a_review(), path)
    copy = backup(path)
    assert copy == tmp_path / "review.toml.bak"
    assert _mode(path) == 0o600
    assert _mode(copy) == 0o600


def test_the_backup_is_the_version_saved_before_this_session(tmp_path):
    path = tmp_path / "review.toml"
    before = a_review()
    save(before, path)
    saved_bytes = path.read_bytes()

    copy = backup(path)  # the wizard opens the file
    changed = a_review()
    changed.introduction.text = "Written in this session"
    save(changed, path)

    assert copy is not None and copy.read_bytes() == saved_bytes
    assert load(copy) == before
    assert load(path) == changed


def test_a_new_review_has_nothing_to_back_up(tmp_path):
    assert backup(tmp_path / "review.toml") is None
    assert list(tmp_path.iterdir()) == []


def test_a_review_saved_into_a_missing_folder_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "gone" / "review.toml"
    with pytest.raises(ReviewFileError) as refused:
        save(a_review(), path)
    assert str(refused.value) == f"{path}: could not save: no such file or directory"


def test_a_save_reaches_the_disc_file_and_folder_so_a_power_cut_cannot_undo_it(tmp_path, monkeypatch):
    flushed = []
    real_fsync = os.fsync

    def recording_fsync(fd):
        flushed.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    save(a_review(), tmp_path / "review.toml")
    assert flushed == ["file", "folder"]


def _disc_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("failing", ["fsync", "replace"])
@pytest.mark.parametrize("action", ["save", "backup"])
def test_a_save_that_fails_leaves_the_previous_file_exactly_and_no_temp_files(tmp_path, monkeypatch, failing, action):
    path = tmp_path / "review.toml"
    save(a_review(), path)
    backup(path)
    edited = a_review()
    edited.introduction.text = "Saved"
    save(edited, path)  # so a backup now would change review.toml.bak too
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    monkeypatch.setattr(os, failing, _disc_full)
    edited.introduction.text = "Not saved"
    with pytest.raises(ReviewFileError) as refused:
        if action == "save":
            save(edited, path)
        else:
            backup(path)
    monkeypatch.undo()

    written = path if action == "save" else tmp_path / "review.toml.bak"
    assert str(refused.value) == f"{written}: could not save: no space left on device"
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # and no temp file left


# Files that cannot be opened -------------------------------------------------------------------




@pytest.mark.parametrize(("content", "expected"), [case[1:] for case in BAD_FILES], ids=[case[0] for case in BAD_FILES])
def test_a_bad_file_is_refused_in_one_line_and_left_untouched(tmp_path, content, expected):
    path = tmp_path / "review.toml"
    if content is not None:
        path.write_bytes(content)
        assert SENTINEL.encode() in content or not content.strip()

    with pytest.raises(ReviewFileError) as refused:
        load(path)

    assert expected in assert_refused_safely(refused.value, str(path))
    if content is not None:
        assert path.read_bytes() == content


def test_a_folder_is_not_a_review_file(tmp_path):
    with pytest.raises(ReviewFileError) as refused:
        load(tmp_path)
    assert str(refused.value) == f"{tmp_path}: is a folder, not a review file"
    assert tmp_path.is_dir()


def test_a_huge_file_is_refused_by_its_size_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "review.toml"
    with path.open("wb") as file:
        file.write(SENTINEL.encode())
        file.truncate(file_limits.MAX_BYTES + 1)  # sparse: quick to make
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file it should refuse"))

    with pytest.raises(ReviewFileError) as refused:
        load(path)
    assert assert_refused_safely(refused.value, str(path)) == f"{path}: is too large to be a review (over 4 MB)"
    assert path.stat().st_size == file_limits.MAX_BYTES + 1


def test_a_file_saved_by_a_windows_editor_with_a_byte_order_mark_opens(tmp_path):
    path = tmp_path / "review.toml"
    path.write_bytes(b"\xef\xbb\xbf" + dumps(a_review()).encode("utf-8"))
    assert load(path) == a_review()


# Whatever the file holds, opening it either works or is refused cleanly --------------------------


def _opens_or_is_refused(text: str) -> None:
    try:
        loads(text, "fuzz.toml")
    except ReviewFileError as error:
        message = str(error)
        assert message.startswith("fuzz.toml: ")
        assert len(message.splitlines()) == 1
        assert SENTINEL not in message


@given(st.one_of(st.text(), st.binary().map(lambda raw: raw.decode("utf-8", errors="replace"))))
def test_any_text_opens_or_is_refused_with_a_review_file_error(text):
    _opens_or_is_refused(text)


@settings(max_examples=30, deadline=None)
@given(reviews(), st.data())
def test_a_damaged_review_file_opens_or_is_refused_with_a_review_file_error(review, data):
    review.introduction.text = SENTINEL
    text = dumps(review)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 200)))
    _opens_or_is_refused(text[:start] + data.draw(st.text(max_size=20)) + text[end:])


@given(reshaped_documents())
def test_a_review_file_with_wrong_shapes_opens_or_is_refused_with_a_review_file_error(text):
    _opens_or_is_refused(text)


# Files from older versions of imr-tui -----------------------------------------------------------


def test_every_older_schema_has_an_upgrade():
    assert sorted(store.MIGRATIONS) == list(range(1, model.SCHEMA_VERSION))


def test_a_review_from_two_versions_ago_is_upgraded_one_step_at_a_time(tmp_path, monkeypatch):
    # Pretend this is schema 3, where schema 2 renamed `organisation` to `agency` and schema 3
    # added the glossary. A schema 1 file must pass through both upgrades, in order.
    steps = []

    def to_2(data):
        steps.append(("to 2", data["schema_version"]))
        data["review_details"]["agency"] = data["review_details"].pop("organisation")
        return data

    def to_3(data):
        steps.append(("to 3", data["schema_version"]))
        data["glossary"] = {"entries": [{"id": 1, "abbreviation": "IMR", "meaning": "Individual Management Review"}]}
        return data

    monkeypatch.setattr(store, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(store, "MIGRATIONS", {1: to_2, 2: to_3})
    old = a_review().model_dump(exclude_none=True)
    old["schema_version"] = 1
    old["review_details"]["organisation"] = old["review_details"].pop("agency")
    del old["glossary"]
    path = tmp_path / "review.toml"
    path.write_text(tomli_w.dumps(old), encoding="utf-8")

    review = load(path)

    assert steps == [("to 2", 1), ("to 3", 2)]
    assert review.schema_version == 3
    assert review.review_details.agency == "Northfield Community Health"
    assert review.glossary.entries[0].abbreviation == "IMR"
    assert review.chronology == a_review().chronology


def test_an_old_review_with_no_upgrade_path_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(store, "MIGRATIONS", {2: lambda data: data})
    path = tmp_path / "review.toml"
    path.write_bytes(_document(_set("schema_version", 1)))

    with pytest.raises(ReviewFileError) as refused:
        load(path)
    assert str(refused.value) == f"{path}: was written with schema 1, which this version of imr-tui cannot upgrade to schema 3"


def test_an_old_review_too_damaged_to_upgrade_is_refused_not_crashed(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(store, "MIGRATIONS", {1: lambda data: data["review_details"]["organisation"] and data})
    path = tmp_path / "review.toml"
    path.write_bytes(_document(_set("schema_version", 1)))

    with pytest.raises(ReviewFileError) as refused:
        load(path)
    assert "cannot upgrade to schema 2" in assert_refused_safely(refused.value, str(path))


@settings(max_examples=30, deadline=None)
@given(st.lists(reviews(), min_size=2, max_size=4))
def test_a_writer_kept_between_saves_writes_each_review_exactly_as_a_fresh_one_would(successive):
    # The wizard keeps one writer for a session, which reuses the text of unchanged records.
    kept = store.TomlWriter()
    for review in successive:
        data = store.snapshot(review)
        assert loads(kept.dumps(data), "review.toml") == review


def test_a_writer_kept_between_saves_sees_a_change_to_one_record_among_many():
    review = blank_review()
    review.chronology.entries = [ChronologyEntry(id=n, what_happened=f"visit {n}") for n in range(1, 201)]
    kept = store.TomlWriter()
    kept.dumps(store.snapshot(review))
    review.chronology.entries[120].what_happened = "changed"
    review.chronology.entries.reverse()  # moved as well: records are known by their ids
    assert loads(kept.dumps(store.snapshot(review)), "review.toml") == review


def test_a_review_path_is_followed_through_a_link_only_to_a_file_that_exists(tmp_path):
    real, link = tmp_path / "real.toml", tmp_path / "link.toml"
    link.symlink_to(real)
    assert store.review_file(link) == link  # nothing there yet: a new review replaces the link
    save(a_review(), real)
    assert store.review_file(link) == real.resolve()
    assert store.review_file(real) == real


# Files too complex to be a review are refused before tomllib reads them ------------------------


def _hostile_shapes() -> dict[str, tuple[str, str]]:
    """Files whose shape alone takes tomllib seconds, and what the refusal says."""
    head = "schema_version = 1\n"
    return {
        "a key of thousands of dotted parts": (head + ".".join(["a"] * 10_000) + " = 1\n", "has a key nested deeper than any review's (line 2)"),
        "a table of thousands of dotted parts": (head + "[" + ".".join(["a"] * 10_000) + "]\n", "has a key nested deeper than any review's (line 2)"),
        "an inline table of thousands of dotted parts": (head + "x = {" + ".".join(["a"] * 10_000) + " = 1}\n", "has a key nested deeper than any review's (line 2)"),
        "millions of values": (head + "x = [" + "1," * 1_000_000 + "]\n", f"holds more than the {file_limits.MAX_VALUES:,} values a review can"),
        "hundreds of thousands of tables": (head + "".join(f"[t{i}]\n" for i in range(150_000)), f"holds more than the {file_limits.MAX_VALUES:,} values a review can"),
        "millions of lines": (head + "\n" * 1_000_000, f"has more than the {file_limits.MAX_LINES:,} lines a review can"),
        "millions of escapes": (head + 'x = "' + "\\n" * 1_000_000 + '"\n', f"has more than the {file_limits.MAX_ESCAPES:,} backslashes a review can"),
    }


@pytest.mark.parametrize("shape", list(_hostile_shapes()))
def test_a_file_too_complex_to_be_a_review_is_refused_before_it_is_parsed(shape, monkeypatch):
    text, said = _hostile_shapes()[shape]
    monkeypatch.setattr(store.tomllib, "loads", lambda _: pytest.fail("parsed a file it should refuse"))
    with pytest.raises(ReviewFileError) as refused:
        store.loads(text, "review.toml")
    assert str(refused.value) == f"review.toml: {said}"


def test_text_that_looks_like_deep_keys_or_many_values_is_only_text():
    review = a_review()
    values = "[1, 2, 3], " * 10_000  # 40,000 commas and brackets an answer: 120,000 in all
    review.childs_journey.narrative = "a.b.c.d.e.f.g.h.i.j = 1\n" + values
    review.childs_journey.race = review.childs_journey.culture = values
    assert store.loads(dumps(review), "review.toml") == review
    commented = "# Checked on 1.2.2011, 3.4.2011, 5.6.2011 and 7.8.2011 {see the file}\n" + dumps(review)
    assert store.loads(commented, "review.toml") == review  # an author's comment, by hand


def test_a_schema_1_review_asks_independence_once_keeping_both_statements(tmp_path):
    data = a_review().model_dump(exclude_none=True)
    data["schema_version"] = 1
    data["review_details"]["independence"] = "I have never worked in Northfield."
    data["introduction"]["independence_statement"] = "I do not manage the staff involved."
    path = tmp_path / "review.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    review = load(path)
    assert review.schema_version == model.SCHEMA_VERSION
    assert review.review_details.independence == "I have never worked in Northfield.\n\nI do not manage the staff involved."
    data["introduction"]["independence_statement"] = "I have never worked in Northfield."  # said twice: once kept
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    assert load(path).review_details.independence == "I have never worked in Northfield."


def test_emergency_copies_made_in_one_second_never_replace_each_other(tmp_path):
    path = tmp_path / "review.toml"
    copies = [store.rescue(store.snapshot(a_review()), path) for _ in range(3)]
    assert len(set(copies)) == 3 and all(c.parent == tmp_path for c in copies)
    with pytest.raises(ReviewFileError, match="already exists"):
        store.create(a_review(), copies[0])
