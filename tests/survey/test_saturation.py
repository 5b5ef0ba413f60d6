"""工作饱和度: arithmetic checked on hand-computed examples; bad task lists import nothing."""
from __future__ import annotations

import pytest

from survey.reform.saturation import SaturationSettings, Task, TaskListError, available_hours, read_tasks, saturation

from workbooks import xlsx_bytes

HEADER = ["事项", "频次/年", "单次工时", "参与人数"]


def _xlsx(rows, header=HEADER) -> bytes:
    return xlsx_bytes(rows, header)


def test_hand_computed_example():
    # 52×4×1 = 208; 12×16×2 = 384; 200×2×3 = 1200 → 1792 hours required.
    tasks = [Task("周例会材料", 52, 4, 1), Task("月度检查", 12, 16, 2), Task("窗口受理", 200, 2, 3)]
    settings = SaturationSettings(working_days=250, hours_per_day=8, efficiency=0.8)
    # available: 1 post × 250 × 8 × 0.8 = 1600 → 1792 / 1600 = 1.12
    load = saturation("审批科", 1, tasks, settings)
    assert load.required == 1792 and load.available == 1600
    assert load.saturation == pytest.approx(1.12)
    assert load.flag == "饱和度过高"
    assert "1792" in load.explanation and "112.0%" in load.explanation


def test_per_post_and_low_band():
    tasks = [Task("台账整理", 100, 10, 2)]  # 2000 hours
    settings = SaturationSettings(working_days=250, hours_per_day=8, efficiency=0.85)
    load = saturation("综合科", 3, tasks, settings)
    assert available_hours(3, settings) == pytest.approx(5100)  # 3 × 250 × 8 × 0.85
    assert load.saturation == pytest.approx(2000 / 5100)
    assert load.required_per_post == pytest.approx(2000 / 3)
    assert load.available_per_post == pytest.approx(1700)
    assert load.flag == "饱和度不足"


def test_configurable_bands():
    tasks = [Task("检查", 170, 10, 1)]  # 1700 hours against 1700 available
    assert saturation("一科", 1, tasks).saturation == pytest.approx(1.0)
    assert saturation("一科", 1, tasks).flag == "正常"
    assert saturation("一科", 1, tasks, SaturationSettings(high=0.95)).flag == "饱和度过高"


def test_zero_posts():
    load = saturation("空科", 0, [Task("x", 1, 1, 1)])
    assert load.saturation is None and load.flag == "无法计算"


def test_import_good_list():
    tasks = read_tasks(_xlsx([["周例会材料", 52, 4, 1], ["月度检查", "12", 16, 2], [None, None, None, None]]))
    assert [(t.name, t.required) for t in tasks] == [("周例会材料", 208), ("月度检查", 384)]


def test_bad_rows_named_by_row_and_column_and_nothing_imported():
    rows = [["周例会材料", 52, 4, 1], ["", 5, 1, 1], ["月度检查", "每月", 16, 2], ["窗口受理", 200, -2, 3]]
    with pytest.raises(TaskListError) as error:
        read_tasks(_xlsx(rows))
    assert error.value.errors == [
        "第3行“事项”列为空",
        "第4行“频次/年”列“每月”不是非负数字",
        "第5行“单次工时”列“-2”不是非负数字",
    ]


def test_bad_header_and_file():
    with pytest.raises(TaskListError, match="第1行表头"):
        read_tasks(_xlsx([["a", 1, 1, 1]], ["事项", "次数"]))
    with pytest.raises(TaskListError, match="不是有效的 .xlsx"):
        read_tasks(b"garbage")
    with pytest.raises(TaskListError, match="没有工作事项"):
        read_tasks(_xlsx([]))
