"""The board's guidance and the report's questions, loaded from imr.toml (the one place for them)
and checked on the way in, so that a mistake in the data stops imr-tui at once, naming the
question, instead of showing an author a broken page later.

The review file's model (imr_tui.core.model) is built from these questions: a question's id is
the name of its answer in the file.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Kind = Literal["text", "long", "date", "uncertain-date", "time", "yes-no", "choice", "choices", "lines", "records", "links", "per-term"]
AnswerId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]  # a TOML bare key and a Python name
PartId = Annotated[str, Field(pattern=r"^[a-z][a-z-]*$")]
Texts = Annotated[tuple[str, ...], Field(strict=False)]  # TOML arrays arrive as lists

TEMPLATE_FILE = "imr.toml"


class TemplateError(Exception):
    """The template data is wrong: one line naming the part and question."""


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class Question(_Data):
    id: AnswerId
    kind: Kind
    prompt: str = Field(min_length=1)
    hint: str
    required: bool
    options: Texts = ()  # for a choice or choices
    default: str | bool | None = None  # a choice's, yes-no's or one-line text's answer in a new review
    record: str = ""  # for kind "records": the id of a RecordKind
    to: str = ""  # for kind "links": the part or records question it links into
    group: str = ""  # questions of one group in a row share a page in the wizard, under this heading

    @model_validator(mode="after")
    def _fits_its_kind(self) -> Question:
        choice = self.kind in ("choice", "choices")
        if choice != bool(self.options):
            raise ValueError("a choice must list its options, and only a choice has options")
        if (self.kind == "records") != bool(self.record):
            raise ValueError("a records question must name its record, and only it has one")
        if (self.kind == "links") != bool(self.to):
            raise ValueError("a links question must say what it links to, and only it does")
        if self.default is not None:
            fits = (
                (self.kind == "choice" and self.default in self.options)
                or (self.kind == "yes-no" and isinstance(self.default, bool))
                or (self.kind == "text" and isinstance(self.default, str) and "\n" not in self.default)
            )
            if not fits:
                raise ValueError(
                    "a default must be one of a choice's options, true or false for a yes-no, or one line for a text"
                )
        return self


class RecordKind(_Data):
    id: str = ""  # filled from its key in [records]
    title: str = Field(min_length=1)
    fields: tuple[Question, ...] = Field(min_length=1, strict=False)

    def field(self, field_id: str) -> Question:
        return next(f for f in self.fields if f.id == field_id)


class PartTemplate(_Data):
    id: PartId
    section: str  # "2", "Appendix I", or "" for parts without a number
    title: str = Field(min_length=1)
    guidance: Texts
    questions: tuple[Question, ...] = Field(min_length=1, strict=False)

    @property
    def heading(self) -> str:
        if not self.section:
            return self.title
        if self.section[0].isdigit():
            return f"Section {self.section} {self.title}"
        return f"{self.section} {self.title}"

    @property
    def answers(self) -> str:
        """The name of the part's table in the review file: `childs-journey` -> `childs_journey`."""
        return self.id.replace("-", "_")

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)


class Placeholder(_Data):
    text: str = Field(min_length=1)
    fill: Literal["author_name", "agency", "children"]  # the review-details answer that replaces it


class StandardText(_Data):
    introduction: Texts
    sources_lead: str
    terms_draft: str
    terms_final: str
    terms_draft_note: str
    interview_sign_off: str
    placeholders: tuple[Placeholder, ...] = Field(strict=False)


class Template(_Data):
    heading: str
    parts: tuple[PartTemplate, ...] = Field(min_length=1, strict=False)
    records: dict[str, RecordKind]
    standard_text: StandardText

    @model_validator(mode="before")
    @classmethod
    def _record_ids(cls, data: Any) -> Any:
        """A record kind's id is its key under [records]."""
        if isinstance(data, dict) and isinstance(data.get("records"), dict):
            records = {k: {**v, "id": k} if isinstance(v, dict) else v for k, v in data["records"].items()}
            data = {**data, "records": records}
        return data

    @model_validator(mode="after")
    def _links_hold(self) -> Template:
        _unique((p.id for p in self.parts), "parts")
        for part in self.parts:
            _unique((q.id for q in part.questions), f"questions in part {part.id}")
            for question in part.questions:
                self._check_question(question, f"part {part.id}, question {question.id}")
        for kind in self.records.values():
            _unique((f.id for f in kind.fields), f"fields in record {kind.id}")
            for field in kind.fields:
                if field.kind in ("records", "per-term"):
                    raise ValueError(f"record {kind.id}, field {field.id}: a record cannot hold {field.kind}")
                self._check_question(field, f"record {kind.id}, field {field.id}")
        return self

    def _check_question(self, question: Question, where: str) -> None:
        if question.record and question.record not in self.records:
            raise ValueError(f"{where}: names a record kind the template does not define ({question.record})")
        if question.to and self.records_question(question.to) is None:
            raise ValueError(f"{where}: links to a list the template does not define ({question.to})")

    def records_question(self, to: str) -> tuple[PartTemplate, Question] | None:
        """The part and `records` question a `links` answer points into: `to` names the part or
        the question (e.g. "lessons", "interviews", "terms_of_reference")."""
        for part in self.parts:
            for question in part.questions:
                if question.kind == "records" and to in (part.id, question.id):
                    return part, question
        return None

    def part(self, part_id: str) -> PartTemplate:
        return next(p for p in self.parts if p.id == part_id)


def _unique(ids: Any, what: str) -> None:
    seen: set[str] = set()
    for each in ids:
        if each in seen:
            raise ValueError(f"two {what} have the id {each}")
        seen.add(each)


def _where(raw: dict, loc: tuple[int | str, ...]) -> str:
    """('parts', 3, 'questions', 2, 'kind') -> 'part chronology, question 3 (entries), kind'."""
    said: list[str] = []
    node: Any = raw
    for step in loc:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            said.append(str(step))
            continue
        if isinstance(step, int) and isinstance(node, dict):
            said[-1] = f"{said[-1].removesuffix('s')} {step + 1}" + (f" ({node['id']})" if "id" in node else "")
        else:
            said.append(str(step))
    return ", ".join(said)


def load_template(text: str) -> Template:
    """The template in `text`; TemplateError naming the place if anything in it is wrong."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"the template is not valid TOML: {error}") from None
    try:
        return Template.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = _where(raw, first["loc"])
        more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
        raise TemplateError(f"the template is wrong at {where or 'its top'}: {first['msg']}{more}") from None


@cache
def template() -> Template:
    return load_template(resources.files(__package__).joinpath(TEMPLATE_FILE).read_text(encoding="utf-8"))
