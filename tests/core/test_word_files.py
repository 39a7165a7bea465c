"""A Word export as a file: on a board's reference document, written as the review is, and laid
out as pages by LibreOffice where it is installed."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt
from word_reading import TODAY, opened, styled, word

from imr_tui.core import store
from imr_tui.core.guidance.example import worked_example
from imr_tui.core.report import blank_pro_forma_docx, export_report, read_reference, to_docx
from imr_tui.core.standard_text import new_review
from imr_tui.core.store import ReviewFileError


# A board's reference document -------------------------------------------------------------------


def board_document(tmp_path: Path, *, without: tuple[str, ...] = ()) -> Path:
    """A board's template: US Letter, 2 cm margins, Georgia 13 pt, its own words and header."""
    board = docx.Document()
    section = board.sections[0]
    section.page_width, section.page_height = Cm(21.59), Cm(27.94)
    section.left_margin = section.right_margin = Cm(2)
    board.styles["Normal"].font.name, board.styles["Normal"].font.size = "Georgia", Pt(13)
    board.add_paragraph("Guidance for authors: delete this text.")
    section.header.paragraphs[0].text = "Northtown Safeguarding Children Board"
    board.add_section().header.is_linked_to_previous = False  # a second section with a header of its own
    board.sections[1].header.paragraphs[0].text = "Northtown Safeguarding Children Board"
    for name in without:
        board.styles.element.remove(board.styles[name].element)
    path = tmp_path / "board.docx"
    board.save(path)
    return path


def test_a_reference_gives_its_paper_margins_and_fonts_but_not_its_words(tmp_path):
    reference = board_document(tmp_path)
    document_bytes = to_docx(worked_example(), today=TODAY, reference=read_reference(reference)).data
    document = opened(document_bytes)
    first = document.sections[0]
    assert (round(first.page_width.cm, 2), round(first.page_height.cm, 2)) == (21.59, 27.94)
    assert round(first.left_margin.cm, 2) == round(first.right_margin.cm, 2) == 2
    assert document.styles["Normal"].font.name == "Georgia" and document.styles["Normal"].font.size == Pt(13)
    everything = [p.text for p in document.paragraphs] + [p.text for p in first.header.paragraphs]
    assert not any("delete this text" in t or "Safeguarding Children Board" == t for t in everything)
    written = zipfile.ZipFile(io.BytesIO(document_bytes))
    assert not any(b"Northtown Safeguarding Children Board" in written.read(name) for name in written.namelist())
    assert first.header.paragraphs[0].text == "OFFICIAL-SENSITIVE"


def test_a_reference_without_the_styles_the_report_uses_gets_them(tmp_path):
    reference = board_document(tmp_path, without=("Title", "Subtitle", "List Paragraph", "Heading 2"))
    document = word(new_review(), draft=True, reference=read_reference(reference))
    assert styled(document, "Title") == ["Individual Management Review"]
    assert styled(document, "Subtitle") == ["Serious Case Review"]
    assert "Section 11 Analysis" in styled(document, "Heading 1") and styled(document, "Heading 2")
    assert any(p.style.name == "List Paragraph" for p in document.paragraphs)  # the draft's list


SCHEMA_ORDER = ["abstractNum", "num", "numIdMacAtCleanup"]


@pytest.mark.parametrize("numbering", ["ends with Word's cleanup mark", "none at all"])
def test_the_paragraph_numbers_are_added_to_a_references_lists_as_word_requires(tmp_path, numbering):
    path = board_document(tmp_path)
    board = docx.Document(path)
    if numbering == "none at all":
        rel = next(r for r, rel in board.part.rels.items() if rel.reltype.endswith("/numbering"))
        board.part.drop_rel(rel)
    else:
        board.part.numbering_part.element.append(OxmlElement("w:numIdMacAtCleanup"))
    board.save(path)
    document = word(worked_example(), reference=read_reference(path))
    order = [child.tag.rsplit("}", 1)[1] for child in document.part.numbering_part.element]
    assert order == sorted(order, key=SCHEMA_ORDER.index) and "abstractNum" in order


def as_content_type(path: Path, content_type: str) -> Path:
    """The same document, its main part declared as another kind of Word file."""
    changed = path.with_name(f"changed-{path.name}")
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(changed, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                                    content_type.encode())
            copy.writestr(item, data)
    return changed


def test_a_boards_dotx_template_is_read_as_a_reference_and_a_document_comes_out(tmp_path):
    template_file = as_content_type(board_document(tmp_path), "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")
    data = to_docx(worked_example(), today=TODAY, reference=read_reference(template_file)).data
    assert b"document.main+xml" in zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    assert opened(data).styles["Normal"].font.name == "Georgia"


@pytest.mark.parametrize("kind", ["not a zip", "empty", "a zip of other things", "macros", "a folder", "missing"])
def test_a_reference_that_is_no_word_document_is_refused_in_one_line(tmp_path, kind):
    path = tmp_path / "board.docx"
    if kind == "not a zip":
        path.write_text("Dear author, ...")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "a zip of other things":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("notes.txt", "hello")
    elif kind == "macros":
        path = as_content_type(board_document(tmp_path), "application/vnd.ms-word.document.macroEnabled.main+xml")
    elif kind == "a folder":
        path.mkdir()
    with pytest.raises(ReviewFileError) as refused:
        read_reference(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: ") and "\n" not in message and "nothing was written" in message


# Written as the review is -------------------------------------------------------------------------


def test_the_word_export_beside_the_review_is_owner_only(tmp_path):
    path = tmp_path / "review.toml"
    store.save(worked_example(), path)
    exported = export_report(worked_example(), path, "docx")
    assert exported.path == tmp_path / "review.docx" and exported.to_fix == 0 and exported.note == ""
    assert exported.path.stat().st_mode & 0o777 == 0o600
    assert styled(opened(exported.path.read_bytes()), "Title") == ["Individual Management Review"]


def test_a_word_export_that_cannot_be_written_leaves_the_last_one_whole(tmp_path, monkeypatch):
    path = tmp_path / "review.toml"
    store.save(new_review(), path)
    first = export_report(new_review(), path, "docx")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def failing(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "fsync", failing)
    with pytest.raises(ReviewFileError, match="no space left on device"):
        export_report(worked_example(), path, "docx")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # and no temp file left
    assert first.to_fix > 0


def test_python_docx_is_loaded_only_when_a_word_document_is_asked_for():
    program = (
        "import sys, imr_tui.cli, imr_tui.core.report, imr_tui.plain.wizard, imr_tui.ui.app; "
        "print(sorted(m for m in ('docx', 'lxml') if m in sys.modules))"
    )
    shown = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"


# As a panel member's word processor lays it out ----------------------------------------------------


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.slow  # LibreOffice takes some 4 s to start and lay the two out
def test_libreoffice_lays_the_report_and_the_pro_forma_out_on_a_sensible_number_of_pages(tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed, so no Word document was laid out as pages")
    (tmp_path / "report.docx").write_bytes(to_docx(worked_example(), today=TODAY).data)
    (tmp_path / "sheet.docx").write_bytes(blank_pro_forma_docx())
    subprocess.run(
        [office, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(tmp_path / "report.docx"), str(tmp_path / "sheet.docx")],
        capture_output=True, timeout=180, check=True,
    )
    assert 25 <= page_count((tmp_path / "report.pdf").read_bytes()) <= 60  # 37 with LibreOffice 7.4
    assert page_count((tmp_path / "sheet.pdf").read_bytes()) == 1
