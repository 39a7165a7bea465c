"""The walk through a review: each part's questions one step at a time (a page in the wizard, a
prompt in plain mode), where a step is, and the steps before and after it."""

from __future__ import annotations

from dataclasses import dataclass

from imr_tui.core.model import PART_IDS, Review
from imr_tui.core.guidance import PartTemplate, Question, template


# The page that closes every part: the author's own "I have completed this part".
COMPLETED = Question(
    id="completed",
    kind="yes-no",
    prompt="Have you completed this part?",
    hint="Say yes when you have answered all you can. You can still change any answer later.",
    required=False,
)


@dataclass(frozen=True)
class Step:
    question: Question | None  # None: the closing "have you completed this part?" page
    term: int | None = None  # for a per-term question: the id of the term of reference

    @property
    def key(self) -> str:
        """How the review's `resume` names this step."""
        if self.question is None:
            return "completed"
        return self.question.id if self.term is None else f"{self.question.id}:{self.term}"


def steps(part: PartTemplate, review: Review) -> list[Step]:
    """Each question a page; a per-term question a page for each term of reference (or one page
    saying to add them first); then the page where the author marks the part completed."""
    result: list[Step] = []
    for question in part.questions:
        terms = review.review_details.terms_of_reference
        if question.kind == "per-term" and terms:
            result.extend(Step(question, term.id) for term in terms)
        else:
            result.append(Step(question))
    result.append(Step(None))
    return result


@dataclass(frozen=True)
class WalkPage:
    """Steps shown together: one, or a group of questions in a row (Section 11's fourteen
    considerations), each with its own answer."""

    steps: tuple[Step, ...]
    first: int  # the number in the part's steps of its first step

    @property
    def heading(self) -> str:
        """The group's heading ('' for a page of one question)."""
        question = self.steps[0].question
        return question.group if question is not None and len(self.steps) > 1 else ""

    def holds(self, step_number: int) -> bool:
        return self.first <= step_number < self.first + len(self.steps)


def pages(part: PartTemplate, review: Review) -> list[WalkPage]:
    """The part's steps as the wizard's pages: the questions of one group, in a row, together."""
    result: list[WalkPage] = []
    for number, step in enumerate(steps(part, review)):
        group = step.question.group if step.question is not None else ""
        last = result[-1] if result else None
        if group and last is not None and last.steps[0].question is not None and last.steps[0].question.group == group:
            result[-1] = WalkPage((*last.steps, step), last.first)
        else:
            result.append(WalkPage((step,), number))
    return result


def page_with_step(all_pages: list[WalkPage], step_number: int) -> int:
    """The number of the page that shows step `step_number` (the last page if it is past the end)."""
    return next((i for i, page in enumerate(all_pages) if page.holds(step_number)), len(all_pages) - 1)


def where_in_part(all_pages: list[WalkPage], page_number: int) -> str:
    """How far through its part a page is, counted in questions: 'question 3 of 22', 'questions 9
    to 22 of 22', or 'finished?' for the page that closes the part."""
    page = all_pages[page_number]
    if page.steps[0].question is None:
        return "finished?"
    total = all_pages[-1].first  # every step but the closing one
    first, last = page.first + 1, page.first + len(page.steps)
    return f"question {first} of {total}" if first == last else f"questions {first} to {last} of {total}"


def find_step(part_id: str, review: Review, key: str) -> int | None:
    """Where `key` (a Step.key, or a bare question id) is in the part; its question's first step
    if its term of reference is gone; None if the question is not in the part."""
    found = steps(template().part(part_id), review)
    for i, step in enumerate(found):
        if step.key == key:
            return i
    for i, step in enumerate(found):
        if step.question is not None and step.question.id == key.split(":")[0]:
            return i
    return None


def step_index(part_id: str, review: Review, key: str) -> int:
    """Where `key` is in the part (see find_step); 0, its first step, if it is not there."""
    return find_step(part_id, review, key) or 0


def lost_resume_point(review: Review) -> str | None:
    """What is wrong with where the review says the author left off, if it names a part or a
    question that is not there (a file edited by hand, or from another template)."""
    resume = review.resume
    if not resume.part:
        return None
    if resume.part not in PART_IDS:
        return "names a part that is not in this review, so the review opens at the task list"
    if resume.question and find_step(resume.part, review, resume.question) is None:
        heading = template().part(resume.part).heading
        return f"names a question that is not in {heading}, so the review opens at its start"
    return None


# A place in the whole walk: (part number, step number) in template().parts; the part number
# len(parts) is the end, after the last part.
Place = tuple[int, int]


def next_place(review: Review, place: Place) -> Place:
    """The step after `place`: the next in its part, else the first of the next part; the end
    stays the end."""
    part_number, step_number = place
    parts = template().parts
    if part_number == len(parts):
        return place
    if step_number + 1 < len(steps(parts[part_number], review)):
        return part_number, step_number + 1
    return part_number + 1, 0


def previous_place(review: Review, place: Place) -> Place | None:
    """The step before `place`: the one before in its part, else the last of the part before;
    None from the very first."""
    part_number, step_number = place
    if step_number > 0:
        return part_number, step_number - 1
    if part_number == 0:
        return None
    return part_number - 1, len(steps(template().parts[part_number - 1], review)) - 1
