"""The roles of accounts and their Chinese names (one place; no imports, so the CLI can use it)."""

ROLE_NAMES = {"admin": "管理员", "evaluator": "评估员", "staff": "工作人员", "unit": "被评估单位"}
ALL_ROLES = tuple(ROLE_NAMES)
# The office's roles. A 被评估单位 account (`unit`) is tied to one department or one government and
# sees only its own unit's pages (webapp/unit_portal.py), never the office's.
OFFICE_ROLES = ("admin", "evaluator", "staff")
UNIT_ROLE = "unit"
