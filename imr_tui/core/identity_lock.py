"""The lock on a review file's identity, beside the lock on its name (lock.py).

A lock beside the file goes by its name, and one file can have two (a hard link). So a session
also holds a lock on the file's identity, its device and inode, in a folder of the user's own
(/run/user/UID, else imr-tui-UID in the temporary folder, whatever the environment says, so that
an SSH login, su and cron agree): two names for one file take the same one. Each save replaces the
file, giving it a new inode and freeing the old one for any other file, so the lock moves to the
new identity after each save (ReviewLock.follow_the_file).
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from contextlib import suppress
from pathlib import Path

MOST_LOCK_BYTES = 4096  # a real lock file is about 100 bytes
ATTEMPTS = 5  # a retry happens only when another session changes the lock file between two steps
# What flock says in a folder that cannot lock files (NFS with no lock daemon, some FUSE mounts).
CANNOT_LOCK = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS}


class OpenUnderAnotherName(Exception):
    """Another session holds this file's identity: it opened the file by another name."""


def is_at(fd: int, file: Path) -> bool:
    """Whether the open file `fd` is still the one at `file`."""
    try:
        return identity(os.stat(file, follow_symlinks=False)) == identity(os.fstat(fd))
    except FileNotFoundError:
        return False


def identity(info: os.stat_result) -> tuple[int, int]:
    """A file's identity: its device and inode."""
    return info.st_dev, info.st_ino


class IdentityLock:
    """The flock on a review file's identity (see the module's notes)."""

    def __init__(self, file: Path, fd: int) -> None:
        self.file = file
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            with suppress(OSError):
                if is_at(fd, self.file):
                    self.file.unlink()  # under the flock, as for the lock beside the file
        finally:
            os.close(fd)


def lock_identity(review: Path) -> IdentityLock | None:
    """Lock the device and inode of the file at `review`; None where there is no file yet, or no
    folder of the user's own to lock it in (the lock beside the file still stands)."""
    folder = _private_folder()
    try:
        info = os.stat(review)
    except FileNotFoundError:
        return None
    if folder is None:
        return None
    file = folder / f"{info.st_dev}-{info.st_ino}.lock"
    for _ in range(ATTEMPTS):
        fd = os.open(file, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            held = os.pread(fd, MOST_LOCK_BYTES, 0)
            os.close(fd)
            if _still_this_file(held, info):
                raise OpenUnderAnotherName
            return None  # its holder's file has been replaced since: the number now names this one
        except OSError as error:
            os.close(fd)
            if error.errno in CANNOT_LOCK:
                return None
            raise
        if is_at(fd, file):
            # The name it was opened by: another program may replace that file (and free this
            # inode number for a new one) without the holder knowing, until it saves again.
            os.ftruncate(fd, 0)
            os.pwrite(fd, os.fsencode(str(review.absolute())), 0)
            return IdentityLock(file, fd)
        os.close(fd)  # released and removed by its session meanwhile: try again
    return None


def _still_this_file(held_by: bytes, info: os.stat_result) -> bool:
    """Whether the file a held identity lock was taken for is still the file `info` describes.
    A lock that names no file (its holder between two steps of taking it) is given the benefit
    of the doubt: the lock beside the file still stands."""
    try:
        return bool(held_by) and identity(os.stat(os.fsdecode(held_by))) == identity(info)
    except (OSError, ValueError):
        return False


IDENTITY_FOLDERS = (Path(f"/run/user/{os.getuid()}"), Path("/tmp"))  # the first that is there


def _private_folder() -> Path | None:
    """A folder only this user can use, for identity locks; None if none can be made safely."""
    base = next((folder for folder in IDENTITY_FOLDERS if folder.is_dir()), None)
    if base is None:
        return None
    folder = base / f"imr-tui-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    # In a shared folder (/tmp) someone else may have made it first, or put a link there.
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return folder
