"""Pydantic models of the three data files (SPEC §2), each remembering where it was in its file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, model_validator

from .loader import Map, Seq
from .problem import Pos
from .values import (
    CompletionRate,
    Day,
    Factor,
    Id,
    Name,
    Names,
    NonNegative,
    Percent,
    Points,
    Text,
    Weight,
    Year,
    id_map,
    name_map,
)

_NOWHERE: Pos = (0, 0)


class Node(BaseModel):
    """A mapping from a YAML file. `where()` answers the line and column of any of its values."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # One slot object per node, set from the YAML mapping it was read from (None when built in
    # code). A single immutable default keeps Pydantic from copying per-instance defaults.
    _marks: _Marks | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_marks(cls, data: Any, handler: Any) -> Any:
        node = handler(data)
        if type(data) is Map:
            node._marks = _Marks(data)
        return node

    @property
    def pos(self) -> Pos:
        return self._marks.pos if self._marks else _NOWHERE

    def where(self, field: str, index: int | str | None = None) -> Pos:
        """Position of a field's value, or of one element of a list or mapping field."""
        marks = self._marks
        if marks is None:
            return _NOWHERE
        child = marks.children.get(field)
        if isinstance(index, int) and type(child) is list and index < len(child):
            return child[index]
        if isinstance(index, str) and type(child) is tuple and index in child[1]:
            return child[1][index]
        return marks.value_pos.get(field, marks.pos)

    def key_where(self, field: str, key: str) -> Pos:
        """Position of a key inside a mapping field (the id in `completion:`)."""
        child = self._marks.children.get(field) if self._marks else None
        if type(child) is tuple and key in child[0]:
            return child[0][key]
        return self.where(field)


class _Marks:
    """Where a node's values were: its mapping's positions and its list/mapping children."""

    __slots__ = ("children", "pos", "value_pos")

    def __init__(self, data: Map) -> None:
        self.pos: Pos = data.pos
        self.value_pos: dict[str, Pos] = data.value_pos
        # Only the positions of list and mapping children, not the children themselves, so
        # the parsed tree can be freed once the models are built.
        self.children: dict[str, list[Pos] | tuple[dict[str, Pos], dict[str, Pos]]] = {}
        for key, value in data.items():
            if type(value) is Seq:
                self.children[key] = value.item_pos
            elif type(value) is Map:
                self.children[key] = (value.key_pos, value.value_pos)


# --- indicators.yaml ------------------------------------------------------------------


class Formula(Node):
    target_factor: Factor
    leadership_max: NonNegative
    public_max: NonNegative
    bonus_max: NonNegative | None = None


class Grade(Node):
    name: Text
    min: NonNegative


class ProgressSettings(Node):
    tolerance: Percent = Decimal(10)


class Item(Node):
    """A second-level indicator (二级指标): always a leaf."""

    id: Id
    title: Text
    weight: Weight
    basis: Text | None = None
    deadline: Day | None = None
    leaders: Names | None = None
    departments: Names | None = None
    persons: Names | None = None


class Indicator(Item):
    """A first-level indicator (一级指标); a leaf itself when it has no items."""

    items: list[Item] | None = Field(default=None, min_length=1)


class Group(Node):
    name: Text
    indicators: list[Indicator] = Field(min_length=1)


class Section(Node):
    name: Text
    weight: Weight
    groups: list[Group] | None = Field(default=None, min_length=1)
    indicators: list[Indicator] | None = Field(default=None, min_length=1)

    def all_indicators(self) -> Iterator[tuple[Group | None, Indicator]]:
        for group in self.groups or ():
            for indicator in group.indicators:
                yield group, indicator
        for indicator in self.indicators or ():
            yield None, indicator


def short_title(title: str, limit: int = 40) -> str:
    """A title cut to `limit` characters for a listing or a hint, the cut marked with …"""
    return title if len(title) <= limit else title[: limit - 1] + "…"


@dataclass(frozen=True)
class Leaf:
    """A scored row of the table, with the section, group and indicator it sits under."""

    node: Item
    section: Section
    group: Group | None
    indicator: Indicator

    @property
    def id(self) -> str:
        return self.node.id

    @property
    def title(self) -> str:
        return self.node.title

    @property
    def short_title(self) -> str:
        return short_title(self.node.title)

    @property
    def weight(self) -> Decimal:
        return self.node.weight

    @property
    def deadline(self) -> date | None:
        return self.node.deadline

    @property
    def leaders(self) -> list[str]:
        return self.node.leaders or []

    @property
    def departments(self) -> list[str]:
        return self.node.departments or []

    @property
    def persons(self) -> list[str]:
        return self.node.persons or []


class Scheme(Node):
    unit: Text
    year: Year
    source: Text | None = None
    full_marks: Weight = Decimal(100)  # 满分: what the sections add up to (千分制 schemes use 1000)
    formula: Formula
    grades: list[Grade] = Field(min_length=1)
    progress: ProgressSettings = ProgressSettings()
    sections: list[Section] = Field(min_length=1)

    def indicators(self) -> Iterator[tuple[Section, Group | None, Indicator]]:
        for section in self.sections:
            for group, indicator in section.all_indicators():
                yield section, group, indicator

    def leaves(self) -> list[Leaf]:
        out: list[Leaf] = []
        for section, group, indicator in self.indicators():
            for item in indicator.items or (indicator,):
                out.append(Leaf(item, section, group, indicator))
        return out

    def grade_for(self, score: Decimal) -> str:
        for grade in self.grades:
            if score >= grade.min:
                return grade.name
        return self.grades[-1].name


# --- staff.yaml -----------------------------------------------------------------------

Role = Literal["组长", "第一副组长", "副组长", "成员"]


class Member(Node):
    name: Name
    role: Role


class Department(Node):
    name: Name
    aliases: Names = []
    liaison: Name | None = None


class Person(Node):
    name: Name
    department: Name | None = None


class Staff(Node):
    leadership: list[Member] = Field(min_length=1)
    office_head: Name | None = None
    departments: list[Department] = Field(min_length=1)
    people: list[Person] = Field(min_length=1)


# --- results/<year>.yaml --------------------------------------------------------------


def _entry(value: object) -> object:
    """`"1-1-1": 100` is shorthand for `"1-1-1": {completion: 100}`."""
    return value if isinstance(value, dict) else {"completion": value}


def _empty_list(value: object) -> object:
    return [] if value is None else value


class Completion(Node):
    completion: CompletionRate | None = None
    note: Text | None = None


class Evaluation(Node):
    leadership: NonNegative | None = None
    public: NonNegative | None = None


class Bonus(Node):
    points: Points
    reason: Text
    departments: Names = []
    persons: Names = []


class Deduction(Bonus):
    date: Day | None = None


class Results(Node):
    year: Year
    as_of: Day | None = None
    completion: Annotated[
        dict[str, Annotated[Completion, BeforeValidator(_entry)]], BeforeValidator(id_map)
    ] = {}
    evaluation: Evaluation | None = None
    department_evaluation: Annotated[dict[str, Evaluation], BeforeValidator(name_map)] = {}
    # `bonuses:` left with nothing after it (the template's [] deleted) means none
    bonuses: Annotated[list[Bonus], BeforeValidator(_empty_list)] = []
    deductions: Annotated[list[Deduction], BeforeValidator(_empty_list)] = []

    def figure(self, leaf_id: str) -> Decimal | None:
        entry = self.completion.get(leaf_id)
        return entry.completion if entry is not None else None
