"""The 清单 family kept as registers over years: 职责边界清单, 审批监管清单 and 属地管理清单.

An office such as 威海's keeps each list under a 动态管理办法: a working draft changed only through
approved change requests, published as dated editions (第N版, 2026年版), compared edition against
edition, and looked up by anyone in a 一本通 indexed by 行业领域. Plain Python here, no Flask, no SQL:

- `kinds`: the three kinds, their columns, the default 行业领域 index and the checks of one matter;
- `sheets`: .xlsx import (every bad row named, nothing kept unless all are right) and export;
- `editions`: what an import changes, the order of an edition, the diff between two editions;
- `search`: the 一本通's search by department, 行业领域 and keyword;
- `handbook`: an edition as a Word handbook grouped by 行业领域.
"""
from __future__ import annotations

from .kinds import KINDS, Context, Kind, ListsError, Matter, kind_named

__all__ = ["KINDS", "Context", "Kind", "ListsError", "Matter", "kind_named"]
