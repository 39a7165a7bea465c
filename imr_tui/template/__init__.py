"""The board's guidance and the report's questions, loaded from imr.toml (one place for them)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from imr_tui.toml_reading import read_toml

Kind = Literal["text", "long", "date", "time", "yes-no", "choice", "choices", "lines", "records", "links", "per-term"]


@dataclass(frozen=True)
class Question:
    id: str
    kind: Kind
    prompt: str
    hint: str
    required: bool
    options: tuple[str, ...] = ()
    record: str = ""  # for kind "records": the id of a RecordKind
    to: str = ""  # for kind "links": the review-details / part list it links into


@dataclass(frozen=True)
class RecordKind:
    id: str
    title: str
    fields: tuple[Question, ...]

    def field(self, field_id: str) -> Question:
        return next(f for f in self.fields if f.id == field_id)


@dataclass(frozen=True)
class PartTemplate:
    id: str
    section: str  # "2", "Appendix I", or "" for parts without a number
    title: str
    guidance: tuple[str, ...]
    questions: tuple[Question, ...]

    @property
    def heading(self) -> str:
        if not self.section:
            return self.title
        if self.section[0].isdigit():
            return f"Section {self.section} {self.title}"
        return f"{self.section} {self.title}"

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)


@dataclass(frozen=True)
class Placeholder:
    text: str
    fill: str  # the review-details answer that replaces it


@dataclass(frozen=True)
class StandardText:
    introduction: tuple[str, ...]
    sources_lead: str
    terms_draft: str
    terms_final: str
    terms_draft_note: str
    interview_sign_off: str
    placeholders: tuple[Placeholder, ...]


@dataclass(frozen=True)
class Template:
    heading: str
    parts: tuple[PartTemplate, ...]
    records: dict[str, RecordKind]
    standard_text: StandardText

    def part(self, part_id: str) -> PartTemplate:
        return next(p for p in self.parts if p.id == part_id)


def _question(raw: dict) -> Question:
    return Question(
        id=raw["id"],
        kind=raw["kind"],
        prompt=raw["prompt"],
        hint=raw["hint"],
        required=raw["required"],
        options=tuple(raw.get("options", ())),
        record=raw.get("record", ""),
        to=raw.get("to", ""),
    )


@cache
def template() -> Template:
    raw = read_toml(resources.files(__package__).joinpath("imr.toml").read_text(encoding="utf-8"))
    std = raw["standard_text"]
    return Template(
        heading=raw["heading"],
        parts=tuple(
            PartTemplate(
                id=p["id"],
                section=p["section"],
                title=p["title"],
                guidance=tuple(p["guidance"]),
                questions=tuple(_question(q) for q in p["questions"]),
            )
            for p in raw["parts"]
        ),
        records={
            rid: RecordKind(id=rid, title=r["title"], fields=tuple(_question(f) for f in r["fields"]))
            for rid, r in raw["records"].items()
        },
        standard_text=StandardText(
            introduction=tuple(std["introduction"]),
            sources_lead=std["sources_lead"],
            terms_draft=std["terms_draft"],
            terms_final=std["terms_final"],
            terms_draft_note=std["terms_draft_note"],
            interview_sign_off=std["interview_sign_off"],
            placeholders=tuple(Placeholder(**p) for p in std["placeholders"]),
        ),
    )
