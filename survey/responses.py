"""Checking a rater's submitted answers before anything is stored."""
from __future__ import annotations

from dataclasses import dataclass, field

from .dimensions import Dimension
from .scales import Scale

MAX_COMMENT = 500


class AnswerError(ValueError):
    """Answers that cannot be accepted; the message is shown to the rater in Chinese."""


@dataclass
class Answer:
    department: str
    label: str  # "" in a round with dimensions
    value: float | None
    comment: str = ""
    ratings: dict[str, str] = field(default_factory=dict)  # dimension → label, in the round's order


def stored(answer: Answer) -> dict:
    """What a response keeps of an answer: the department, the label (or, in a round with
    dimensions, the label of each dimension rated) and the comment if there is one."""
    rating: dict = {"ratings": dict(answer.ratings)} if answer.ratings else {"label": answer.label}
    return {"department": answer.department, **rating, **({"comment": answer.comment} if answer.comment else {})}


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


def check_dimension_answers(dimensions: list[Dimension], departments: list[str],
                            ratings: dict[str, dict[str, str]], comments: dict[str, str], *,
                            require_all: bool = True, max_comment: int = MAX_COMMENT) -> list[Answer]:
    """`check_answers` for a round with dimensions: `ratings` maps each department to its labels
    by dimension. Submitting needs every dimension of every department; a draft keeps what is
    rated (a department with nothing rated is left out, as in `check_answers`)."""
    allowed = set(departments)
    forged = [name for name in list(ratings) + list(comments) if name not in allowed]
    if forged:
        raise AnswerError(f"提交的内容包含不在您评议范围内的部门：{'、'.join(sorted(set(forged)))}")
    known = {dimension.name for dimension in dimensions}
    answers, missing = [], []
    for department in departments:
        given = {name: (label or "").strip() for name, label in (ratings.get(department) or {}).items()}
        unknown = [name for name in given if name not in known]
        if unknown:
            raise AnswerError(f"“{department}”的评价包含本轮没有的评议维度：{'、'.join(unknown)}")
        chosen = {}
        for dimension in dimensions:
            label = given.get(dimension.name, "")
            if not label:
                continue
            try:
                dimension.scale.value_of(label)
            except KeyError:
                raise AnswerError(f"“{department}”的“{dimension.name}”评价“{label}”不是有效选项") from None
            chosen[dimension.name] = label
        lacking = [dimension.name for dimension in dimensions if dimension.name not in chosen]
        if lacking:
            missing.append(f"{department}（{'、'.join(lacking)}）")
        comment = (comments.get(department) or "").strip()
        if len(comment) > max_comment:
            raise AnswerError(f"“{department}”的意见建议超过 {max_comment} 字，请精简后再提交")
        if chosen:
            answers.append(Answer(department, "", None, comment, chosen))
    if missing and require_all:
        raise AnswerError(f"还有 {len(missing)} 个部门未评价完："
                          f"{'、'.join(missing[:5])}{'等' if len(missing) > 5 else ''}")
    return answers
