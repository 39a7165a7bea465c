"""Saving while the author types: in the background, in order, never losing a newer save."""

from __future__ import annotations

import datetime as dt
import os
import threading

from imr_tui.core import store
from imr_tui.core.standard_text import new_review
from imr_tui.core.model import ChronologyEntry
from imr_tui.core.session import ReviewSession, differences


def test_a_background_save_writes_the_review_as_it_was_when_asked(tmp_path):
    path = tmp_path / "review.toml"
    session = ReviewSession(path, new_review())
    session.review.childs_journey.narrative = "first"
    session.changed()
    finished = threading.Event()
    session.save_in_background(finished.set)
    session.review.childs_journey.narrative = "second, typed while it was saving"
    session.changed()
    assert finished.wait(10)
    assert store.load(path).childs_journey.narrative == "first"
    assert session.unsaved  # the second change is not on disc yet
    assert session.save()
    assert store.load(path).childs_journey.narrative == "second, typed while it was saving"
    session.close()


def test_an_older_save_never_replaces_a_newer_one(tmp_path):
    path = tmp_path / "review.toml"
    session = ReviewSession(path, new_review())
    busy = threading.Event()
    session._writer.submit(busy.wait, 10)  # the background writer is held up by earlier work
    session.review.childs_journey.narrative = "older"
    session.changed()
    done = threading.Event()
    session.save_in_background(done.set)  # queued behind it
    session.review.childs_journey.narrative = "newer"
    session.changed()
    assert session.save()  # the quit: saves at once
    busy.set()
    assert done.wait(10)
    assert store.load(path).childs_journey.narrative == "newer"
    session.close()


def test_the_status_tells_when_the_authors_work_was_saved_not_their_place(tmp_path):
    times = iter([dt.datetime(2011, 3, 14, 9, 0), dt.datetime(2011, 3, 14, 9, 5)])
    session = ReviewSession(tmp_path / "review.toml", new_review())
    session.clock = lambda: next(times)
    session.review.childs_journey.narrative = "typed"
    session.changed()
    assert session.status == "saving..."
    assert session.save() and session.status == "saved 09:00:00"
    session.review.resume.part = "chronology"  # the author moved to another page
    session.changed(edit=False)
    assert session.status == "saved 09:00:00"
    assert session.save() and session.status == "saved 09:00:00"
    assert store.load(session.path).resume.part == "chronology"
    session.close()


def test_a_failed_save_is_reported_and_the_review_stays_in_memory(tmp_path):
    folder = tmp_path / "gone"
    folder.mkdir()
    session = ReviewSession(folder / "review.toml", new_review())
    folder.rmdir()
    session.review.childs_journey.narrative = "kept"
    session.changed()
    assert not session.save()
    assert session.status.startswith("NOT SAVED: ") and "kept" not in session.status
    folder.mkdir()
    assert session.save() and session.status.startswith("saved")
    session.close()


def test_a_change_by_another_program_stops_saving_until_the_author_chooses(tmp_path):
    path = tmp_path / "review.toml"
    known = store.save(new_review(), path)
    session = ReviewSession(path, store.load(path), known)
    theirs = new_review()
    theirs.review_details.agency = "Theirs"
    store.save(theirs, path)
    session.review.review_details.agency = "Mine"
    session.changed()
    assert not session.save() and session.changed_elsewhere
    assert store.load(path).review_details.agency == "Theirs"  # nothing written over it
    assert differences(session.review, session.theirs()) == ["Review details: 'Which organisation is this IMR written for?'"]
    copy = session.keep_mine()
    assert store.load(copy).review_details.agency == "Theirs" and store.load(path).review_details.agency == "Mine"
    assert not session.unsaved and not session.changed_elsewhere
    session.close()


def test_going_on_from_theirs_drops_only_what_was_not_saved(tmp_path):
    path = tmp_path / "review.toml"
    session = ReviewSession(path, new_review(), store.save(new_review(), path))
    theirs = new_review()
    theirs.chronology.completed = True
    store.save(theirs, path)
    session.review.review_details.agency = "Mine"
    session.changed()
    assert not session.save()
    review = session.keep_theirs()
    assert review.chronology.completed and review.review_details.agency == ""
    assert not session.unsaved and session.review is review
    review.review_details.agency = "After"
    session.changed()
    assert session.save() and store.load(path).review_details.agency == "After"
    session.close()


def test_a_file_touched_but_not_changed_is_not_another_programs_change(tmp_path):
    path = tmp_path / "review.toml"
    known = store.save(new_review(), path)
    os.utime(path, ns=(0, 0))
    assert not known.changed(path)
    path.write_bytes(path.read_bytes().replace(b"completed = false", b"completed = true", 1))
    os.utime(path, ns=(known.modified_ns, known.modified_ns))  # a copy that keeps the time
    assert known.changed(path)


def test_records_that_differ_are_named_by_their_numbers_never_their_text():
    mine, theirs = new_review(), new_review()
    mine.chronology.entries = [ChronologyEntry(id=1, what_happened="Seen"), ChronologyEntry(id=2)]
    theirs.chronology.entries = [ChronologyEntry(id=1, what_happened="Visited"), ChronologyEntry(id=3), ChronologyEntry(id=4)]
    assert differences(mine, theirs) == [
        "Section 9 Chronology of contacts: chronology entry 1 differs",
        "Section 9 Chronology of contacts: chronology entry 2 is only in yours",
        "Section 9 Chronology of contacts: 2 chronology entries only in theirs",
    ]
