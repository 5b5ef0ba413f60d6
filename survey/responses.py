"""Checking a rater's submitted answers before anything is stored."""
from __future__ import annotations

from dataclasses import dataclass

from .scales import Scale

MAX_COMMENT = 500


class AnswerError(ValueError):
    """Answers that cannot be accepted; the message is shown to the rater in Chinese."""


@dataclass
class Answer:
    department: str
    label: str
    value: float | None
    comment: str = ""


def check_answers(scale: Scale, departments: list[str], ratings: dict[str, str], comments: dict[str, str],
                  *, require_all: bool = True, max_comment: int = MAX_COMMENT) -> list[Answer]:
    """Answers for exactly the rater's departments, each a label of the scale, comments short.

    A department the rater does not rate (a forged form field) is refused,
    never silently dropped.
    """
    allowed = set(departments)
    forged = [name for name in list(ratings) + list(comments) if name not in allowed]
    if forged:
        raise AnswerError(f"提交的内容包含不在您评议范围内的部门：{'、'.join(sorted(set(forged)))}")
    answers = []
    missing = []
    for department in departments:
        label = (ratings.get(department) or "").strip()
        if not label:
            missing.append(department)
            continue
        try:
            value = scale.value_of(label)
        except KeyError:
            raise AnswerError(f"“{department}”的评价“{label}”不是有效选项") from None
        comment = (comments.get(department) or "").strip()
        if len(comment) > max_comment:
            raise AnswerError(f"“{department}”的意见建议超过 {max_comment} 字，请精简后再提交")
        answers.append(Answer(department, label, value, comment))
    if missing and require_all:
        raise AnswerError(f"还有 {len(missing)} 个部门未评价："
                          f"{'、'.join(missing[:5])}{'等' if len(missing) > 5 else ''}")
    return answers
