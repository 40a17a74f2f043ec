"""Small hand-made schemes and results for scoring tests, built as the loader would see them."""

from __future__ import annotations

from typing import Any

from jixiao.model import Results, Scheme

GRADES = [
    {"name": "优秀", "min": "90"},
    {"name": "良好", "min": "80"},
    {"name": "合格", "min": "70"},
    {"name": "差", "min": "0"},
]


def leaf(
    leaf_id: str,
    weight: str,
    departments: list[str],
    leaders: list[str] | None = None,
    persons: list[str] | None = None,
    deadline: str | None = "2024-12-31",
) -> dict[str, Any]:
    return {
        "id": leaf_id,
        "title": f"计分项 {leaf_id}",
        "weight": weight,
        **({"deadline": deadline} if deadline is not None else {}),
        "leaders": leaders or ["刘海明"],
        "departments": departments,
        "persons": persons or ["万小翠"],
    }


def scheme(
    *leaves: dict[str, Any], bonus_max: str | None = None, grades: list[dict[str, str]] = GRADES
) -> Scheme:
    return Scheme.model_validate(
        {
            "unit": "测试局",
            "year": "2024",
            "formula": {
                "target_factor": "0.8",
                "leadership_max": "10",
                "public_max": "10",
                "bonus_max": bonus_max,
            },
            "grades": grades,
            "sections": [{"name": "职能工作目标", "weight": "100", "indicators": list(leaves)}],
        }
    )


def results(
    completion: dict[str, str | None],
    leadership: str = "9",
    public: str = "9",
    **extra: Any,
) -> Results:
    return Results.model_validate(
        {
            "year": "2024",
            "completion": completion,
            "evaluation": {"leadership": leadership, "public": public},
            **extra,
        }
    )
