"""Only one imr-tui session at a time edits a review file.

A second session is refused and told who has the review open and since when. A lock left by a
session that ended, even one killed outright, is taken over with a note that says so. Nothing in
any message comes from the review.
"""

from __future__ import annotations

import datetime as dt
import errno
import getpass
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr_tui.core import identity_lock
from imr_tui.core.lock import ReviewLocked, acquire, lock_path
from imr_tui.core.store import ReviewFileError

SENTINEL = "Zephyrine Quockerwodger"  # stands for the child's name: must never reach a message

# A second imr-tui session in its own process. It holds the lock until its stdin closes.
OTHER_SESSION = """
import os
import sys
from pathlib import Path
from imr_tui.core import identity_lock
from imr_tui.core.lock import ReviewLocked, acquire
if "IMR_TUI_TEST_IDENTITY_FOLDER" in os.environ:  # the test's own, as in this process
    identity_lock.IDENTITY_FOLDERS = (Path(os.environ["IMR_TUI_TEST_IDENTITY_FOLDER"]),)
sys.stdin.readline()  # wait for the starting signal, so that several sessions can start together
try:
    lock = acquire(Path(sys.argv[1]))
except ReviewLocked:
    print("refused", flush=True)
else:
    print("holding", flush=True)
    sys.stdin.read()  # until the author closes the review
    lock.release()
"""


@pytest.fixture
def review(tmp_path: Path) -> Path:
    path = tmp_path / "review.toml"
    path.write_text(f'[review_details]\nchildren = ["{SENTINEL}"]\n', encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.fixture
def open_umask():
    # The most permissive umask: the 0600 must come from how the file is created, not from luck.
    old = os.umask(0)
    yield
    os.umask(old)


@pytest.fixture
def sessions():
    """Starts other imr-tui sessions as real processes, and ends any still running afterwards."""
    started: list[subprocess.Popen] = []

    def start(review: Path, go: bool = True) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-c", OTHER_SESSION, str(review)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        if go:
            process.stdin.write("go\n")
            process.stdin.flush()
            assert process.stdout.readline() == "holding\n"
        return process

    yield start
    for process in started:
        process.kill()
        process.wait()


def lock_file_says(review: Path) -> dict:
    return json.loads(lock_path(review).read_text(encoding="utf-8"))


def shown(since: str) -> str:
    """How a lock's start time appears to the author: their local time, day first."""
    return dt.datetime.fromisoformat(since).astimezone().strftime("%d/%m/%Y %H:%M")


def write_lock(review: Path, **fields: object) -> None:
    written = {"user": "jo", "host": socket.gethostname(), "pid": 4242, "since": "2026-11-26T14:02:00+00:00"} | fields
    lock_path(review).write_text(json.dumps(written), encoding="utf-8")


def untouched(*paths: Path) -> list[tuple[bytes, int, int, int]]:
    """What would change if a refused session wrote to, replaced or changed the mode of a file."""
    return [(p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns, p.stat().st_mode) for p in paths]


def assert_one_safe_line(message: str) -> None:
    assert len(message.splitlines()) == 1
    assert SENTINEL not in message


# An author opens a review ------------------------------------------------------------------------


def test_an_author_who_opens_a_review_holds_a_lock_naming_them_that_only_they_can_read(review, open_umask):
    with acquire(review) as lock:
        assert lock.took_over is None
        assert lock.file == review.with_name("review.toml.lock")
        assert stat.S_IMODE(lock.file.stat().st_mode) == 0o600
        says = lock_file_says(review)
        assert (says["user"], says["host"], says["pid"]) == (getpass.getuser(), socket.gethostname(), os.getpid())
        assert SENTINEL not in lock.file.read_text(encoding="utf-8")
    assert not lock.file.exists()


def test_opening_the_same_review_twice_in_one_session_is_refused(review):
    with acquire(review):
        with pytest.raises(ReviewLocked) as refused:
            acquire(review)
    assert str(refused.value) == f"{review} is already open in this imr-tui session"


# A second session ----------------------------------------------------------------------------------


def test_a_second_session_is_refused_naming_who_has_the_review_open_and_nothing_is_touched(review, sessions):
    sessions(review)
    says = lock_file_says(review)
    before = untouched(review, lock_path(review))

    with pytest.raises(ReviewLocked) as refused:
        acquire(review)

    message = str(refused.value)
    assert message == (
        f"{review} is open in another imr-tui session "
        f"(user {says['user']} on host {says['host']}, since {shown(says['since'])}); close that one first"
    )
    assert says["user"] == getpass.getuser() and says["host"] == socket.gethostname()
    assert_one_safe_line(message)
    assert not refused.value.can_force
    assert untouched(review, lock_path(review)) == before
    assert sorted(p.name for p in review.parent.iterdir()) == ["review.toml", "review.toml.lock"]


def test_a_live_session_is_never_taken_over_even_when_the_author_insists(review, sessions):
    sessions(review)
    before = untouched(lock_path(review))
    with pytest.raises(ReviewLocked):
        acquire(review, force=True)
    assert untouched(lock_path(review)) == before


def test_when_the_other_session_closes_the_review_opens_with_nothing_to_report(review, sessions):
    other = sessions(review)
    other.stdin.close()  # the other author closes the review
    assert other.wait(timeout=10) == 0
    with acquire(review) as lock:
        assert lock.took_over is None


def test_a_lock_left_by_a_killed_session_is_taken_over_and_the_author_is_told(review, sessions, open_umask):
    other = sessions(review)
    says = lock_file_says(review)
    other.send_signal(signal.SIGKILL)
    other.wait(timeout=10)
    assert lock_path(review).exists()  # a killed session cannot tidy up

    with acquire(review) as lock:
        assert lock.took_over == (
            "took over the lock left by an imr-tui session that ended "
            f"(user {says['user']} on host {says['host']}, since {shown(says['since'])})"
        )
        assert lock_file_says(review)["pid"] == os.getpid()
        assert stat.S_IMODE(lock.file.stat().st_mode) == 0o600


def test_a_lock_whose_process_id_now_belongs_to_another_program_is_taken_over(review):
    # After a reboot the old session's process id is often in use again: that proves nothing.
    write_lock(review, pid=os.getppid())
    with acquire(review) as lock:
        assert lock.took_over.startswith("took over the lock left by an imr-tui session that ended")


# Locks from another computer, and damaged locks --------------------------------------------------


def test_a_lock_from_another_computer_is_refused_unless_the_author_says_that_session_has_ended(review):
    write_lock(review, host="wks12")
    before = untouched(review, lock_path(review))
    held = f"user jo on host wks12, since {shown('2026-11-26T14:02:00+00:00')}"

    with pytest.raises(ReviewLocked) as refused:
        acquire(review)
    assert str(refused.value) == (
        f"{review} may be open in an imr-tui session on another computer ({held}); "
        "close that one first, or, if you are sure it has ended, take over its lock"
    )
    assert refused.value.can_force and refused.value.holder.host == "wks12"
    assert untouched(review, lock_path(review)) == before

    with acquire(review, force=True) as lock:
        assert lock.took_over == f"took over the lock of an imr-tui session on another computer ({held}), as asked"
        assert lock_file_says(review)["host"] == socket.gethostname()


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\xff\xfe not text",
        b'{"user": "jo"}',
        b"[" * 3000,
        json.dumps({"user": f"jo\n{SENTINEL}", "host": "wks12", "pid": 1, "since": "2026-11-26T14:02:00"}).encode(),
        json.dumps({"user": "jo", "host": "wks12", "pid": True, "since": "2026-11-26T14:02:00"}).encode(),
        json.dumps({"user": "jo", "host": "wks12", "pid": 1, "since": "26/11/2026"}).encode(),
    ],
)
def test_a_damaged_lock_is_taken_over_and_the_author_is_told(review, damage):
    lock_path(review).write_bytes(damage)
    with acquire(review) as lock:
        assert lock.took_over == "took over a damaged lock file (review.toml.lock)"
        assert lock_file_says(review)["pid"] == os.getpid()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    left=st.binary(max_size=300)
    | st.fixed_dictionaries(
        {
            "user": st.text(max_size=20) | st.integers(),
            "host": st.sampled_from([socket.gethostname(), "wks12"]) | st.text(max_size=20),
            "pid": st.integers(min_value=-1, max_value=2**70),
            "since": st.datetimes().map(dt.datetime.isoformat) | st.text(max_size=30),
        }
    ).map(lambda fields: json.dumps(fields).encode())
)
def test_whatever_a_left_lock_file_holds_opening_gives_a_lock_or_a_one_line_refusal(tmp_path, left):
    review = tmp_path / "review.toml"
    lock_path(review).write_bytes(left)
    try:
        lock = acquire(review)
    except ReviewLocked as refused:  # only a readable lock from another computer is refused
        assert refused.can_force and refused.holder.host != socket.gethostname()
        assert_one_safe_line(str(refused))
        assert lock_path(review).read_bytes() == left
    else:
        assert_one_safe_line(lock.took_over)
        lock.release()
        assert not lock_path(review).exists()


# Releasing -----------------------------------------------------------------------------------------


def test_releasing_removes_only_our_own_lock_and_never_fails(review):
    lock = acquire(review)
    # Someone on another computer took the review over (force) while this session still had it.
    theirs = review.with_name("theirs")
    theirs.write_text(json.dumps({"user": "sam", "host": "wks12", "pid": 7, "since": "2026-11-26T15:00:00"}))
    os.replace(theirs, lock_path(review))
    before = untouched(lock_path(review))

    lock.release()
    assert untouched(lock_path(review)) == before
    lock.release()  # twice is harmless

    lock_path(review).unlink()
    with acquire(review) as again:
        again.file.unlink()  # removed by hand while open
    assert not again.file.exists()


# Sessions that start at the same moment ------------------------------------------------------------


@pytest.mark.parametrize("left", [None, b"damaged"], ids=["no lock yet", "a stale lock to take over"])
def test_of_several_sessions_started_at_the_same_moment_exactly_one_opens_the_review(review, sessions, left):
    if left is not None:
        lock_path(review).write_bytes(left)
    racers = [sessions(review, go=False) for _ in range(5)]
    for racer in racers:
        racer.stdin.write("go\n")
    for racer in racers:
        racer.stdin.flush()
    outcomes = sorted(racer.stdout.readline() for racer in racers)
    assert outcomes == ["holding\n"] + ["refused\n"] * 4
    assert lock_file_says(review)["pid"] in {racer.pid for racer in racers}


def test_of_threads_racing_to_take_over_a_stale_lock_exactly_one_wins_every_time(review):
    for _ in range(60):
        write_lock(review, pid=1, host=socket.gethostname())
        barrier = threading.Barrier(8)
        won, refused = [], []

        def open_review() -> None:
            barrier.wait()
            try:
                won.append(acquire(review))
            except ReviewLocked:
                refused.append(True)

        threads = [threading.Thread(target=open_review) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert (len(won), len(refused)) == (1, 7)
        won[0].release()


def test_a_lock_that_cannot_be_written_is_reported_in_one_line_without_a_traceback(review):
    lock_path(review).mkdir()  # something in the way that is not a lock file
    with pytest.raises(ReviewFileError) as failed:
        acquire(review)
    assert str(failed.value) == f"{lock_path(review)}: could not lock the review: is a directory"
    assert failed.value.__cause__ is None and failed.value.__suppress_context__


# A folder that cannot lock files -------------------------------------------------------------


@pytest.fixture
def folder_cannot_lock(monkeypatch):
    """As on an NFS share whose server runs no lock daemon: every flock fails with ENOLCK."""

    def flock(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr("imr_tui.core.lock.fcntl.flock", flock)


@pytest.fixture
def running_process():
    """Another program running on this host: its process id may be named in a lock file."""
    process = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    yield process.pid
    process.kill()
    process.wait()


def test_where_files_cannot_be_locked_the_review_opens_and_its_lock_file_is_released(review, folder_cannot_lock):
    lock = acquire(review)
    assert lock.took_over is None
    assert lock_file_says(review)["pid"] == os.getpid()
    lock.release()
    assert not lock_path(review).exists()


def test_where_files_cannot_be_locked_a_session_still_running_is_not_taken_over_unasked(
    review, folder_cannot_lock, running_process
):
    write_lock(review, pid=running_process)
    before = untouched(review, lock_path(review))
    with pytest.raises(ReviewLocked) as refusal:
        acquire(review)
    assert refusal.value.can_force and "cannot lock files" in str(refusal.value)
    assert_one_safe_line(str(refusal.value))
    assert untouched(review, lock_path(review)) == before

    lock = acquire(review, force=True)  # the author says that session has ended
    assert "as asked" in lock.took_over and lock_file_says(review)["pid"] == os.getpid()
    lock.release()


def test_where_files_cannot_be_locked_a_lock_left_by_a_process_that_ended_is_taken_over(review, folder_cannot_lock):
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    write_lock(review, pid=int(ended.stdout))
    lock = acquire(review)
    assert "ended" in lock.took_over and lock_file_says(review)["pid"] == os.getpid()
    lock.release()


# Two names for one file ---------------------------------------------------------------------------


@pytest.fixture
def own_folder(tmp_path, monkeypatch) -> Path:
    """The user's own runtime folder, where identity locks live (a session started by a test
    inherits it through the environment: see OTHER_SESSION)."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setattr(identity_lock, "IDENTITY_FOLDERS", (runtime,))
    monkeypatch.setenv("IMR_TUI_TEST_IDENTITY_FOLDER", str(runtime))
    return runtime


def test_a_review_open_under_one_name_is_refused_under_another_that_is_the_same_file(review, own_folder, sessions, tmp_path):
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    for other_name in (review.with_name("copy.toml"), elsewhere / "review.toml"):
        other_name.hardlink_to(review)
        holding = sessions(review)
        with pytest.raises(ReviewLocked) as refused:
            acquire(other_name)
        assert str(refused.value) == (
            f"{other_name} is open in another imr-tui session under another name (a link to the same file); "
            "close that one first"
        )
        assert not lock_path(other_name).exists()  # nothing left behind by the refusal
        holding.stdin.close()
        holding.wait()
        acquire(other_name).release()  # once the first session has closed it
        other_name.unlink()
    assert list((own_folder / f"imr-tui-{os.getuid()}").iterdir()) == []  # released locks are removed


def test_an_identity_folder_others_could_use_is_not_trusted_and_the_name_lock_still_holds(review, own_folder, sessions):
    runtime = own_folder
    (runtime / f"imr-tui-{os.getuid()}").mkdir(mode=0o777)
    (runtime / f"imr-tui-{os.getuid()}").chmod(0o777)
    lock = acquire(review)
    assert lock.identity is None
    assert list((runtime / f"imr-tui-{os.getuid()}").iterdir()) == []
    lock.release()
    sessions(review)
    with pytest.raises(ReviewLocked):
        acquire(review)


def test_after_a_save_the_identity_lock_follows_the_file_and_frees_the_old_identity(review, own_folder, tmp_path):
    from imr_tui.core.opening import open_review
    from imr_tui.core.session import ReviewSession
    from imr_tui.core.standard_text import new_review
    from imr_tui.core import store

    store.save(new_review(), review)
    opened = open_review(review)
    before = review.stat().st_ino
    session = ReviewSession(review, opened.review, opened.known, opened.lock)
    session.review.review_details.agency = "Changed"
    session.changed()
    assert session.save() and review.stat().st_ino != before
    folder = own_folder / f"imr-tui-{os.getuid()}"
    assert [p.name for p in folder.iterdir()] == [f"{review.stat().st_dev}-{review.stat().st_ino}.lock"]
    other = tmp_path / "other.toml"  # a new file may now be given the old inode: it must open
    store.save(new_review(), other)
    acquire(other).release()
    session.close()
    opened.close()


def test_a_held_identity_whose_file_was_replaced_since_does_not_refuse_a_new_file_given_its_number(review, own_folder, tmp_path):
    # Another program replaced the holder's file, freeing the inode number it had locked; the
    # filesystem gave the number to a new review. That review must open.
    new = tmp_path / "new.toml"
    new.write_text("", encoding="utf-8")
    info = new.stat()
    folder = own_folder / f"imr-tui-{os.getuid()}"
    folder.mkdir(mode=0o700)
    held = folder / f"{info.st_dev}-{info.st_ino}.lock"
    held.write_text(str(review), encoding="utf-8")  # taken for `review`, which is another file now
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, sys; f = open(sys.argv[1]); fcntl.flock(f, fcntl.LOCK_EX); "
         "print('holding', flush=True); sys.stdin.read()", str(held)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline() == "holding\n"
        acquire(new).release()
        review.unlink()
        review.hardlink_to(new)  # now it *is* the same file: refused
        with pytest.raises(ReviewLocked, match="under another name"):
            acquire(new)
    finally:
        holder.stdin.close()
        holder.wait()
