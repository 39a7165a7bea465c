"""The guidance the author reads and the answers the file holds must name the same things."""

import typing
from importlib import resources
from pathlib import Path

import pytest
from pydantic import BaseModel as Model

from imr_tui.core import model
from imr_tui.core.guidance import TEMPLATE_FILE, TemplateError, load_template, template

SEED = Path(__file__).parent / "data" / "board_guidance.txt"  # the seed, verbatim

RECORD_MODELS = model.RECORD_CLASSES


def _answer_fields(cls: type[Model]) -> set[str]:
    return set(cls.model_fields) - {"completed", "id"}


def test_parts_follow_the_report_and_use_the_stable_ids():
    assert [p.id for p in template().parts] == list(model.PART_IDS) == [
        "review-details", "introduction", "methodologies", "chronology", "childs-journey",
        "analysis", "lessons", "recommendations", "interviews", "glossary", "people",
    ]


@pytest.mark.parametrize("part", template().parts, ids=lambda p: p.id)
def test_every_question_is_an_answer_in_the_file_and_every_answer_is_asked(part):
    part_model = type(model.blank_review().part(part.id))
    assert {q.id for q in part.questions} == _answer_fields(part_model)


@pytest.mark.parametrize("record_id", sorted(RECORD_MODELS))
def test_every_record_field_is_asked(record_id):
    kind = template().records[record_id]
    assert {f.id for f in kind.fields} == _answer_fields(RECORD_MODELS[record_id])


def test_choice_options_are_exactly_what_the_file_accepts():
    for record_id, cls in RECORD_MODELS.items():
        for field in template().records[record_id].fields:
            if field.kind in ("choice", "choices"):
                annotation = cls.model_fields[field.id].annotation
                if field.kind == "choices":
                    annotation = typing.get_args(annotation)[0]
                assert set(field.options) == set(typing.get_args(annotation)), (record_id, field.id)


def test_the_seeds_additional_considerations_are_each_one_question():
    seed = SEED.read_text(encoding="utf-8")
    bullets = [line[2:].strip() for line in seed.splitlines() if line.startswith("- ")]
    assert len(bullets) == 14
    prompts = [q.prompt for q in template().part("analysis").questions]
    for bullet in bullets:
        # The first consideration's trailing emphasis becomes the hint, not the prompt.
        bullet = bullet.removesuffix(" This is particularly important to include in your review report")
        assert bullet in prompts


def test_guidance_is_the_seeds_own_words():
    seed = " ".join(SEED.read_text(encoding="utf-8").split())
    for part in template().parts:
        for paragraph in part.guidance:
            assert " ".join(paragraph.split()) in seed, (part.id, paragraph[:40])


# The template is checked as it loads --------------------------------------------------------


def _template_text() -> str:
    return resources.files("imr_tui.core.guidance").joinpath(TEMPLATE_FILE).read_text(encoding="utf-8")


def _broken(old: str, new: str) -> str:
    text = _template_text()
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ('id = "entries"\nkind = "records"', 'id = "entries"\nkind = "record"', "part 4 (chronology), question 1 (entries), kind"),
        ('id = "race"\nkind = "long"', 'id = "race"\nkind = "long"\noptions = ["a"]', "question 2 (race)"),
        ('record = "lesson"', 'record = "lessons"', "part lessons, question lessons: names a record kind"),
        ('to = "interviews"', 'to = "interview"', "record chronology-entry, field interviews: links to a list"),
        ('id = "culture"', 'id = "race"', "two questions in part childs-journey have the id race"),
        ('id = "agency"\nkind = "text"\nrequired = true', 'id = "agency"\nkind = "text"\nrequired = "yes"', "question 2 (agency), required"),
        ('default = "other"', 'default = "visit"', "a default must be one of a choice's options"),
        ('default = "OFFICIAL-SENSITIVE"', 'default = "OFFICIAL\\nSENSITIVE"', "one line for a text"),
        ('default = "1"', 'default = 1', "question 13 (version), default"),
        ('id = "agency"', 'id = "Agency Name"', "question 2 (Agency Name), id"),
    ],
)
def test_a_mistake_in_the_template_stops_it_loading_with_the_question_named(old, new, named):
    with pytest.raises(TemplateError) as refused:
        load_template(_broken(old, new))
    assert named in str(refused.value)
    assert "\n" not in str(refused.value)


def test_the_template_is_read_as_toml_1_0_by_tomllib():
    assert load_template(_template_text()) == template()
    with pytest.raises(TemplateError, match="not valid TOML"):
        load_template(_template_text() + '\nnew = { a = 1,\n b = 2 }\n')  # TOML 1.1's inline table
