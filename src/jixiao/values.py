"""Scalar types for hand-typed values: every number is an exact Decimal with at most two decimals.

The loader hands every scalar over as a string, so these validators see exactly what the
clerk typed and can refuse what YAML 1.1 would have silently reinterpreted.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from . import slips
from .decimals import plain

_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise PydanticCustomError("number", "应为数字")
    if isinstance(value, Decimal):
        text = str(value)
    elif isinstance(value, (int, float)):
        text = repr(value)
    elif isinstance(value, str):
        text = value.strip()
    elif value is None:
        raise PydanticCustomError("number", "缺少数值")
    else:
        raise PydanticCustomError("number", "应为数字，而不是列表或映射")
    if not _NUMBER.fullmatch(text):
        _full_width_digits(text)
        raise PydanticCustomError("number", "“{value}”不是数字", {"value": text})
    digits = text.lstrip("+-")
    whole, _, fraction = digits.partition(".")
    if len(whole) > 1 and whole.startswith("0"):
        raise PydanticCustomError(
            "number",
            "“{value}”以 0 开头，含义不明确（请去掉前导 0）",
            {"value": text, "hint": f"写成 {plain(Decimal(text))}"},
        )
    if len(fraction) > 2:
        raise PydanticCustomError("decimals", "“{value}”超过两位小数", {"value": text})
    if len(whole) > 9:
        raise PydanticCustomError(
            "range", "“{value}”数值过大", {"value": text, "hint": "检查是否多打了数字"}
        )
    number = Decimal(text)
    if text.startswith("-") and number == 0:
        # Decimal keeps the sign: "-0" would be shown as -0 and -0%
        raise PydanticCustomError(
            "number", "“{value}”是负零，请写 0", {"value": text, "hint": "0 前面不要加负号"}
        )
    return number


def _full_width_digits(text: str) -> None:
    """９５ typed with a Chinese input method: say so, at the first full-width character."""
    typed = unicodedata.normalize("NFKC", text)
    if typed == text or not _NUMBER.fullmatch(typed):
        return
    index = next(i for i, char in enumerate(text) if not char.isascii())
    raise PydanticCustomError(
        "number",
        "“{value}”中有全角字符“{char}”",
        {"value": text, "char": text[index], "hint": f"请用半角数字，写成 {typed}"},
    )


COMPLETION_HINT = "完成率是 0 到 100 的百分数（不带 %）；超额完成的填 100，可在 note 中说明"


def parse_completion(value: object) -> Decimal:
    """A completion rate (完成率): a number from 0 to 100 with at most two decimals.

    The one rule for results files and for the cells of the department forms."""
    figure = parse_decimal(value)
    if figure > 100:
        raise PydanticCustomError(
            "range", "完成率 {value} 超过 100", {"value": plain(figure), "hint": COMPLETION_HINT}
        )
    if figure < 0:
        raise PydanticCustomError(
            "range", "完成率 {value} 不能小于 0", {"value": plain(figure), "hint": COMPLETION_HINT}
        )
    return figure


def parse_date(value: object) -> date:
    if isinstance(value, date):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if not _DATE.fullmatch(text):
        raise PydanticCustomError(
            "date", "“{value}”不是日期，请写成 2024-12-31 的形式", {"value": value}
        )
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError("date", "“{value}”不是有效的日期", {"value": text}) from None


def parse_year(value: object) -> int:
    text = value.strip() if isinstance(value, str) else str(value)
    if isinstance(value, bool) or not re.fullmatch(r"[12][0-9]{3}", text):
        raise PydanticCustomError(
            "year", "“{value}”不是年份，请写四位数字，如 2024", {"value": value}
        )
    return int(text)


def parse_text(value: object) -> str:
    if isinstance(value, str):
        text = value.strip()
        if text:
            return text
        raise PydanticCustomError("empty", "不能为空")
    if value is None:
        raise PydanticCustomError("empty", "不能为空")
    raise PydanticCustomError("text", "应为文字，而不是列表或映射")


def _refuse(slip: slips.Slip | None, at: int | str | None = None) -> None:
    """A slip as a validation error; `at`: the list item or mapping key it is in."""
    if slip is not None:
        context = slip.context if at is None else {**slip.context, "at": at}
        raise PydanticCustomError(slip.code, "含有{what}", context)


def parse_name(value: object) -> str:
    """A person's or a department's name: text without input-method slips or hidden spaces."""
    if isinstance(value, str) and slips.NAME_SLIP.search(value):
        _refuse(slips.in_name(value))
    return parse_text(value)


def parse_id(value: object) -> str:
    """An id such as 1-1-2: ASCII as typed, no full-width digits, dashes or hidden spaces."""
    if isinstance(value, str) and not value.isascii():
        _refuse(slips.in_id(value))
    return parse_text(value)


# Lists and mappings of names or ids are checked in one call per list, not per item: a big
# scheme has a hundred thousand names, and each validator call costs a microsecond.


def as_names(value: object) -> object:
    """A list of names, each as typed (before its blanks are stripped). A lone name where a
    list belongs is read as a one-name list (`leaders: 王夏阳`)."""
    names = [value] if isinstance(value, str) else value
    if isinstance(names, list):
        for i, name in enumerate(names):
            if type(name) is str and slips.NAME_SLIP.search(name):
                _refuse(slips.in_name(name), at=i)
    return names


def _keys(mapping: dict[object, object]) -> str:
    """All the keys in one string, to look at them in one call (the loader's keys are text)."""
    try:
        return "\n".join(mapping)  # type: ignore[arg-type]
    except TypeError:
        return "\n".join(str(key) for key in mapping)


def id_map(value: object) -> object:
    """A mapping by id (`completion:`); its keys keep their spelling: positions are by key."""
    if isinstance(value, dict) and not _keys(value).isascii():
        for key in value:
            if type(key) is str and not key.isascii():
                _refuse(slips.in_id(key), at=key)
    return {} if value is None else value


def name_map(value: object) -> object:
    """A mapping by department name (`department_evaluation:`)."""
    if isinstance(value, dict) and slips.NAME_SLIP.search(_keys(value)):
        for key in value:
            if type(key) is str:
                _refuse(slips.in_name(key), at=key)
    return {} if value is None else value


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise PydanticCustomError(
                "duplicate-name", "“{name}”在列表中出现了两次", {"name": name}
            )
        seen.add(name)
    return names


Weight = Annotated[Decimal, BeforeValidator(parse_decimal), Field(gt=0, le=100000)]
Percent = Annotated[Decimal, BeforeValidator(parse_decimal), Field(ge=0, le=100)]
CompletionRate = Annotated[Decimal, BeforeValidator(parse_completion)]
Points = Annotated[Decimal, BeforeValidator(parse_decimal), Field(gt=0, le=100)]
NonNegative = Annotated[Decimal, BeforeValidator(parse_decimal), Field(ge=0, le=1000)]
Factor = Annotated[Decimal, BeforeValidator(parse_decimal), Field(gt=0, le=1)]
Day = Annotated[date, BeforeValidator(parse_date)]
Year = Annotated[int, BeforeValidator(parse_year)]
Text = Annotated[str, BeforeValidator(parse_text)]
Name = Annotated[str, BeforeValidator(parse_name)]
Id = Annotated[str, BeforeValidator(parse_id)]
Names = Annotated[list[Text], BeforeValidator(as_names), AfterValidator(_unique)]
