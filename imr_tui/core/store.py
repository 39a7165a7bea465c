"""Saving and loading a review as a human-readable TOML file.

The file holds special-category personal data about a child, so it is written owner-only and
atomically (a crash or a full disc never leaves half a review), and no error raised here ever
quotes the document: messages are built from line/column numbers and field paths only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
import stat
import tomllib
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import tomli_w
from pydantic import ValidationError

from imr_tui.core.file_limits import MAX_BYTES, beyond_limits
from imr_tui.core.migrations import MIGRATIONS
from imr_tui.core.model import SCHEMA_VERSION, Review
from imr_tui.core.problems import problems

_TOML_WHERE = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)$")


LISTED_PROBLEMS = 100  # of a file that holds the wrong things, the most described, one line each


class ReviewFileError(Exception):
    """Why a review file could not be read or saved: one line, naming the file, never quoting it.
    For a file that holds the wrong things, `problems` describes the first of them (all, up to
    LISTED_PROBLEMS) and `count` says how many were found."""

    def __init__(self, message: str, problems: list[str] | None = None, count: int = 0) -> None:
        super().__init__(message)
        self.problems = problems or []
        self.count = count or len(self.problems)


def snapshot(review: Review) -> dict:
    """The review as plain data, fit to save: quick, so it can be taken between two keystrokes."""
    return review.model_dump(exclude_none=True)


def dumps(review: Review) -> str:
    return TomlWriter().dumps(snapshot(review))


def _is_records(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


class TomlWriter:
    """Writes review snapshots as TOML, keeping the text of every record it has written, so that
    the next save writes again only the records that changed. tomli-w is pure Python: a whole
    2,000-entry chronology takes it about 0.2 s, held against the author's typing.

    The layout is tomli-w's: a part's own answers under [part], then each record as
    [[part.list]]. Strings keep tomli-w's default single-line form, which keeps \r (its multi-line
    strings would lose it)."""

    def __init__(self) -> None:
        self._records: dict[tuple[str, object], tuple[dict, str]] = {}

    def dumps(self, data: dict) -> str:
        answers = {key: value for key, value in data.items() if not isinstance(value, dict)}
        chunks = [tomli_w.dumps(answers)]
        chunks.extend(self._part(name, part) for name, part in data.items() if isinstance(part, dict))
        return "\n".join(chunks)

    def _part(self, name: str, part: dict) -> str:
        answers = {key: value for key, value in part.items() if not _is_records(value)}
        chunks = [f"[{name}]\n{tomli_w.dumps(answers)}"]
        for key, records in part.items():
            if _is_records(records):
                chunks.extend(self._record(f"{name}.{key}", n, record) for n, record in enumerate(records))
        return "\n".join(chunks)

    def _record(self, table: str, position: int, record: dict) -> str:
        # Known by its stable id (a term's analysis by its term), so reordering costs nothing.
        key = (table, record.get("id", record.get("term", position)))
        known = self._records.get(key)
        if known is not None and known[0] == record:
            return known[1]
        text = f"[[{table}]]\n{tomli_w.dumps(record)}"
        self._records[key] = (record, text)
        return text


def loads(text: str, source: str) -> Review:
    """The review in `text`; `source` names the file in any ReviewFileError."""
    if not text.strip():
        raise ReviewFileError(f"{source}: is empty")
    if (too_complex := beyond_limits(text)) is not None:
        raise ReviewFileError(f"{source}: {too_complex}")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ReviewFileError(f"{source}: {_toml_problem(error)}") from None
    except (ValueError, RecursionError):  # a 5,000-digit number, or arrays nested thousands deep
        raise ReviewFileError(f"{source}: is not valid TOML (a number or nesting too large)") from None

    version = data.get("schema_version")
    if version is None:
        raise ReviewFileError(f"{source}: has no schema_version, so it is not a review file")
    if type(version) is not int:  # a TOML true would pass isinstance(version, int)
        raise ReviewFileError(f"{source}: schema_version must be a whole number")
    if version > SCHEMA_VERSION:
        raise ReviewFileError(
            f"{source}: was written by a newer imr-tui (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}): open it with that version"
        )
    if version < SCHEMA_VERSION:
        try:
            data = migrate(data)
        except Exception:  # an old file too broken to upgrade is refused, never a crash
            raise ReviewFileError(
                f"{source}: was written with schema {version}, which this version of imr-tui "
                f"cannot upgrade to schema {SCHEMA_VERSION}"
            ) from None

    try:
        return Review.model_validate(data)
    except ValidationError as error:
        found = problems(error, most=LISTED_PROBLEMS)
        more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
        raise ReviewFileError(f"{source}: {found[0]}{more}", found, error.error_count()) from None


def load(path: Path) -> Review:
    """The review saved at `path`; ReviewFileError (one line, naming `path`) if it cannot be used."""
    return _review_in(_read(path), path)


def _review_in(raw: bytes, path: Path) -> Review:
    if not raw:
        raise ReviewFileError(f"{path}: is empty")
    try:
        # A BOM is dropped: editors on Windows add one when an author edits the file by hand.
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise ReviewFileError(f"{path}: is not UTF-8 text (bad byte at offset {error.start})") from None
    return loads(text, str(path))


def review_file(path: Path) -> Path:
    """The file a review's path names, followed through a symbolic link to an existing file.

    Done once, when the review is opened: a save replaces the file at its path, so through the
    link it would replace the link with a copy and leave the file it points to (on a shared drive,
    say) as it was; and the lock and backup belong beside the file itself, so that two links to
    one review share one lock."""
    return path.resolve() if path.is_symlink() and path.exists() else path


def save(review: Review, path: Path) -> FileState:
    """Write the review to `path` atomically, readable by its owner only."""
    return save_snapshot(snapshot(review), path)


def create(review: Review, path: Path) -> FileState:
    """Write a new review to `path` as `save` does, never over a file that appeared meanwhile."""
    raw = TomlWriter().dumps(snapshot(review)).encode("utf-8")
    try:
        return FileState.of(_write_atomically(path, raw, replace=False), raw)
    except FileExistsError:
        raise ReviewFileError(f"{path}: already exists; nothing was written over it") from None


def save_snapshot(data: dict, path: Path, writer: TomlWriter | None = None) -> FileState:
    """Write a snapshot (see `snapshot`) as `save` does, in any thread; a `writer` kept from one
    save to the next makes each save write again only what changed. Returns the file as written."""
    raw = (writer or TomlWriter()).dumps(data).encode("utf-8")
    return FileState.of(_write_atomically(path, raw), raw)


@dataclass(frozen=True)
class FileState:
    """A review file as imr-tui last read or wrote it, to notice when another program (an editor,
    a sync client, a session on another computer) has changed it since."""

    size: int
    modified_ns: int
    digest: str

    @classmethod
    def of(cls, info: os.stat_result, raw: bytes) -> FileState:
        return cls(info.st_size, info.st_mtime_ns, hashlib.sha256(raw).hexdigest())

    def changed(self, path: Path) -> bool:
        """Whether the file at `path` is no longer this one: its size or time first, then (as a
        copy that keeps them may not) its content. A file that has gone is not a change to keep."""
        try:
            info = path.stat()
            if (info.st_size, info.st_mtime_ns) == (self.size, self.modified_ns):
                return False
            return hashlib.sha256(path.read_bytes()).hexdigest() != self.digest
        except FileNotFoundError:
            return False
        except OSError as error:
            raise ReviewFileError(f"{path}: could not read: {os_reason(error)}") from None


def load_for_editing(path: Path) -> tuple[Review, FileState]:
    """The review saved at `path` (as `load`), and the file as it was read."""
    raw, info = _read_with_stat(path)
    return _review_in(raw, path), FileState.of(info, raw)


def keep_theirs_beside(path: Path) -> tuple[Path, FileState]:
    """Copy the file at `path`, as another program left it, to FILE.theirs-DATE-TIME.toml,
    owner-only, before it is replaced: their version is never lost. Where the copy is, and the
    file at `path` as copied."""
    raw, info = _read_with_stat(path)
    return _new_copy(path.parent, f"{path.name}.theirs", raw), FileState.of(info, raw)


def rescue(data: dict, path: Path) -> Path | None:
    """Write a snapshot that could not be saved to `path` to an emergency copy, owner-only:
    beside the review, else in the home folder. Where it went, or None if nowhere would take it."""
    raw = TomlWriter().dumps(data).encode("utf-8")
    for folder in (path.parent, Path.home()):
        try:
            return _new_copy(folder, f"{path.name}.rescued", raw)
        except (ReviewFileError, RuntimeError):  # RuntimeError: no home folder
            continue
    return None


def _new_copy(folder: Path, stem: str, raw: bytes) -> Path:
    """A new file STEM-DATE-TIME.toml in `folder` holding `raw`, never one already there."""
    when = f"{dt.datetime.now():%Y%m%d-%H%M%S}"
    for n in range(1, 100):
        copy = folder / (f"{stem}-{when}.toml" if n == 1 else f"{stem}-{when}-{n}.toml")
        try:
            _write_atomically(copy, raw, replace=False)
            return copy
        except FileExistsError:
            continue
    raise ReviewFileError(f"{folder}: could not save a copy: too many made this second")


def write_private_text(path: Path, text: str) -> None:
    """Write an export (it holds the case too) atomically, readable by its owner only."""
    write_private_bytes(path, text.encode("utf-8"))


def write_private_bytes(path: Path, data: bytes) -> None:
    """The same for an export that is not text (a Word document)."""
    _write_atomically(path, data)


def backup(path: Path) -> Path | None:
    """Copy the review file as last saved to FILE.bak; None when there is no file yet."""
    if not path.exists():
        return None
    copy = backup_path(path)
    _write_atomically(copy, _read(path))
    return copy


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def restore_backup(path: Path) -> None:
    """Swap the review and its backup, so a restore can itself be undone by restoring again.
    Neither version is lost whatever step fails: the current one is written aside in full first,
    as FILE.restoring, and takes the backup's name last."""
    copy = backup_path(path)
    load(copy)  # a backup that cannot be read is refused before anything changes
    current, previous = _read(path), _read(copy)
    aside = path.with_name(path.name + ".restoring")
    _write_atomically(aside, current)
    try:
        _write_atomically(path, previous)
    except ReviewFileError:
        with suppress(OSError):
            aside.unlink()  # the review is still the current version
        raise
    try:
        os.replace(aside, copy)
    except OSError as error:
        raise ReviewFileError(
            f"{copy}: could not save: {os_reason(error)}; the version that was current is in {aside}"
        ) from None


def not_the_review(target: Path, review: Path) -> Path:
    """`target`, unless it is the review itself or one of the files kept beside it (an export
    or copy named so would replace the review): ReviewFileError then."""
    resolved = target.resolve()
    if resolved in {review.resolve(), backup_path(review).resolve(), review.with_name(review.name + ".lock").resolve()}:
        raise ReviewFileError(f"{target}: is the review itself or its backup: name another file to write")
    return target


def readable_by_others(path: Path) -> bool:
    """True when people other than the owner may read the file (it should be 0600)."""
    try:
        return bool(path.stat().st_mode & 0o077)
    except OSError:
        return False


def migrate(data: dict) -> dict:
    """Upgrade a review read from an older file to this version's schema, one step at a time."""
    version = data["schema_version"]
    while version < SCHEMA_VERSION:
        if version not in MIGRATIONS:
            raise ValueError(f"there is no upgrade from schema {version}")
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data


def _read(path: Path) -> bytes:
    return _read_with_stat(path)[0]


def _read_with_stat(path: Path) -> tuple[bytes, os.stat_result]:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ReviewFileError(f"{path}: is a folder, not a review file")
        if not stat.S_ISREG(info.st_mode):
            raise ReviewFileError(f"{path}: is not a regular file")
        if info.st_size > MAX_BYTES:
            raise ReviewFileError(f"{path}: is too large to be a review (over {MAX_BYTES // 2**20} MB)")
        return path.read_bytes(), info
    except FileNotFoundError:
        raise ReviewFileError(f"{path}: does not exist") from None
    except OSError as error:
        raise ReviewFileError(f"{path}: could not read: {os_reason(error)}") from None


def _write_atomically(path: Path, data: bytes, *, replace: bool = True) -> os.stat_result:
    """Write `data` to `path` whole or not at all; the written file's size and time, as the
    rename keeps them (read from the file itself, before any other program could touch it).
    With `replace` False a file already at `path` is never replaced: FileExistsError then."""
    # Created 0600 from the start (never chmod-after): the case is not readable by others even
    # for a moment. O_EXCL: never write through a file or link someone left in the way.
    temp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
                written = os.fstat(file.fileno())
            if replace:
                os.replace(temp, path)
            else:
                os.link(temp, path)  # fails if anything is there, as a rename would not
                temp.unlink()
        except BaseException:
            with suppress(OSError):
                temp.unlink()
            raise
        _fsync_folder(path.parent)  # makes the rename itself survive a power cut
    except OSError as error:
        if isinstance(error, FileExistsError) and not replace:
            raise
        raise ReviewFileError(f"{path}: could not save: {os_reason(error)}") from None
    return written


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def os_reason(error: OSError) -> str:
    """'no space left on device': from the error number, never from a message that may hold text."""
    if error.errno is None:
        return "operating system error"
    reason = os.strerror(error.errno)
    return reason[:1].lower() + reason[1:]


def _toml_problem(error: tomllib.TOMLDecodeError) -> str:
    message = str(error)
    where = _TOML_WHERE.search(message)
    if where is None:
        return "is not valid TOML"
    place = f"line {where[1]}, column {where[2]}" if where[1] else "the end"
    reason = message[: where.start()]
    # Some of tomllib's reasons quote a key or character from the document: drop those.
    if not reason or any(quote in reason for quote in "'\"()"):
        return f"is not valid TOML at {place}"
    return f"is not valid TOML at {place} ({reason[:1].lower() + reason[1:]})"
