"""The 操作记录 as people read it: Chinese names for objects and fields, values summarised."""
from __future__ import annotations

import json

ENTITIES = {"version": "三定版本", "file": "文件", "finding": "职责交叉", "government": "政府",
            "department": "部门", "round": "评议轮次", "user": "用户", "indicator_system": "指标体系",
            "score": "评分", "conclusion": "评估结论", "rectification": "整改事项",
            "problem": "机构编制问题", "roll": "实名制导入", "adjustment": "编制调整", "list": "清单",
            "campaign": "评估活动", "daily_item": "只考一次事项"}
FIELDS = {
    "file_name": "文件", "sha256": "文件指纹", "department": "部门", "government": "政府",
    "department_id": "部门编号", "effective_date": "施行日期", "name": "名称", "kind": "类型",
    "status": "状态", "lead": "主办", "assisting": "协办", "matter": "事项", "division_of_work": "职责分工",
    "reason": "理由", "value": "分值", "evidence": "评分依据", "proof": "整改佐证", "note": "备注",
    "closed": "已结束", "closed_on": "销号日期", "responses": "答卷数", "raters": "评议人数", "role": "角色",
    "username": "用户名", "display_name": "姓名", "quarter": "季度", "holders": "在任人员", "tasks": "事项数",
    "template": "模板", "text": "内容", "correction_id": "更正编号", "action": "操作", "section": "部分",
    "position": "位置", "offset": "拆分位置", "expect": "原内容", "division": "内设机构", "measure": "整改措施",
    "owner": "责任人", "deadline": "整改时限", "problem": "问题", "origin": "来源", "source_ref": "来源编号",
    "k_min": "最少样本数", "year": "年度", "scale": "评价等次", "groups": "组别", "anonymous": "背对背",
    "access_code": "访问码", "departments": "被评议部门", "opens": "开始时间", "closes": "结束时间",
    "indicators": "指标", "snapshot_id": "台账编号", "trim": "去极值",
    "scale_json": "评价等次", "groups_json": "组别", "departments_json": "被评议部门", "trim_count": "去极值个数",
    "dimensions_json": "评议维度", "rows": "行数", "format": "格式",
    "trim_min": "去极值起点", "public_key": "公开链接", "government_id": "政府编号",
    "not_applicable": "不适用", "active": "启用",
    "members": "专家组成员", "threshold": "分歧阈值（满分的比例）", "matrix": "判断矩阵", "experts": "参与专家",
    "cr": "一致性比率 CR",
    "number": "编号", "category": "问题类别", "description": "问题描述", "found_on": "发现日期", "source": "发现途径",
    "as_of": "数据日期", "units": "单位数", "on_date": "日期", "post_kind": "编制类别", "count": "数量",
    "counterpart": "对方单位", "document_no": "文号",
    "due_on": "整改时限", "department_ids": "涉及部门编号", "closing_note": "销号说明", "attachment": "佐证附件",
    "size": "大小（字节）", "governments": "可查看的政府",
    "changes": "变更申请编号", "change": "变更申请编号", "batch": "批次", "values": "事项内容", "matter_id": "事项编号",
    "edition": "版本", "title": "版本名称", "published_on": "发布日期", "matters": "事项数",
    "deadlines": "截止日期", "draw": "随机抽取", "files": "附件", "materials": "材料", "on_behalf": "代为登记",
    "on_site": "实地抽查单位编号", "plan_text": "评估方案", "submitted_on": "报送日期", "system_id": "指标体系编号",
    "visited_on": "实地日期", "people": "座谈、访谈对象", "notes": "发现与记录", "unit_ids": "评估单位编号",
    "unit": "被评估单位", "scores": "自评分", "removed": "删除的附件", "late": "逾期", "acknowledged": "确认收到",
    "report": "整改进展报告编号",
    "counties": "旗市区", "filing_id": "备案编号", "target": "评估对象", "system": "指标体系",
    "verified_by_name": "核实人", "verified_on": "核实日期", "verify_note": "核实说明", "version": "版本",
}
VALUES = {"template": {"seven": "七项指标模板", "city": "市直部门模板", "xlsx": "表格导入", "blank": "空白"},
          "kind": {"county": "市县评作为", "public": "服务对象满意度"},
          "role": {"admin": "管理员", "evaluator": "评估员", "staff": "工作人员", "unit": "被评估单位"}}
SHORT = 80


def entity_text(entity: str) -> str:
    """`version:12` → `三定版本 12`; `score:3:5:履职尽责` → `评分 3 · 5 · 履职尽责`."""
    kind, _, rest = entity.partition(":")
    if kind == "finding":
        rest = rest.split(":", 1)[-1][:12]  # the government's id, then the finding's key
    return f"{ENTITIES.get(kind, kind)} {' · '.join(rest.split(':'))}".strip()


def fields(value: str | None) -> list[tuple[str, str]]:
    """A stored old/new value as (Chinese field name, short text) pairs."""
    if not value:
        return []
    try:
        data = json.loads(value)
    except ValueError:
        return [("", _short(value))]
    if not isinstance(data, dict):
        return [("", _text(data))]
    return [(FIELDS.get(str(key), str(key)), VALUES.get(str(key), {}).get(str(item), _text(item)))
            for key, item in data.items() if item not in (None, "", [], {})]


def _text(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        if all(isinstance(item, (str, int, float)) for item in value):
            return _short("、".join(str(item) for item in value))
        return f"{len(value)} 项"
    if isinstance(value, dict):
        return f"{len(value)} 项设置"
    text = str(value)
    return text[:12] + "…" if len(text) == 64 and all(c in "0123456789abcdef" for c in text) else _short(text)


def _short(text: str) -> str:
    return text if len(text) <= SHORT else text[:SHORT] + "…"
