"""Chinese names for codes shown in pages (formats, audit actions, job states)."""
from __future__ import annotations

FORMATS = {"text": "文本", "txt": "文本", "docx": "Word 文档", "pdf": "PDF", "html": "网页"}
# Every action code the store writes to the audit log (a test checks that none is missing).
ACTIONS = {
    "add_user": "新建用户", "password_change": "修改密码", "password_reset": "重置密码",
    "user_disable": "停用账号", "user_enable": "启用账号", "user_scope": "设定账号范围",
    "upload": "上传文件", "reparse": "重新解析",
    "correction_merge": "合并条目", "correction_split": "拆分条目",
    "version_date": "设定施行日期", "version_move": "归入其他部门", "naming": "指定部门和政府",
    "version_delete": "删除三定文件",
    "detect": "重新识别职责交叉",
    "decision_confirmed": "确认职责交叉", "decision_dismissed": "排除职责交叉",
    "decision_reopen": "撤销交叉处理结果",
    "round_create": "新建评议轮次", "round_update": "修改评议轮次", "round_close": "结束评议轮次",
    "raters_import": "导入评议人", "round_raw_export": "导出原始答卷",
    "system_create": "新建指标体系", "system_update": "修改指标体系",
    "score_set": "评分", "score_clear": "撤销人工评分", "conclusion_set": "填写评估结论",
    "panel_set": "设定评估专家组", "leaf_close": "关闭指标评分", "leaf_reopen": "重新开放指标评分",
    "score_resolve": "裁定最终得分", "score_unresolve": "撤销裁定", "ahp_judgement": "填写AHP判断矩阵",
    "ahp_adopt": "采用专家组AHP权重",
    "rectification_add": "新增整改事项", "rectification_status": "更改整改状态",
    "problem_add": "登记机构编制问题", "problem_update": "修改机构编制问题", "problem_status": "更改问题状态",
    "problem_attachment": "上传问题佐证附件",
    "reform_rules": "修改大科室规则", "leader_snapshot": "导入领导职数台账",
    "saturation_import": "导入工作饱和度事项", "saturation_settings": "修改饱和度参数",
    "division_posts": "录入内设机构编制数", "pilot_batch": "新增大科室试点批次", "pilot_units": "调整试点批次",
    "list_change_propose": "提出清单变更", "list_change_approve": "批准清单变更", "list_change_reject": "驳回清单变更",
    "list_publish": "发布清单版本", "list_fields": "修改行业领域索引", "list_field_rename": "行业领域改名",
    "roll_import": "导入实名制数据", "adjustment_add": "登记编制调整", "adjustment_delete": "删除编制调整记录",
    "campaign_create": "新建评估活动", "campaign_update": "修改评估活动", "campaign_plan": "保存评估方案",
    "campaign_material_add": "增加报送材料", "campaign_material_remove": "删除报送材料",
    "campaign_units": "确定评估单位", "campaign_rounds": "关联评议轮次", "campaign_submission": "登记材料报送",
    "campaign_visit": "登记实地抽查", "campaign_feedback": "填写反馈意见", "campaign_remind": "提醒单位",
    "self_assessment_save": "保存自查自评草稿", "self_assessment_submit": "提交自查自评",
    "self_assessment_reopen": "退回自查自评", "campaign_feedback_ack": "确认收到反馈",
    "rectification_report": "报告整改进展", "rectification_report_accept": "认可整改进展并销号",
    "rectification_report_return": "退回整改进展",
    "counties_register": "登记下辖旗市区", "county_filing": "报送机构编制数据备案",
    "county_filing_decide": "审核备案",
    "daily_item_add": "登记只考一次事项", "daily_item_update": "修改只考一次事项",
    "daily_item_verify": "核实只考一次事项", "daily_item_file": "上传只考一次佐证",
    "history_freeze": "冻结年度评估结果",
}
# Relations between departments found in a text (docproc.relations).
RELATIONS = {"分工": "职责分工", "协作": "协作", "主管-分工": "主管与分工", "划入": "职责划转", "整合划入": "整合划入",
             "划出": "划出", "下放": "下放", "取消": "取消", "整合": "整合", "牵头-会同": "牵头会同", "管理": "管理",
             "移交": "移交", "推断相关": "推断相关（模型推断，请核实）"}
JOB_STATES = {"queued": "排队中", "running": "解析中", "done": "已完成", "failed": "失败"}


def init_app(app) -> None:
    """Make the label tables available to every template."""
    app.jinja_env.globals.update(format_names=FORMATS, action_names=ACTIONS, job_states=JOB_STATES,
                                 relation_names=RELATIONS)
