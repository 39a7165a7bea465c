"""An anonymised copy of a review: every registered name, other spelling, and surname or first
name on its own, in any case, replaced by the person's label (Dean Bradshaw, Mr BRADSHAW,
Bradshaw's, Dean -> Father, Father, Father's, Father), then searched for every registered name
and part of one before anything is written.

It works on the review, before the report is built from it, never on the Markdown: a name is
found in an answer, and where one survives it is named by its place (part, record, field), never
quoted. The copy is only for the report: it is never saved.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from imr_tui.core.guidance import PartTemplate, template
from imr_tui.core.model import Answers, Review
from imr_tui.core.names import WORD, Names, key, keys_in, register_names
from imr_tui.core.people import PART, labels, registered
from imr_tui.core.problems import place
from imr_tui.core.report.document import Heading, Items, Label, Labelled, Missing, Paragraphs, Report, Table

TEXT_KINDS = frozenset({"text", "long", "lines", "per-term"})
# Answers that hold nothing but a name or a label: once anonymised, only labels may be left.
NAME_FIELDS = (
    ("review-details", "children", None),
    ("review-details", "author_name", None),
    ("interviews", "records", "interviewee"),
)

_GAP = re.compile(r"[^\S\r\n]*(?:\r\n|\r|\n)?[^\S\r\n]*(?:[-‐‑–][^\S\r\n]*(?:\r\n|\r|\n)?[^\S\r\n]*)?")
_TITLE_BEFORE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master|MR|MRS|MS|MISS|MX|DR|MASTER)\.?[^\S\r\n]+$")
_POSSESSIVE = ("'s", "’s", "s")
_LETTERS = re.compile(r"[^\W_]")


def _possessive(word: str) -> str:
    """The ending that makes a name possessive or plural (Bradshaw's, the Bradshaws), if any."""
    return next((end for end in _POSSESSIVE if word.endswith(end) and len(word) > len(end) + 1), "")


class Anonymiser:
    """Replaces names in text by labels, as `names` (imr_tui.core.names) gives them."""

    def __init__(self, names: Names) -> None:
        self.names = names
        self.shared = 0  # replacements by the labels of all who share a name

    def __call__(self, text: str) -> str:
        return self.replace(text)[0]

    def replace(self, text: str) -> tuple[str, bool]:
        """`text` with every name replaced, and whether it held a word that could be part of
        one: if not, it is returned as it was, and holds no name."""
        names = self.names
        if names.starts.isdisjoint(keys_in(text)):
            return text, False
        tokens = [(m.start(), m.end(), m[0]) for m in WORD.finditer(text)]
        keys = [key(word) for _, _, word in tokens]
        out: list[str] = []
        at = after = 0
        for i, word in enumerate(keys):
            if i < after or word not in names.starts:
                continue
            found = self._match(text, tokens, keys, i)
            if found is None:
                continue
            length, label, ending = found
            start = tokens[i][0]
            if title := _TITLE_BEFORE.search(text, 0, start):
                start = title.start()
            out += (text[at:start], label, ending)
            at, after = tokens[i + length - 1][1], i + length
        out.append(text[at:])
        return "".join(out), True

    def _match(self, text: str, tokens: list, keys: list[str], i: int) -> tuple[int, str, str] | None:
        """The longest registered name starting at token i: (its tokens, its label, the ending
        kept after the label: 's of a possessive)."""
        names = self.names
        for length in names.firsts.get(keys[i], ()):
            if i + length > len(tokens) or not all(self._joined(text, tokens, j) for j in range(i, i + length - 1)):
                continue
            run = tuple(keys[i : i + length])
            if (label := names.label(run)) is not None:
                return self._found(length, label, run, "")
            if length > 1 and (ending := _possessive(tokens[i + length - 1][2])):
                shorter = (*run[:-1], key(tokens[i + length - 1][2][: -len(ending)]))
                if (label := names.label(shorter)) is not None:
                    return self._found(length, label, shorter, ending)
        if ending := _possessive(tokens[i][2]):
            run = (key(tokens[i][2][: -len(ending)]),)
            if (label := names.label(run)) is not None:
                return self._found(1, label, run, ending)
        return None

    def _found(self, length: int, label: str, run: tuple[str, ...], ending: str) -> tuple[int, str, str]:
        self.shared += self.names.shared(run)
        return length, label, ending

    @staticmethod
    def _joined(text: str, tokens: list, j: int) -> bool:
        """Whether tokens j and j + 1 are two words of one name: apart by spaces, a hyphen or a
        line break (or, after an initial, a full stop)."""
        gap = text[tokens[j][1] : tokens[j + 1][0]]
        if len(tokens[j][2]) == 1 and gap.startswith("."):
            gap = gap[1:]
            if not gap:
                return True  # D.Bradshaw
        return bool(gap) and _GAP.fullmatch(gap) is not None


def holds_a_name(text: str, names: Names) -> bool:
    """Whether any word of `text` is a registered name or part of one, in any case, possessive
    or plural: the search made of the result before anything is written."""
    return not names.alone.isdisjoint(keys_in(text))


@dataclass
class Anonymised:
    """The copy, and what stops it being final: `left`, places where a registered name or part
    of one is still found; `unregistered`, answers that hold a name with no label."""

    review: Review
    names: Names
    left: list[str] = field(default_factory=list)
    unregistered: list[str] = field(default_factory=list)
    shared: int = 0  # answers where a name shared by several people became all their labels

    @property
    def problems(self) -> list[str]:
        return [f"{where}: still holds a registered name" for where in self.left] + [
            f"{where}: holds a name that is not in {template().part(PART).heading}" for where in self.unregistered
        ]


def names_of(review: Review) -> Names:
    """What the register of `review` replaces, less the review's words that are not names."""
    return register_names(registered(review), review.people.not_names)


def anonymise(review: Review) -> Anonymised:
    """A copy of `review` with every registered name replaced by its label, the register's own
    names left out, and the places where a name survives. `review` itself is left as it was."""
    result = Anonymised(review, names_of(review))
    replace = Anonymiser(result.names)
    changed = {part.answers: _part(part, review.part(part.id), replace, result) for part in template().parts}
    # The copy is only read by the report: a label longer than the name it replaced may pass a
    # file's limit on an answer's length, so it is made without the file's checks.
    result.review = review.model_copy(update=changed)
    result.shared = replace.shared
    result.unregistered = list(_unlabelled(result.review))
    return result


def _part(part: PartTemplate, answers: Answers, replace: Anonymiser, result: Anonymised) -> Answers:
    """A part's answers with names replaced; the register without its names (never printed)."""

    def replaced(value: Any, loc: tuple) -> Any:
        lines = value if isinstance(value, list) else [value]
        done = [replace.replace(line) for line in lines]
        if any(held and holds_a_name(line, result.names) for line, held in done):
            result.left.append(place(loc))
        return [line for line, _ in done] if isinstance(value, list) else done[0][0]

    changed: dict[str, Any] = {"not_names": []} if part.id == PART else {}
    for question in part.questions:
        value, loc = getattr(answers, question.id), (part.answers, question.id)
        if question.kind in ("text", "long", "lines"):
            changed.setdefault(question.id, replaced(value, loc))
        elif question.kind in ("records", "per-term"):
            kind = template().records.get(question.record)
            fields = [f.id for f in kind.fields if f.kind in TEXT_KINDS] if kind else ["text"]
            unnamed = {"name": "", "other_spellings": []} if part.id == PART else {}
            changed[question.id] = [
                record.model_copy(update={f: unnamed[f] if f in unnamed else replaced(getattr(record, f), (*loc, n, f)) for f in fields})
                for n, record in enumerate(value)
            ]
    return answers.model_copy(update=changed)


def _unlabelled(copy: Review) -> Iterator[str]:
    """Answers that should hold only names, which once anonymised still hold more than labels."""
    known = sorted((label.casefold() for label in labels(copy)), key=len, reverse=True)
    for part_id, question_id, field_id in NAME_FIELDS:
        part = template().part(part_id)
        value = getattr(copy.part(part_id), question_id)
        owners = [(n, record) for n, record in enumerate(value)] if field_id else [(None, copy.part(part_id))]
        for n, owner in owners:
            answer = getattr(owner, field_id or question_id)
            for line_number, line in enumerate(answer if isinstance(answer, list) else [answer]):
                rest = line.casefold()
                for label in known:
                    rest = rest.replace(label, " ")
                if _LETTERS.search(rest):
                    loc = (part.answers, question_id, *((n, field_id) if field_id else ()))
                    if isinstance(answer, list):
                        loc = (*loc, line_number)
                    yield place(loc)


def names_in_report(report: Report, names: Names) -> list[str]:
    """The parts of a built report (by heading) whose printed text still holds a registered name:
    the search of the result, text the review alone does not show (a heading, the board's wording)."""
    found = []
    cover = report.cover
    title_page = (report.title, cover.subtitle, cover.agency, cover.marking, cover.version, *(f.value for f in cover.facts))
    if any(isinstance(text, str) and holds_a_name(text, names) for text in title_page):
        found.append("the report's title page")
    for part in report.parts:
        if any(holds_a_name(text, names) for text in _printed(part.blocks)):
            found.append(part.heading)
    return found


def _printed(blocks: list) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Table):
            yield from block.header
            yield from (cell for row in block.rows for cell in row if isinstance(cell, str))
        elif isinstance(block, Items):
            yield from (item for item in block.items if isinstance(item, str))
        elif isinstance(block, Labelled):
            yield block.label
            if isinstance(block.value, str):
                yield block.value
        elif isinstance(block, (Heading, Paragraphs, Label)) and not isinstance(block.text, Missing):
            yield block.text
