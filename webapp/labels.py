"""Chinese names for codes shown in pages (formats, audit actions, job states)."""
from __future__ import annotations

FORMATS = {"text": "文本", "txt": "文本", "docx": "Word 文档", "pdf": "PDF", "html": "网页"}
ACTIONS = {"upload": "上传文件", "reparse": "重新解析", "add_user": "新建用户",
           "correction_merge": "合并条目", "correction_split": "拆分条目",
           "decision_confirmed": "确认职责交叉", "decision_dismissed": "排除职责交叉",
           "decision_reopen": "撤销交叉处理结果", "detect": "重新识别职责交叉"}
JOB_STATES = {"queued": "排队中", "running": "解析中", "done": "已完成", "failed": "失败"}


def init_app(app) -> None:
    """Make the label tables available to every template."""
    app.jinja_env.globals.update(format_names=FORMATS, action_names=ACTIONS, job_states=JOB_STATES)
