"""Who is who: staff names, department aliases and canonical names, built once from staff.yaml.

Every module that needs a department's canonical name (checks, scoring, progress, the results
writer, the forms) asks this one table, so an alias means the same department everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Staff


@dataclass
class Directory:
    """Name lookups in O(1): leaders, people, and every department name or alias."""

    leaders: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    departments: dict[str, str] = field(default_factory=dict)  # name or alias -> canonical
    canonical_departments: list[str] = field(default_factory=list)  # in staff.yaml's order

    @classmethod
    def of(cls, staff: Staff) -> Directory:
        directory = cls(
            leaders={m.name for m in staff.leadership},
            people={p.name for p in staff.people},
        )
        for dept in staff.departments:
            directory.canonical_departments.append(dept.name)
            for name in (dept.name, *dept.aliases):
                directory.departments.setdefault(name, dept.name)
        return directory

    def department(self, name: str) -> str | None:
        """The canonical name of a department or alias; None when staff.yaml has no such one."""
        return self.departments.get(name)

    def canonical(self, names: Iterable[str]) -> tuple[str, ...]:
        """Department names with aliases resolved, each once, in order (unknown ones as typed)."""
        return tuple(dict.fromkeys(self.departments.get(name, name) for name in names))

    def aliases_of(self, canonical: str) -> list[str]:
        """Every name (the canonical one and its aliases) that means this department."""
        return [name for name, owner in self.departments.items() if owner == canonical]
