"""The rater form's numbered fields read back into ratings and comments by department."""
from __future__ import annotations

import pytest

from survey.responses import AnswerError
from webapp.rate import rating_fields

DEPARTMENTS = ["示例市甲局", "示例市乙局", "示例市丙局"]
LABELS = ["好", "较好", "一般", "差", "不了解"]


def test_fields_map_to_departments_and_labels_by_position():
    fields = [("csrf_token", "n.m"), ("v", "x"), ("r0", "1"), ("c0", "窗口很好"), ("r2", "4"),
              ("c1", ""), ("action", "submit")]
    ratings, comments = rating_fields.read(fields, DEPARTMENTS, LABELS)
    assert ratings == {"示例市甲局": "较好", "示例市丙局": "不了解"}
    assert comments == {"示例市甲局": "窗口很好", "示例市乙局": ""}


@pytest.mark.parametrize("value", ["5", "-1", "好", "", "１", "1.0"])
def test_a_value_that_is_no_option_index_is_passed_on_for_check_answers_to_refuse(value):
    ratings, _ = rating_fields.read([("r1", value)], DEPARTMENTS, LABELS)
    assert ratings == {"示例市乙局": value}


def test_fields_past_the_raters_departments_are_refused_with_their_numbers():
    with pytest.raises(AnswerError, match="不在您评议范围内的部门（第 4、9 项）"):
        rating_fields.read([("r0", "0"), ("r3", "0"), ("c8", "x"), ("r3", "1")], DEPARTMENTS, LABELS)


@pytest.mark.parametrize("name", ["r", "c", "r-1", "r1x", "r²", "rr1", "r:示例市甲局", "comment"])
def test_other_field_names_are_not_ratings(name):
    assert rating_fields.read([(name, "0")], DEPARTMENTS, LABELS) == ({}, {})


def test_the_version_changes_with_the_department_list_or_the_scale():
    version = rating_fields.version(DEPARTMENTS, LABELS)
    assert version == rating_fields.version(list(DEPARTMENTS), list(LABELS))
    assert len(version) == 16 and version.isascii()
    assert version != rating_fields.version(list(reversed(DEPARTMENTS)), LABELS)
    assert version != rating_fields.version(DEPARTMENTS[:2], LABELS)
    assert version != rating_fields.version(DEPARTMENTS, ["好", "一般", "较好", "差", "不了解"])
    assert version != rating_fields.version(["示例市甲局示例市乙局", "示例市丙局"], LABELS)
