"""The rater form's field names: `r<i>` and `c<i>` for the i-th department of the
rater's list, and the index of the chosen option as a rating's value; in a round
with dimensions `r<i>.<j>` for the j-th dimension of the i-th department.

Department names as field names (`r:示例市第01局`) made a county form's 40
ratings and 40 comment boxes travel as 80 percent-encoded names, each decoded
again on every submission, and made the page 5 KB larger. Indices only hold
while the department list and the scale are the ones the page was rendered
with (a round is editable until its first response), so the form carries a
`v`: a digest of both, and a form whose `v` is not the current one is refused
rather than read against another list.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from survey.responses import AnswerError
from survey.rounds import Round

VERSION_FIELD = "v"


@lru_cache(maxsize=256)
def _version(departments: tuple[str, ...], labels: tuple[str, ...]) -> str:
    text = json.dumps([departments, labels], ensure_ascii=False)
    return hashlib.blake2s(text.encode("utf-8"), digest_size=8).hexdigest()


def version(departments: list[str], labels: list[str]) -> str:
    """The digest a form rendered for these departments and scale labels carries."""
    return _version(tuple(departments), tuple(labels))


def layout(survey_round: Round) -> list[str]:
    """What the indices of a round's form stand for besides its departments, for `version`:
    the scale's labels, or each dimension's name followed by its scale's labels."""
    if not survey_round.dimensions:
        return survey_round.rating_scale.labels()
    return [part for d in survey_round.dimensions for part in (f"维度:{d.name}", *d.scale.labels())]


def read(fields, departments: list[str], labels: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Ratings (scale labels) and comments by department from the form's (name, value) pairs.

    A value that is not an option's index is passed on as it came, for
    `check_answers` to refuse; an index past the rater's departments (a forged
    field) is refused here.
    """
    ratings, comments = {}, {}
    forged = []
    for name, value in fields:
        kind, number = name[:1], name[1:]
        if kind not in ("r", "c") or not (number.isascii() and number.isdigit()):
            continue  # csrf_token, action, v
        index = int(number)
        if index >= len(departments):
            forged.append(index + 1)
        elif kind == "r":
            is_option = value.isascii() and value.isdigit() and int(value) < len(labels)
            ratings[departments[index]] = labels[int(value)] if is_option else value
        else:
            comments[departments[index]] = value
    if forged:
        raise AnswerError(f"提交的内容包含不在您评议范围内的部门（第 {'、'.join(map(str, sorted(set(forged))))} 项）")
    return ratings, comments


def read_dimensions(fields, departments: list[str], dimensions: list[tuple[str, list[str]]]
                    ) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """`read` for a round with dimensions, given as (name, scale labels): ratings by department
    and dimension from `r<i>.<j>`, comments from `c<i>`. An index past the rater's departments
    or the round's dimensions (a forged field) is refused."""
    ratings: dict[str, dict[str, str]] = {}
    comments = {}
    forged = []
    for name, value in fields:
        kind, (number, dot, dimension) = name[:1], name[1:].partition(".")
        if kind not in ("r", "c") or not (number.isascii() and number.isdigit()) \
                or (kind == "r") != (dimension.isascii() and dimension.isdigit()) or (kind == "c" and dot):
            continue  # csrf_token, action, v
        index = int(number)
        which = int(dimension) if kind == "r" else 0
        if index >= len(departments) or (kind == "r" and which >= len(dimensions)):
            forged.append(index + 1)
        elif kind == "r":
            label_name, labels = dimensions[which]
            is_option = value.isascii() and value.isdigit() and int(value) < len(labels)
            ratings.setdefault(departments[index], {})[label_name] = labels[int(value)] if is_option else value
        else:
            comments[departments[index]] = value
    if forged:
        raise AnswerError(f"提交的内容包含不在您评议范围内的部门（第 {'、'.join(map(str, sorted(set(forged))))} 项）")
    return ratings, comments
