"""Pure quiz logic: the questions as plain data, and grading. No database, no requests."""

from dataclasses import dataclass, field

from learning.blocks import MULTIPLE


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    prompt: str
    choices: tuple[Choice, ...]

    @property
    def allows_several(self) -> bool:
        return self.kind == MULTIPLE

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(choice.id for choice in self.choices if choice.correct)


@dataclass(frozen=True)
class QuestionOutcome:
    question: Question
    chosen: frozenset[str]

    @property
    def correct(self) -> bool:
        return self.chosen == self.question.correct_ids


@dataclass(frozen=True)
class Grade:
    outcomes: tuple[QuestionOutcome, ...]
    pass_mark_percent: int
    correct: int = field(init=False)
    total: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "correct", sum(outcome.correct for outcome in self.outcomes))
        object.__setattr__(self, "total", len(self.outcomes))

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0

    @property
    def passed(self) -> bool:
        return self.total > 0 and self.percent >= self.pass_mark_percent


def clean_answers(questions: list[Question], raw: dict[str, list[str]]) -> dict[str, list[str]]:
    """Keep only real choice ids, at most one for single-answer questions."""
    cleaned = {}
    for question in questions:
        valid = {choice.id for choice in question.choices}
        chosen = [choice_id for choice_id in raw.get(question.id, []) if choice_id in valid]
        chosen = list(dict.fromkeys(chosen))
        cleaned[question.id] = chosen if question.allows_several else chosen[:1]
    return cleaned


def unanswered(questions: list[Question], answers: dict[str, list[str]]) -> list[Question]:
    return [question for question in questions if not answers.get(question.id)]


def grade(
    questions: list[Question], answers: dict[str, list[str]], pass_mark_percent: int
) -> Grade:
    """A question counts as right only when exactly the correct answers were chosen."""
    outcomes = tuple(
        QuestionOutcome(question=question, chosen=frozenset(answers.get(question.id, [])))
        for question in questions
    )
    return Grade(outcomes=outcomes, pass_mark_percent=pass_mark_percent)
