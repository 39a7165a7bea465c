"""Plain mode given every kind of bad file, and files reshaped at random: it opens what it can,
refuses the rest in one line naming the file, and never shows a traceback or changes a file."""

from __future__ import annotations

import io
import sys

import pytest
from bad_files import BAD_FILES, SENTINEL, reshaped_documents
from hypothesis import HealthCheck, given, settings

from imr_tui.cli import main


def open_in_plain_mode(path, capsys, monkeypatch) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(":quit\n"))
    code = main(["--plain", str(path)])
    out, err = capsys.readouterr()
    return code, err


@pytest.mark.parametrize(("content", "expected"), [case[1:] for case in BAD_FILES if case[1] is not None], ids=[case[0] for case in BAD_FILES if case[1] is not None])
def test_every_bad_file_is_refused_in_one_line_and_left_as_it_was(tmp_path, capsys, monkeypatch, content, expected):
    path = tmp_path / "review.toml"
    path.write_bytes(content)
    code, err = open_in_plain_mode(path, capsys, monkeypatch)
    assert code == 2 and err.startswith(f"imr-tui: {path}: ") and expected in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err and SENTINEL not in err
    assert path.read_bytes() == content and list(tmp_path.iterdir()) == [path]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=reshaped_documents())
def test_a_file_reshaped_at_random_opens_or_is_refused_never_a_traceback(tmp_path_factory, capsys, monkeypatch, text):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "review.toml"
    path.write_text(text, encoding="utf-8")
    code, err = open_in_plain_mode(path, capsys, monkeypatch)
    assert "Traceback" not in err and SENTINEL not in err
    if code == 2:
        assert len(err.splitlines()) == 1 and path.read_text(encoding="utf-8") == text
        assert list(folder.iterdir()) == [path]
    else:
        assert code == 0
