"""Rating scales: labels, their scores, and which label means "no answer"."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Option:
    label: str
    value: float | None  # None: counts as no answer (不了解)
    negative: bool = False  # the answers 满意率 leaves out (不满意, 差)


@dataclass(frozen=True)
class Scale:
    name: str
    options: tuple[Option, ...] = field(default_factory=tuple)

    def value_of(self, label: str) -> float | None:
        """The score of an answer label; KeyError for a label the scale does not have."""
        for option in self.options:
            if option.label == label:
                return option.value
        raise KeyError(label)

    def labels(self) -> list[str]:
        return [option.label for option in self.options]

    def is_negative(self, value: float) -> bool:
        return any(option.negative and option.value == value for option in self.options)

    def to_dict(self) -> dict:
        return {"name": self.name, "options": [
            {"label": o.label, "value": o.value, "negative": o.negative} for o in self.options]}

    @classmethod
    def from_dict(cls, data: dict) -> "Scale":
        return cls(data["name"], tuple(Option(o["label"], o["value"], o.get("negative", False))
                                       for o in data["options"]))


# 市县评作为: 好/较好/一般/差 = 100/85/70/50, 不了解 counts as no answer.
COUNTY = Scale("市县评作为", (Option("好", 100), Option("较好", 85), Option("一般", 70),
                          Option("差", 50, negative=True), Option("不了解", None)))
# 服务对象满意度: 非常满意/满意/基本满意/不满意 = 100/85/70/0.
PUBLIC = Scale("服务对象满意度", (Option("非常满意", 100), Option("满意", 85), Option("基本满意", 70),
                             Option("不满意", 0, negative=True)))

DEFAULTS = {"county": COUNTY, "public": PUBLIC}


def scale_text(scale: Scale) -> str:
    """A scale as editable lines `标签=分值`, `*` after a negative answer, no value for 不了解."""
    lines = []
    for option in scale.options:
        value = "" if option.value is None else f"{option.value:g}"
        lines.append(f"{option.label}={value}{'*' if option.negative else ''}")
    return "\n".join(lines)


def parse_scale(text: str, name: str) -> Scale:
    """Read lines written by `scale_text`; ValueError with a Chinese message when wrong."""
    options, seen = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        label, sign, value = (part.strip() for part in line.replace("＝", "=").partition("="))
        negative = value.endswith("*") or value.endswith("＊")
        value = value.rstrip("*＊").strip()
        if not sign or not label:
            raise ValueError(f"评价等次第{number}行应写成“标签=分值”，实际为“{line}”")
        if label in seen:
            raise ValueError(f"评价等次“{label}”重复")
        try:
            score = float(value) if value else None
        except ValueError:
            raise ValueError(f"评价等次“{label}”的分值“{value}”不是数字") from None
        if score is not None and not 0 <= score <= 1000:
            raise ValueError(f"评价等次“{label}”的分值应在 0–1000 之间")
        seen.add(label)
        options.append(Option(label, score, negative))
    if len([o for o in options if o.value is not None]) < 2:
        raise ValueError("评价等次至少需要两个计分的选项")
    return Scale(name, tuple(options))
