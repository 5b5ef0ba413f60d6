"""Indicator systems (指标体系): a tree of up to three levels with weights, maxima and sources.

Each leaf has a maximum score, a weight within its parent and a scoring
source: `manual`, `survey:<round>[@<dimension>][:<group>]`, `overlaps`, `staffing[:divisions|:leaders]`,
`reform` (the share of 大科室 rules a department passes), `roll[:posts|:leaders]` (the 实名制
checks a department passes: no 超编 per kind of post, no 超职数 per level of leader post) or
`daily[:<来源>]` / `daily-rate[:<来源>]` (只考一次: deductions for verified faults, or the 办结率 of
verified assignments, `survey.reform.daily_record`).
Weights of the children of one parent sum to 1 (or to 100, read as percent);
they may be derived by AHP from a pairwise comparison matrix.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from docproc.safe_output import save_workbook, scrubbed
from docproc.sheet_layout import lay_out

from ..reform.daily_record import SOURCE_PATTERN as DAILY_SOURCES
from ..reform.daily_record import rule_of as daily_rule
from ..sheets import ListError, read_rows
from .ahp import AhpError, weigh

MAX_DEPTH = 3
MAX_INDICATORS = 500  # rows of an imported system; real ones have a few dozen
SOURCE = re.compile(r"^(manual|overlaps|staffing(:divisions|:leaders)?|reform|roll(:posts|:leaders)?"
                    r"|survey:\d+(@[^:@]+)?(:[^:]+)?|" + DAILY_SOURCES + ")$")


def takes_deduction(source: str | None) -> bool:
    """Whether a leaf of this source uses its 扣分/项 and 最低分: `overlaps` and the 只考一次 deductions."""
    rule = daily_rule(source or "")
    return source == "overlaps" or (rule is not None and not rule.rate)


class IndicatorError(ListError):
    """An indicator system that cannot be used; `errors` are Chinese messages."""


@dataclass
class Indicator:
    path: tuple[str, ...]
    weight: float | None = None  # within its parent
    max: float | None = None  # leaves only
    source: str | None = None  # leaves only
    description: str = ""
    deduction: float = 2.0  # overlaps: points per unresolved finding
    floor: float = 0.0  # overlaps: lowest score

    @property
    def name(self) -> str:
        return self.path[-1]


@dataclass
class IndicatorSystem:
    name: str
    indicators: list[Indicator] = field(default_factory=list)
    matrices: dict[tuple[str, ...], list[list[float]]] = field(default_factory=dict)  # parent → AHP matrix

    def children(self, parent: tuple[str, ...]) -> list[Indicator]:
        return [i for i in self.indicators if i.path[:-1] == parent]

    def leaves(self) -> list[Indicator]:
        return [i for i in self.indicators if not self.children(i.path)]

    def effective_weight(self, indicator: Indicator) -> float:
        """The product of the normalised weights from the top level down to `indicator`."""
        weight = 1.0
        for depth in range(1, len(indicator.path) + 1):
            node = self.get(indicator.path[:depth])
            siblings = self.children(node.path[:-1])
            total = sum(s.weight or 0 for s in siblings)
            weight *= (node.weight or 0) / total if total else 0
        return weight

    def get(self, path: tuple[str, ...]) -> Indicator:
        for indicator in self.indicators:
            if indicator.path == path:
                return indicator
        raise KeyError(path)

    def apply_ahp(self) -> None:
        """Set the weights of each parent's children from its AHP matrix (refusing CR ≥ 0.10)."""
        for parent, matrix in self.matrices.items():
            children = self.children(parent)
            names = [c.name for c in children]
            try:
                result = weigh(matrix, names)
            except AhpError as error:
                raise IndicatorError([f"“{'/'.join(parent) or self.name}”的判断矩阵：{error}"]) from None
            if len(result.weights) != len(children):
                raise IndicatorError([f"“{'/'.join(parent) or self.name}”的判断矩阵是 {len(result.weights)} 阶，"
                                      f"但下级指标有 {len(children)} 个"])
            if not result.consistent:
                raise IndicatorError([result.refusal()])
            for child, weight in zip(children, result.weights):
                child.weight = round(weight, 6)

    def validate(self) -> None:
        """Raise IndicatorError listing every problem (weights, sources, depth)."""
        errors = []
        seen = set()
        for indicator in self.indicators:
            label = "/".join(indicator.path)
            if not indicator.path or any(not part.strip() for part in indicator.path):
                errors.append(f"指标“{label}”的名称为空")
            if len(indicator.path) > MAX_DEPTH:
                errors.append(f"指标“{label}”超过 {MAX_DEPTH} 级")
            if indicator.path in seen:
                errors.append(f"指标“{label}”重复")
            seen.add(indicator.path)
            if len(indicator.path) > 1 and indicator.path[:-1] not in {i.path for i in self.indicators}:
                errors.append(f"指标“{label}”的上级指标不存在")
        for leaf in self.leaves():
            label = "/".join(leaf.path)
            if not leaf.source:
                errors.append(f"末级指标“{label}”没有评分来源")
            elif not SOURCE.match(leaf.source):
                errors.append(f"末级指标“{label}”的评分来源“{leaf.source}”无法识别"
                              "（应为 manual、overlaps、staffing[:divisions|:leaders]、reform、roll[:posts|:leaders]、"
                              "daily[:来源]、daily-rate[:来源] 或 survey:轮次编号[@评议维度][:组别]）")
            if leaf.max is None or leaf.max <= 0:
                errors.append(f"末级指标“{label}”没有满分值")
        parents = {i.path[:-1] for i in self.indicators}
        for parent in sorted(parents):
            children = self.children(parent)
            weights = [c.weight for c in children if c.weight is not None and c.weight >= 0]
            where = "/".join(parent) or "一级指标"
            if len(weights) < len(children):
                errors.append(f"“{where}”下有指标没有权重")
                continue
            total = sum(weights)
            if abs(total - 1) > 0.005 and abs(total - 100) > 0.5:
                errors.append(f"“{where}”下的权重之和为 {total:g}，应为 1 或 100")
        if not self.indicators:
            errors.append("指标体系没有指标")
        if errors:
            raise IndicatorError(errors)


def system_to_dict(system: IndicatorSystem) -> dict:
    """A JSON-able dict of the system (the store keeps it as data_json)."""
    return {"name": system.name,
            "indicators": [{"path": list(i.path), "weight": i.weight, "max": i.max, "source": i.source,
                            "description": i.description, "deduction": i.deduction, "floor": i.floor}
                           for i in system.indicators],
            "matrices": [{"parent": list(parent), "matrix": matrix}
                         for parent, matrix in system.matrices.items()]}


def system_from_dict(data: dict) -> IndicatorSystem:
    """The system back from `system_to_dict`."""
    system = IndicatorSystem(data.get("name") or "指标体系")
    for item in data.get("indicators", []):
        system.indicators.append(Indicator(
            tuple(item["path"]), item.get("weight"), item.get("max"), item.get("source"),
            item.get("description") or "", 2.0 if item.get("deduction") is None else item["deduction"],
            item.get("floor") or 0.0))
    for entry in data.get("matrices", []):
        system.matrices[tuple(entry["parent"])] = entry["matrix"]
    return system


def survey_rounds(system: IndicatorSystem) -> dict[int, list[str]]:
    """Round id → the leaves (as "a/b/c") whose source is survey:<round>[@<dimension>][:<group>]."""
    found: dict[int, list[str]] = {}
    for leaf in system.leaves():
        if leaf.source and leaf.source.startswith("survey:"):
            part = leaf.source.split(":")[1].split("@")[0]
            if part.isdigit():
                found.setdefault(int(part), []).append("/".join(leaf.path))
    return found


# --- templates ---------------------------------------------------------------------------------

def _tree(name: str, spec: list[tuple[str, float, list[tuple[str, float, str, str]]]]) -> IndicatorSystem:
    system = IndicatorSystem(name)
    for top, weight, leaves in spec:
        system.indicators.append(Indicator((top,), weight))
        leaf_total = sum(leaf[1] for leaf in leaves)
        for leaf, points, source, criterion in leaves:
            system.indicators.append(Indicator((top, leaf), round(points / leaf_total, 6), points, source,
                                               description=criterion))
    return system


# 评分标准 of the templates: what the evaluator checks and how points are taken off; an office
# edits them on the system page or in the exported .xlsx (说明 column).
_BY_HAND = "查阅资料、座谈了解后评分："


def seven_indicator_template() -> IndicatorSystem:
    """The 7-indicator system of 机构改革评估 (DOMAIN.md): 100 points in all."""
    return _tree("机构改革评估七项指标", [
        ("职能配置", 0.15, [
            ("职能法定、完整清晰", 5, "manual", _BY_HAND + "三定规定职责与法律法规、上级三定一致，无遗漏、"
             "无表述不清的得满分；"
             "每发现一处缺漏或不清扣 1 分。"),
            ("权责统一", 5, "manual", _BY_HAND + "职责与权力、责任相匹配，有权必有责；"
             "每发现一项有权无责或有责无权扣 1 分。"),
            ("权责清单落实", 5, "manual", _BY_HAND + "权责清单与三定规定衔接并动态调整、对外公开；未公开扣 2 分，"
             "每发现一项与三定不符扣 1 分。")]),
        ("内设机构", 0.15, [
            ("设置科学合理", 5, "manual", _BY_HAND + "内设机构按职能设置、数量符合核定，无职责过窄或一人科室；"
             "每发现一处扣 1 分。"),
            ("职责边界清晰", 5, "overlaps", "自动：按尚未解决的职责交叉（已确认、尚未整改销号）每处扣分，"
             "见扣分/项和最低分。"),
            ("上下一致", 5, "manual", _BY_HAND + "内设机构与上级对口部门业务衔接顺畅；每发现一处对接不畅扣 1 分。")]),
        ("人员编制", 0.15, [
            ("编制与职责匹配", 5, "manual", _BY_HAND + "编制配置与职责任务相适应，工作量饱满（可参照工作饱和度）；"
             "明显不匹配的酌情扣 1–3 分。"),
            ("职数与分工匹配", 5, "staffing:divisions", "自动：按三定规定的科级领导职数与内设机构数核对"
             "（大科室核对规则）。"),
            ("人员配备到位", 5, "manual", _BY_HAND + "按三定规定配齐配强人员、空编及时补充；"
             "每有一个科室长期缺员扣 1 分。")]),
        ("工作机制运行", 0.10, [
            ("内部运行机制健全", 10, "manual", _BY_HAND + "议事决策、内部管理、工作流程制度健全并执行；"
             "缺一项主要制度扣 2 分，执行不到位酌情扣分。")]),
        ("协作机制运行", 0.15, [
            ("配合机制", 4, "manual", _BY_HAND + "与相关部门建立会商、信息共享等协作机制并运行；未建立扣 2 分。"),
            ("牵头工作", 4, "manual", _BY_HAND + "职责分工明确由本部门牵头的事项履行到位；每发现一项推诿扣 1 分。"),
            ("配合工作", 4, "manual", _BY_HAND + "需本部门配合的事项配合到位；每发现一项配合不力扣 1 分。"),
            ("部门评价", 3, "manual", "参考相关部门和区市对本部门协作情况的评价（可用市县评作为结果）评分。")]),
        ("履职尽责", 0.20, [
            ("新增职责落实", 4, "manual", _BY_HAND + "三定规定新增（划入）职责承接到位、有人有岗有制度；"
             "每发现一项未落实扣 1 分。"),
            ("取消下放职责落实", 4, "manual", _BY_HAND + "取消、下放职责执行到位，无明放暗留、放而不管；"
             "每发现一项扣 1 分。"),
            ("加强职责落实", 4, "manual", _BY_HAND + "加强的职责有具体措施和成效；每发现一项未体现扣 1 分。"),
            ("服务对象满意情况", 5, "manual", "参考服务对象满意度评议结果评分（可将评分来源改为该评议轮次）。"),
            ("错误失误", 3, "manual", "年度内出现重大失误、被通报批评或引起负面舆情的，每次扣 1 分。")]),
        ("机构编制日常管理", 0.10, [
            ("超职数配备", 3, "staffing:leaders", "自动：按最新一期领导职数台账，每超配一名扣分；"
             "未导入台账时可人工认定。"),
            ("违规违纪", 3, "manual", "年度内发生违反机构编制纪律（擅自设机构、超编进人等）的，每起扣 1 分。"),
            ("条条干预", 2, "manual", "上级部门以考核、文件等方式干预机构设置、编制配备的，经核实每起扣 1 分。"),
            ("问题整改", 2, "manual", "上年度评估和督查发现的问题按时整改销号的得满分；每有一项逾期未整改扣 1 分。")]),
    ])


def city_department_template() -> IndicatorSystem:
    """Six areas for city departments (市直部门): 100 points in all."""
    return _tree("市直部门六个方面", [
        ("职能转变落实", 0.20, [
            ("取消事项落实", 4, "manual", _BY_HAND + "取消事项不再审批、不变相保留；每发现一项扣 1 分。"),
            ("下放事项落实", 4, "manual", _BY_HAND + "下放事项放得下、接得住、管得好；每发现一项放而不管扣 1 分。"),
            ("划入职责承接", 4, "manual", _BY_HAND + "划入职责人员、编制、工作衔接到位；每发现一项未承接扣 1 分。"),
            ("加强职责履行", 4, "manual", _BY_HAND + "加强的职责有措施有成效；每发现一项未体现扣 1 分。"),
            ("放管服改革成效", 4, "manual", _BY_HAND + "审批时限压缩、事中事后监管等改革任务完成情况，酌情评分。")]),
        ("职责边界与协同", 0.20, [
            ("部门间职责交叉", 8, "overlaps", "自动：按尚未解决的职责交叉（已确认、尚未整改销号）每处扣分，"
             "见扣分/项和最低分。"),
            ("职责边界清单落实", 4, "manual", _BY_HAND + "职责边界清单所列主办、协办事项履行到位；"
             "每发现一项推诿扣 1 分。"),
            ("牵头事项落实", 4, "manual", _BY_HAND + "牵头事项组织协调到位；每发现一项扣 1 分。"),
            ("配合事项落实", 4, "manual", _BY_HAND + "配合事项响应及时、配合到位；每发现一项扣 1 分。")]),
        ("内设机构运行", 0.15, [
            ("大科室制改革", 5, "manual", "对照大科室核对结果（机构改革页）：精简比例、综合科室占比、一两人科室等，"
             "每一项未达到扣 1–2 分。"),
            ("内设机构职责清晰", 5, "manual", _BY_HAND + "科室职责明确、无交叉；每发现一处交叉扣 1 分。"),
            ("内部运转顺畅", 5, "manual", _BY_HAND + "科室间协作顺畅、流程清晰，酌情评分。")]),
        ("编制与职数管理", 0.15, [
            ("领导职数配备", 5, "staffing:leaders", "自动：按最新一期领导职数台账，每超配一名扣分；"
             "未导入台账时可人工认定。"),
            ("编制使用", 5, "manual", _BY_HAND + "编制使用规范、无超编进人、空编合理使用，酌情评分。"),
            ("机构编制纪律", 5, "manual", "年度内违反机构编制纪律的，每起扣 1–2 分。")]),
        ("服务对象满意度", 0.15, [
            ("服务对象评价", 15, "manual", "参考服务对象满意度评议结果评分（可将评分来源改为该评议轮次）。")]),
        ("市县评作为", 0.15, [
            ("区市党政领导评价", 8, "manual", "参考市县评作为中区市党政领导组的结果评分"
             "（可将评分来源改为该轮次的该组）。"),
            ("对口部门评价", 7, "manual", "参考市县评作为中对口部门组的结果评分（可将评分来源改为该轮次的该组）。")]),
    ])


TEMPLATES = {"seven": seven_indicator_template, "city": city_department_template}


# --- .xlsx import / export -----------------------------------------------------------------------

XLSX_HEADER = ["一级指标", "二级指标", "三级指标", "权重", "满分", "评分来源", "扣分/项", "最低分", "说明"]


def to_xlsx(system: IndicatorSystem) -> bytes:
    """One row per indicator; the levels in the first three columns."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    system = scrubbed(system)
    book = Workbook()
    sheet = book.active
    sheet.title = "指标体系"
    sheet.append([system.name])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(XLSX_HEADER)
    for indicator in system.indicators:
        levels = list(indicator.path) + [""] * (3 - len(indicator.path))
        sheet.append(levels + [indicator.weight, indicator.max, indicator.source or "",
                               indicator.deduction if takes_deduction(indicator.source) else None,
                               indicator.floor if takes_deduction(indicator.source) else None,
                               indicator.description])
    lay_out(sheet, header_row=2)
    buffer = io.BytesIO()
    save_workbook(book, buffer)
    return buffer.getvalue()


def from_xlsx(data: bytes) -> IndicatorSystem:
    """Read a workbook written by `to_xlsx` (or by hand in that layout); errors name the row."""
    try:
        rows = read_rows(data, max_rows=MAX_INDICATORS, header_rows=2, max_columns=len(XLSX_HEADER))
    except ListError as error:
        raise IndicatorError(error.errors) from None
    if len(rows) < 2 or [str(c or "").strip() for c in rows[1][:len(XLSX_HEADER)]] != XLSX_HEADER:
        raise IndicatorError([f"第2行表头应为“{'，'.join(XLSX_HEADER)}”"])
    system = IndicatorSystem(str(rows[0][0] or "指标体系").strip())
    errors = []
    for number, row in enumerate(rows[2:], start=3):
        cells = list(row) + [None] * len(XLSX_HEADER)
        path = tuple(str(c).strip() for c in cells[:3] if c not in (None, ""))
        if not path:
            continue
        try:
            weight = _number(cells[3], "权重")
            maximum = _number(cells[4], "满分")
            deduction = _number(cells[6], "扣分/项")
            floor = _number(cells[7], "最低分")
        except ValueError as error:
            errors.append(f"第{number}行{error}")
            continue
        system.indicators.append(Indicator(path, weight, maximum, str(cells[5] or "").strip() or None,
                                           str(cells[8] or "").strip(), deduction if deduction is not None else 2.0,
                                           floor or 0.0))
    if errors:
        raise IndicatorError(errors)
    system.validate()
    return system


def _number(value, column: str) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"“{column}”列的“{value}”不是数字") from None
