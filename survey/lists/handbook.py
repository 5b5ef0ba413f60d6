"""An edition of a 清单 as a Word handbook (一本通): an index of the 行业领域 with the matters under
each, then one table per 行业领域. The layout is docproc.handbook's (the 职责边界清单 of confirmed
findings), with this kind's columns.
"""
from __future__ import annotations

from pathlib import Path
from typing import IO

from docproc.handbook import Layout
from docproc.handbook import Matter as HandbookMatter
from docproc.handbook import write_docx as write_handbook

from .kinds import Kind, Matter

PAGE_WIDTH_CM = 25.7  # A4 landscape less 2 cm margins, as docproc.handbook sets the page
_WEIGHTS = {"name": 4.0, "field": 0, "text": 6.0, "department": 3.2, "departments": 3.6, "items": 3.2, "choice": 2.2}


def _layout(kind: Kind, cells: dict[int, list[str]]) -> Layout:
    """The kind's columns but 行业领域 (each table is one 行业领域), widths by what they hold."""
    shown = [column for column in kind.columns if column.type != "field"]
    weights = [1.2] + [_WEIGHTS[column.type] for column in shown]
    scale = PAGE_WIDTH_CM / sum(weights)
    lead = kind.column(kind.lead).header
    return Layout(columns=("序号", *(column.header for column in shown)),
                  widths_cm=tuple(round(weight * scale, 2) for weight in weights),
                  cells=lambda matter: [str(matter.no), *(cells[matter.no])],
                  index_note=lambda matter: f"　{lead}：{matter.lead}" if matter.lead else "",
                  empty="本版没有事项。")


def write_docx(kind: Kind, matters: list[Matter], target: str | Path | IO[bytes], title: str,
               subtitle: str) -> None:
    """The matters (in edition order, numbered from 1) as a handbook; `subtitle` says which edition."""
    shown = [column for column in kind.columns if column.type != "field"]
    cells = {number: [matter.text(column.key) or "—" for column in shown]
             for number, matter in enumerate(matters, start=1)}
    items = [HandbookMatter(no=number, topic=matter.field, matter=matter.name,
                            lead=matter.text(kind.lead), departments=matter.departments(kind))
             for number, matter in enumerate(matters, start=1)]
    write_handbook(items, target, title=title, subtitle=subtitle, layout=_layout(kind, cells))
