"""Dataclasses for a parsed 三定 document and its JSON form."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Duty:
    """One item of 主要职责 (or of a division's duties)."""
    no: int
    label: str
    text: str
    text_simplified: str = ""
    boilerplate: bool = False
    incomplete: bool = False


@dataclass
class Change:
    """One declared change: 划入, 划出, 取消, 下放, 加强, 整合 or 其他."""
    kind: str
    from_: str | None
    to: str | None
    text: str


@dataclass
class LabourDivision:
    """One 有关职责分工 statement and the departments it names."""
    no: int
    text: str
    departments: list[str] = field(default_factory=list)


@dataclass
class Division:
    """A 内设机构 with its paragraph and its single duties."""
    name: str
    text: str
    duties: list[str] = field(default_factory=list)
    label: str = ""
    incomplete: bool = False


@dataclass
class Leader:
    title: str
    count: int


@dataclass
class Staffing:
    administrative_posts: int | None = None
    leaders: list[Leader] = field(default_factory=list)
    division_leaders: int | None = None
    other: list[str] = field(default_factory=list)
    text: str = ""


@dataclass
class Document:
    """Everything the parser recovered from one file."""
    file: str
    department: str | None = None
    department_original: str | None = None
    government: str | None = None
    # Second names the text says the department carries (`加挂X县国有资产监督管理委员会牌子`): in 对标 it
    # is of their kinds too.
    signs: list[str] = field(default_factory=list)
    title: str | None = None
    duties: list[Duty] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    divisions_of_labour: list[LabourDivision] = field(default_factory=list)
    divisions: list[Division] = field(default_factory=list)
    division_count_stated: int | None = None
    staffing: Staffing = field(default_factory=Staffing)
    warnings: list[str] = field(default_factory=list)
    traditional: bool = False
    format: str = ""
    pages: int | None = None
    effective_date: str | None = None  # YYYY-MM-DD: the 施行 date, else the issuing notice's date
    document_year: int | None = None  # the year of the 文号 that issued it or that its 依据 names
    # Department pairs the text puts together (docproc.relations): {a, b, relation, quote, source}.
    relations: list[dict] = field(default_factory=list)
    # Pages read by OCR: {page, confidence, doubtful: [{text, score}]} (docproc.read.ocr).
    ocr: list[dict] = field(default_factory=list)

    def assign(self, department: str | None = None, government: str | None = None) -> None:
        """Set the department and/or government by hand (`--department`, staff on the web page).
        A department given without a government takes the one its name shows, if any."""
        from .names import government_of

        if department:
            self.department = self.department_original = department.strip()
            self.government = government_of(self.department) or self.government
            self.warnings = [w for w in self.warnings if w != "未能识别部门名称"]
        if government:
            self.government = government.strip()
        if self.department and self.government:
            self.warnings = [w for w in self.warnings if w != "未能从部门名称识别所属政府"]

    def to_dict(self) -> dict:
        """The JSON shape printed by `sanding parse --json`."""
        data = asdict(self)
        data["changes"] = [
            {"kind": c.kind, "from": c.from_, "to": c.to, "text": c.text}
            for c in self.changes
        ]
        return data


@dataclass
class RawText:
    """Text read from a file: logical lines in reading order."""
    lines: list[str]
    format: str
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    # Labels of Word automatic numbering, aligned with `lines` ("" if none).
    labels: list[str] | None = None
    ocr: list[dict] = field(default_factory=list)  # pages read by OCR (see Document.ocr)
    # Running heads dropped as page chrome: a Word export may name its department only there.
    running_heads: list[str] = field(default_factory=list)
