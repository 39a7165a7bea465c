"""Plain mode when the link drops (SIGHUP) or imr-tui is stopped (SIGTERM): every line typed so
far is saved, the lock released, and it ends quietly with a non-zero status; when the review
cannot be saved, an emergency copy is written and standard error says where."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from imr_tui.core import store
from imr_tui.core.standard_text import new_review

PROGRAM = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from imr_tui.core import store
    from imr_tui.cli import main

    broken = set(sys.argv[2:])  # files, and folders, where writing fails, as on a vanished mount
    write = store._write_atomically

    def write_or_fail(path, data, **how):
        if {str(path), str(path.parent)} & broken:
            raise store.ReviewFileError(f"{path}: could not save: input/output error")
        return write(path, data, **how)

    store._write_atomically = write_or_fail
    sys.exit(main(["--plain", sys.argv[1]]))
    """
)


class Plain:
    """imr-tui --plain on a review, typed into through a pipe."""

    def __init__(self, path: Path, broken: tuple[Path, ...] = (), home: Path | None = None) -> None:
        env = {**os.environ, "HOME": str(home or Path.home())}
        self.process = subprocess.Popen(
            [sys.executable, "-c", PROGRAM, str(path), *map(str, broken)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        )
        self.prompts = 0
        self.wait_for_prompt()

    def wait_for_prompt(self) -> None:
        """Until the next '> ': the line typed before it has been taken."""
        said = b""
        while not said.endswith(b"> "):
            said += self.process.stdout.read(1)
        self.prompts += 1

    def type(self, *lines: str) -> None:
        for line in lines:
            self.process.stdin.write(line.encode() + b"\n")
            self.process.stdin.flush()
            self.wait_for_prompt()

    def hang_up(self, signum: int) -> tuple[int, str]:
        self.process.send_signal(signum)
        status = self.process.wait(timeout=30)
        return status, self.process.stderr.read().decode()


@pytest.fixture
def review_file(tmp_path):
    path = tmp_path / "review.toml"
    store.save(new_review(), path)
    return path


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_hang_up_saves_every_line_typed_releases_the_lock_and_ends_quietly(review_file, signum):
    plain = Plain(review_file)
    plain.type("Child A", "Sibling 1")  # two lines of a list, not yet ended with "."
    status, err = plain.hang_up(signum)
    assert status == 128 + signum and err == ""
    assert store.load(review_file).review_details.children == ["Child A", "Sibling 1"]
    assert not (review_file.parent / "review.toml.lock").exists()


def test_a_hang_up_while_the_review_cannot_be_saved_writes_an_emergency_copy_beside_it(tmp_path):
    folder = tmp_path / "mount"
    folder.mkdir()
    path = folder / "review.toml"
    store.save(new_review(), path)
    before = path.read_bytes()
    plain = Plain(path, broken=(path,), home=tmp_path / "no home")
    plain.type("Child A", ".", "Northtown Health Visiting")  # saving each answer fails
    rescues = sorted(folder.glob("review.toml.rescued-*.toml"))
    assert rescues == []
    status, err = plain.hang_up(signal.SIGHUP)
    assert status == 129 and path.read_bytes() == before
    rescue = next(folder.glob("review.toml.rescued-*.toml"))
    assert err.startswith(f"imr-tui: {path}: could not save: input/output error; your latest changes are in {rescue}")
    assert rescue.stat().st_mode & 0o777 == 0o600
    rescued = store.load(rescue).review_details
    assert (rescued.children, rescued.agency) == (["Child A"], "Northtown Health Visiting")


def test_with_nowhere_beside_the_review_the_emergency_copy_goes_home_and_else_the_loss_is_said(tmp_path):
    folder, home = tmp_path / "mount", tmp_path / "home"
    folder.mkdir()
    home.mkdir()
    path = folder / "review.toml"
    store.save(new_review(), path)

    plain = Plain(path, broken=(folder,), home=home)
    plain.type("Child A", ".")
    status, err = plain.hang_up(signal.SIGTERM)
    assert status == 143 and f"your latest changes are in {home}/review.toml.rescued-" in err
    assert store.load(next(home.glob("review.toml.rescued-*.toml"))).review_details.children == ["Child A"]

    plain = Plain(path, broken=(folder, home), home=home)
    plain.type("Sibling 2", ".")
    status, err = plain.hang_up(signal.SIGTERM)
    assert status == 143
    assert err == f"imr-tui: {path}: could not save: input/output error, and no emergency copy could be written: your latest changes are lost\n"
