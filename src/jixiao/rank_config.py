"""`UNITS/rank.yaml`: the city's grade quotas for `jixiao rank`, validated like every data file.

quotas:                 # 名额: a share of the ranked units (rounded down) or a count
  优秀: 20%
  良好: 3
over_quota: downgrade   # flag (default): mark the units beyond a quota;
                        # downgrade: move them to the next grade
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, PlainValidator
from pydantic_core import PydanticCustomError

from .decimals import HUNDRED, plain
from .loader import Map, Seq, display_name, load_yaml
from .model import Node
from .problem import DataError, Problem, error
from .suggest import did_you_mean
from .validate import to_model
from .values import parse_decimal

CONFIG_FILE = "rank.yaml"
_PERCENT = re.compile(r"\s*([^%]*?)\s*[%％]\s*")


@dataclass(frozen=True)
class Quota:
    """How many units a grade may hold: a share of the ranked units, or a count."""

    percent: Decimal | None = None
    count: int | None = None

    def limit(self, ranked: int) -> int:
        if self.count is not None:
            return self.count
        assert self.percent is not None
        return int((self.percent * ranked / HUNDRED).to_integral_value(ROUND_FLOOR))

    def __str__(self) -> str:
        return f"{plain(self.percent)}%" if self.percent is not None else str(self.count)


def parse_quota(value: object) -> Quota:
    """`20%` (a share of the ranked units) or `3` (a count of units)."""
    if value is None:
        raise PydanticCustomError("number", "缺少名额（写单位个数如 3，或百分比如 20%）")
    if not isinstance(value, str):
        raise PydanticCustomError("number", "应为单位个数或百分比，而不是列表或映射")
    text = value.strip()
    match = _PERCENT.fullmatch(text)
    figure = _figure(match[1] if match else text, text)
    if match:
        if figure > 100:
            raise PydanticCustomError("range", "“{value}”超过 100%", {"value": text})
        return Quota(percent=figure)
    if figure != figure.to_integral_value():
        raise PydanticCustomError(
            "number", "“{value}”不是整数：名额写单位个数（如 3）或百分比（如 20%）", {"value": text}
        )
    return Quota(count=int(figure))


def _figure(part: str, whole: str) -> Decimal:
    try:
        figure = parse_decimal(part)
    except PydanticCustomError as exc:
        if exc.type != "number":  # more than two decimals, too large: said as it is
            raise
        figure = Decimal(-1)
    if figure < 0:
        raise PydanticCustomError(
            "number",
            "“{value}”不是名额：写不小于 0 的单位个数（如 3）或百分比（如 20%）",
            {"value": whole},
        )
    return figure


def _empty_map(value: object) -> object:
    return {} if value is None else value


OverQuota = Literal["flag", "downgrade"]


class RankConfig(Node):
    quotas: Annotated[
        dict[str, Annotated[Quota, PlainValidator(parse_quota)]], BeforeValidator(_empty_map)
    ] = Field(default_factory=dict)
    over_quota: OverQuota = "flag"


@dataclass(frozen=True)
class Config:
    """rank.yaml as read: the model and the file name its problems are located in."""

    model: RankConfig
    file: str

    @property
    def quotas(self) -> dict[str, Quota]:
        return self.model.quotas

    @property
    def over_quota(self) -> OverQuota:
        return self.model.over_quota


def load_config(units: Path) -> Config | None:
    """`UNITS/rank.yaml`, or None when there is none. Raises DataError with located problems."""
    path = units / CONFIG_FILE
    if not path.exists() and not path.is_symlink():
        return None
    name = display_name(path)
    tree, problems = load_yaml(path, name)
    model: RankConfig | None = None
    if tree is not None:
        pos = tree.pos if isinstance(tree, (Map, Seq)) else (1, 1)
        model, more = to_model(RankConfig, tree, pos, name)
        problems += more
    if problems or model is None:
        raise DataError(problems)
    return Config(model, name)


def check_grades(config: Config, grades: list[str], lowest: set[str]) -> list[Problem]:
    """Every quota names a grade of the ranked units' schemes; with `downgrade`, not the lowest
    (there is no grade below it to move a unit to)."""
    problems = []
    for name in config.quotas:
        pos = config.model.key_where("quotas", name)
        if name not in grades:
            suggestion = did_you_mean(name, grades)
            hint = f"是不是 {suggestion}？" if suggestion else "可用的等次：" + "、".join(grades)
            problems.append(
                error(config.file, pos, "unknown-grade", f"没有名为“{name}”的等次", hint)
            )
        elif config.over_quota == "downgrade" and name in lowest:
            problems.append(
                error(
                    config.file,
                    pos,
                    "lowest-grade",
                    f"“{name}”是最低等次，超出名额时无法降等",
                    "去掉这个名额，或改用 over_quota: flag 只作标记",
                )
            )
    return problems
