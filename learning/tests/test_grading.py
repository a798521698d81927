"""Scoring is the one piece of tricky pure logic: unit-tested directly."""

from learning.blocks import MULTIPLE, SINGLE, TRUE_FALSE
from learning.grading import Choice, Question, clean_answers, grade, unanswered


def question(qid: str, kind: str, correct: set[str], ids: tuple[str, ...]) -> Question:
    return Question(
        id=qid,
        kind=kind,
        prompt=f"prompt {qid}",
        choices=tuple(Choice(id=c, text=c, correct=c in correct, explanation="") for c in ids),
    )


SINGLE_Q = question("q1", SINGLE, {"a"}, ("a", "b", "c"))
MULTI_Q = question("q2", MULTIPLE, {"x", "y"}, ("x", "y", "z"))
MYTH_Q = question("q3", TRUE_FALSE, {"myth"}, ("fact", "myth"))
QUIZ = [SINGLE_Q, MULTI_Q, MYTH_Q]


def test_all_right_passes_with_full_marks():
    result = grade(QUIZ, {"q1": ["a"], "q2": ["x", "y"], "q3": ["myth"]}, 75)

    assert (result.correct, result.total, result.percent, result.passed) == (3, 3, 100, True)


def test_multiple_choice_needs_exactly_the_correct_set():
    partial = grade([MULTI_Q], {"q2": ["x"]}, 50)
    extra = grade([MULTI_Q], {"q2": ["x", "y", "z"]}, 50)

    assert partial.correct == 0
    assert extra.correct == 0


def test_pass_mark_is_inclusive():
    two_of_three = grade(QUIZ, {"q1": ["a"], "q2": ["x", "y"], "q3": ["fact"]}, 67)

    assert two_of_three.percent == 67
    assert two_of_three.passed


def test_below_the_pass_mark_fails():
    result = grade(QUIZ, {"q1": ["b"], "q2": ["x", "y"], "q3": ["fact"]}, 75)

    assert result.correct == 1
    assert not result.passed


def test_clean_answers_drops_unknown_ids_and_extra_single_answers():
    cleaned = clean_answers(QUIZ, {"q1": ["b", "a", "zzz"], "q2": ["x", "x", "nope"], "q9": ["a"]})

    assert cleaned == {"q1": ["b"], "q2": ["x"], "q3": []}
    assert unanswered(QUIZ, cleaned) == [MYTH_Q]


def test_an_empty_quiz_never_passes():
    assert not grade([], {}, 1).passed
