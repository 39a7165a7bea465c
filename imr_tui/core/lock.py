"""One imr-tui session at a time for each review file.

While a review is open its session holds FILE.lock, which sits beside it (review.toml.lock). The
lock file says who holds it (user, host, process, since when) so that a refusal can name them.
Whether that holder is still alive is for the kernel to say, not a process id: the session keeps
an flock on the file, and the kernel drops the flock when the process ends in any way (a crash,
SIGKILL, a dropped SSH link). Nothing polls and no thread is needed. A lock file that nobody holds
was left by a session that ended, so the next session takes it over and says so. A
process id cannot be trusted for this: after a reboot, or in a container, the same id often
belongs to another program.

The one doubt is a lock written on another host. A network share may not pass flocks between
computers, so that session may still be alive. Such a lock is refused unless the author says that
session has ended (`force=True`).

Some folders cannot lock files at all (an NFS share whose server runs no lock daemon answers
ENOLCK). There the lock file alone guards the review: a session can still be refused, but whether
its holder is alive the kernel cannot say. A lock left on this host by a process that no longer
runs is taken over; any other is refused unless the author says that session has ended.

Only the holder of the flock on the file at FILE.lock may replace or remove it. That rule is why
two sessions that start together, or that take over the same stale lock together, cannot both win.
Messages name the file, a user, a host and a time, and never anything from the review.

A lock beside the file goes by its name, and one file can have two (a hard link): the session
also holds a lock on the file's identity (identity_lock.py).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import getpass
import json
import os
import secrets
import socket
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from imr_tui.core.dates import format_date, format_time
from imr_tui.core.identity_lock import (
    ATTEMPTS,
    CANNOT_LOCK,
    MOST_LOCK_BYTES,
    IdentityLock,
    OpenUnderAnotherName,
    identity,
    is_at,
    lock_identity,
)
from imr_tui.core.store import ReviewFileError, os_reason

_MOST_NAME_CHARS = 256

# (device, inode) of every lock file this process holds. A second open is caught here before the
# file is opened at all: on NFS, Linux emulates flock with POSIX locks, and POSIX locks neither
# conflict within one process nor survive that process closing any other descriptor for the file.
_held_here: set[tuple[int, int]] = set()


@dataclass(frozen=True)
class LockHolder:
    """The session a lock file names."""

    user: str
    host: str
    pid: int
    since: dt.datetime

    @classmethod
    def this_session(cls) -> LockHolder:
        try:
            user = getpass.getuser()
        except (OSError, KeyError):  # no login name in the environment or in the password file
            user = str(os.getuid())
        return cls(user, socket.gethostname(), os.getpid(), dt.datetime.now().astimezone().replace(microsecond=0))

    def describe(self) -> str:
        """'user jo on host wks12, since 26/11/2026 14:02' (the reader's local time)."""
        local = self.since.astimezone()
        return f"user {self.user} on host {self.host}, since {format_date(local.date())} {format_time(local.time())}"

    def to_bytes(self) -> bytes:
        data = {"user": self.user, "host": self.host, "pid": self.pid, "since": self.since.isoformat()}
        return (json.dumps(data) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> LockHolder | None:
        """The holder a lock file names; None if it is not a lock file imr-tui wrote."""
        try:
            data = json.loads(raw.decode("utf-8"))
            holder = cls(data["user"], data["host"], data["pid"], dt.datetime.fromisoformat(data["since"]))
            holder.since.astimezone()  # a time at the very edge of the calendar cannot be shown
        except (ValueError, KeyError, TypeError, RecursionError, OverflowError, OSError):
            return None
        # Names are checked because they will appear in a message: one line, of modest length.
        names_fit = all(
            isinstance(name, str) and 0 < len(name) <= _MOST_NAME_CHARS and name.isprintable()
            for name in (holder.user, holder.host)
        )
        pid_fits = type(holder.pid) is int and holder.pid > 0
        return holder if names_fit and pid_fits else None


class ReviewLocked(ReviewFileError):
    """The review is open in another session. The message is one line naming the file and the holder.

    `can_force` is True only when the holder is on another host and may have ended; the author
    may then choose to take over with `acquire(path, force=True)`.
    """

    def __init__(self, message: str, holder: LockHolder | None, can_force: bool = False) -> None:
        super().__init__(message)
        self.holder = holder
        self.can_force = can_force


class ReviewLock:
    """Held while a review is open. Call `release()` when it closes, or use it in a `with` block."""

    def __init__(self, review: Path, fd: int, holder: LockHolder, took_over: str | None) -> None:
        self.identity: IdentityLock | None = None  # set by acquire once the name is locked
        self.review = review
        self.file = lock_path(review)
        self.holder = holder
        self.took_over = took_over  # one line for the author when a stale lock was replaced
        self._fd: int | None = fd
        self._key = identity(os.fstat(fd))
        _held_here.add(self._key)

    def release(self) -> None:
        """Remove the lock file if it is still ours. Safe to call twice; never raises."""
        if self._fd is None:
            return
        if self.identity is not None:
            self.identity.release()
        fd, self._fd = self._fd, None
        _held_here.discard(self._key)
        try:
            # Removed while the flock is still held, so a session waiting on this file sees it gone.
            with suppress(OSError):
                if is_at(fd, self.file):
                    self.file.unlink()
        finally:
            os.close(fd)

    def follow_the_file(self) -> None:
        """After a save replaced the file: hold its new identity and let the old one go. Should
        another session hold the new one (a link made since, and opened), the old is kept."""
        try:
            identity = lock_identity(self.review)
        except (OpenUnderAnotherName, OSError):
            return
        if self.identity is not None:
            self.identity.release()
        self.identity = identity

    def __enter__(self) -> ReviewLock:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def lock_path(review: Path) -> Path:
    return review.with_name(review.name + ".lock")


def acquire(review: Path, *, force: bool = False) -> ReviewLock:
    """Lock `review` for this session, taking over a lock that a session left when it ended.

    Raises ReviewLocked if another live session holds it, or if a session on another host may
    still hold it (unless `force`). Raises ReviewFileError if the lock file cannot be written.
    """
    file = lock_path(review)
    me = LockHolder.this_session()
    try:
        for _ in range(ATTEMPTS):
            lock = _try_to_lock(review, file, me, force)
            if lock is not None:
                break
        else:
            raise ReviewFileError(f"{file}: could not lock the review: other sessions kept changing the lock")
        try:
            lock.identity = lock_identity(review)
        except OpenUnderAnotherName:
            lock.release()
            raise ReviewLocked(
                f"{review} is open in another imr-tui session under another name (a link to the same "
                "file); close that one first",
                None,
            ) from None
        except BaseException:
            lock.release()
            raise
        return lock
    except OSError as error:
        raise ReviewFileError(f"{file}: could not lock the review: {os_reason(error)}") from None


def _try_to_lock(review: Path, file: Path, me: LockHolder, force: bool) -> ReviewLock | None:
    """The lock, or None when the lock file changed under us and it is worth another try."""
    with suppress(FileNotFoundError):
        if identity(os.stat(file, follow_symlinks=False)) in _held_here:
            raise ReviewLocked(f"{review} is already open in this imr-tui session", None)
    try:
        fd = os.open(file, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        created = True
    except FileExistsError:
        try:
            fd = os.open(file, os.O_RDWR | os.O_NOFOLLOW)
        except FileNotFoundError:
            return None  # its session just released it
        created = False
    try:
        kernel_lock = True
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = LockHolder.from_bytes(_read_lock_file(file))
            named = f" ({holder.describe()})" if holder else ""
            message = f"{review} is open in another imr-tui session{named}; close that one first"
            raise ReviewLocked(message, holder) from None
        except OSError as error:
            if error.errno not in CANNOT_LOCK:
                raise
            kernel_lock = False  # the lock file alone guards the review (see the module's notes)
        if not is_at(fd, file):
            return None  # replaced or removed before our flock took hold
        if created:
            try:
                os.write(fd, me.to_bytes())
            except OSError:
                file.unlink()  # an empty lock would tell the next session nothing
                raise
            lock, fd = ReviewLock(review, fd, me, None), None
            return lock

        left = LockHolder.from_bytes(os.pread(fd, MOST_LOCK_BYTES, 0))
        if left is None:
            note = f"took over a damaged lock file ({file.name})"
        elif not kernel_lock and (left.host != me.host or _running(left.pid)):
            if not force:
                raise ReviewLocked(
                    f"{review} may be open in another imr-tui session ({left.describe()}): this folder "
                    "cannot lock files, so that cannot be checked; close that one first, or, if you are "
                    "sure it has ended, take over its lock",
                    left,
                    can_force=True,
                )
            note = f"took over the lock of an imr-tui session ({left.describe()}), as asked"
        elif left.host != me.host:
            if not force:
                raise ReviewLocked(
                    f"{review} may be open in an imr-tui session on another computer ({left.describe()}); "
                    "close that one first, or, if you are sure it has ended, take over its lock",
                    left,
                    can_force=True,
                )
            note = f"took over the lock of an imr-tui session on another computer ({left.describe()}), as asked"
        else:
            note = f"took over the lock left by an imr-tui session that ended ({left.describe()})"
        return _take_over(review, file, me, note, kernel_lock)
    finally:
        if fd is not None:
            os.close(fd)  # drops our flock on the old file, after it has been replaced


def _take_over(review: Path, file: Path, me: LockHolder, note: str, kernel_lock: bool) -> ReviewLock:
    """Put a fresh lock (ours, 0600) in place of the stale one, whose flock the caller holds."""
    temp = file.with_name(f".{file.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        if kernel_lock:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a new file: nobody else can hold it
        os.write(fd, me.to_bytes())
        os.replace(temp, file)
    except BaseException:
        os.close(fd)
        with suppress(OSError):
            temp.unlink()
        raise
    return ReviewLock(review, fd, me, note)


def _read_lock_file(file: Path) -> bytes:
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return b""
    try:
        return os.read(fd, MOST_LOCK_BYTES)
    except OSError:
        return b""
    finally:
        os.close(fd)


def _running(pid: int) -> bool:
    """Whether a process `pid` runs on this host (trusted only where no flock can say more)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    return True
