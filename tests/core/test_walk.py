"""The walk: each part's questions a step at a time, then its "completed" step, part after part."""

from imr_tui.core.guidance import template
from imr_tui.core.model import TermOfReference
from imr_tui.core.standard_text import new_review
from imr_tui.core.walk import next_place, page_with_step, pages, previous_place, step_index, steps, where_in_part


def test_the_walk_goes_through_every_step_of_every_part_and_back_again():
    review = new_review()
    review.review_details.terms_of_reference = [TermOfReference(id=4), TermOfReference(id=9)]
    counts = [len(steps(part, review)) for part in template().parts]
    place, walked = (0, 0), [(0, 0)]
    while place != (len(counts), 0):
        place = next_place(review, place)
        walked.append(place)
    assert walked == [(p, s) for p, count in enumerate(counts) for s in range(count)] + [(len(counts), 0)]
    assert next_place(review, place) == place  # the end stays the end
    back = [previous_place(review, p) for p in walked[1:-1]]
    assert back == walked[:-2] and previous_place(review, (0, 0)) is None


def test_the_analysis_asks_its_per_term_question_once_for_each_term_of_reference():
    review = new_review()
    analysis = template().part("analysis")
    assert [s.key for s in steps(analysis, review)][0] == "by_term"  # one page: add terms first
    review.review_details.terms_of_reference = [TermOfReference(id=4), TermOfReference(id=9)]
    keys = [s.key for s in steps(analysis, review)]
    assert keys[:3] == ["by_term:4", "by_term:9", "identity_needs"] and keys[-1] == "completed"
    assert step_index("analysis", review, "by_term:9") == 1
    assert step_index("analysis", review, "by_term:5") == 0  # that term is gone: its question's first
    assert step_index("analysis", review, "nothing") == 0


def test_the_fourteen_considerations_of_the_analysis_are_one_page_counted_as_fourteen_questions():
    review = new_review()
    review.review_details.terms_of_reference = [TermOfReference(id=4), TermOfReference(id=9)]
    analysis = pages(template().part("analysis"), review)
    assert [len(page.steps) for page in analysis] == [1] * 9 + [14, 1]
    assert analysis[9].heading.startswith("Additional considerations")
    said = [where_in_part(analysis, n) for n in range(len(analysis))]
    assert said[0] == "question 1 of 23" and said[9:] == ["questions 10 to 23 of 23", "finished?"]
    # Where a consideration is asked (the check, a resumed review) is its group's page.
    assert page_with_step(analysis, step_index("analysis", review, "timescales")) == 9


def test_a_part_without_groups_is_a_page_a_question():
    review = new_review()
    for part in template().parts:
        if part.id != "analysis":
            assert [page.steps for page in pages(part, review)] == [(step,) for step in steps(part, review)]
