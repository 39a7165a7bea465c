"""Every export is read back with markdown-it-py before it is written: a report whose Markdown does
not read as it was built (a part out of place, a table row lost, an answer turned into a link) is
refused, naming the part, and nothing is written."""

import dataclasses

import pytest

from imr_tui.cli import EXIT_INTERNAL, main
from imr_tui.core import store
from imr_tui.core.guidance.example import worked_example
from imr_tui.core.model import ChronologyEntry
from imr_tui.core.report import ReportNotProved, export_report, to_markdown
from imr_tui.core.report import markdown

HOSTILE = {
    "a heading": "# Zephyrine Quockerwodger",
    "a list": "- Zephyrine Quockerwodger",
    "a link": "[Zephyrine Quockerwodger](https://example.org)",
    "an image": "![Zephyrine Quockerwodger](x.png)",
    "code": "`Zephyrine Quockerwodger`",
    "a code block": "    Zephyrine Quockerwodger",
    "emphasis": "*Zephyrine Quockerwodger*",
    "bold": "**Zephyrine Quockerwodger**",
    "HTML": "<b>Zephyrine Quockerwodger</b>",
    "a quotation": "> Zephyrine Quockerwodger",
    "a rule": "***",
    "a heading underlined": "Zephyrine Quockerwodger\n===",
}


@pytest.fixture
def no_escaping(monkeypatch):
    """The escaper swapped for one that escapes nothing: only the proof stands in the way."""
    monkeypatch.setattr(markdown, "_literal", lambda text: text)
    monkeypatch.setattr(markdown, "_line", lambda line: line)


def _with_hostile(text: str):
    review = worked_example().model_copy(deep=True)
    review.childs_journey.narrative = text
    return review


def test_every_report_of_the_worked_example_is_proved_as_it_is():
    assert to_markdown(worked_example()).startswith("# Individual Management Review")
    assert "**DRAFT" in to_markdown(worked_example(), draft=True)


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE)
def test_an_answer_that_escaping_let_through_is_caught_naming_its_part(no_escaping, text):
    with pytest.raises(ReportNotProved) as refused:
        to_markdown(_with_hostile(text))
    message = str(refused.value)
    assert "in Section 10 The child's journey" in message
    assert "Zephyrine" not in message and "Quockerwodger" not in message


def test_the_same_answers_escaped_come_out_as_typed():
    for text in HOSTILE.values():
        to_markdown(_with_hostile(text))  # proved, or it would raise


def test_a_table_that_lost_a_row_is_caught_naming_its_part(monkeypatch):
    table = markdown._table
    monkeypatch.setattr(markdown, "_table", lambda header, rows: table(header, list(rows)[:-1]))
    entries = len(worked_example().chronology.entries)
    with pytest.raises(ReportNotProved) as refused:
        to_markdown(worked_example())
    assert str(refused.value).endswith(
        f"in Section 9 Chronology of contacts: a table of {entries - 1} rows where a table of {entries} rows belongs"
    )


def test_a_part_out_of_its_place_is_caught(monkeypatch):
    render = markdown.render

    def swapped(report):
        parts = list(report.parts)
        parts[2], parts[3] = parts[3], parts[2]
        return render(dataclasses.replace(report, parts=parts))

    from imr_tui.core import report as package

    monkeypatch.setattr(package, "render", swapped)
    with pytest.raises(ReportNotProved, match="in Section 3 Methodologies"):
        to_markdown(worked_example())


def test_an_export_that_is_not_proved_writes_nothing_anywhere(no_escaping, tmp_path, capsys):
    path = tmp_path / "review.toml"
    review = _with_hostile("[Zephyrine Quockerwodger](https://example.org)")
    review.chronology.entries.append(ChronologyEntry(id=99))
    store.save(review, path)
    before = sorted(tmp_path.iterdir())

    assert main(["export", str(path), "--force"]) == EXIT_INTERNAL
    _, err = capsys.readouterr()
    assert err.startswith(f"imr-tui: {path}: not exported, nothing was written: the report did not come out as built")
    assert "Section 10 The child's journey: an answer reads as a link" in err and "Zephyrine" not in err
    with pytest.raises(store.ReviewFileError):
        export_report(review, path)
    assert sorted(tmp_path.iterdir()) == before
