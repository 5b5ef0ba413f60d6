"""The roles of accounts and their Chinese names (one place; no imports, so the CLI can use it)."""

ROLE_NAMES = {"admin": "管理员", "evaluator": "评估员", "staff": "工作人员"}
ALL_ROLES = tuple(ROLE_NAMES)
