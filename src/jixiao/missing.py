"""Missing figures: one rule for `check` (a warning), `score` (an error) and `collect` (a warning).

A leaf without a completion figure, or a bureau evaluation left empty, is reported at the same
place by every command: the id's line in `completion:` when the id is written there, else
the `completion:` mapping itself; the caller chooses how severe it is.
"""

from __future__ import annotations

from .directory import Directory
from .model import Leaf, Results
from .problem import Pos, Problem, Severity

ALLOW_HINT = "填写后再计分；或加 --allow-missing 按 0 计，结果标为“暂定”"
EVALUATIONS = (("leadership", "领导评价"), ("public", "公众评议"))


def missing_figure(
    file: str, pos: Pos, leaf: Leaf, directory: Directory, severity: Severity
) -> Problem:
    departments = "、".join(sorted(directory.canonical(leaf.departments)))
    hint = ALLOW_HINT if severity is Severity.ERROR else leaf.title[:40]
    return Problem(
        file,
        pos[0],
        pos[1],
        severity,
        "missing-figure",
        f"{leaf.id} 尚未填写完成率（{departments}）",
        hint,
    )


def missing_figures(
    results: Results, leaves: list[Leaf], file: str, directory: Directory, severity: Severity
) -> list[Problem]:
    """A problem for each leaf of the scheme that has no completion figure in `results`."""
    return [
        missing_figure(file, figure_pos(results, leaf.id), leaf, directory, severity)
        for leaf in leaves
        if results.figure(leaf.id) is None
    ]


def figure_pos(results: Results, leaf_id: str) -> Pos:
    if leaf_id in results.completion:
        return results.where("completion", leaf_id)
    return results.where("completion")


def missing_evaluations(results: Results, file: str, severity: Severity) -> list[Problem]:
    """The bureau's 领导评价 and 公众评议, when either is not filled in."""
    evaluation = results.evaluation
    return [
        Problem(
            file,
            *(evaluation.where(key) if evaluation is not None else results.where("evaluation")),
            severity,
            "missing-evaluation",
            f"尚未填写{label}（evaluation.{key}）",
            ALLOW_HINT,
        )
        for key, label in EVALUATIONS
        if evaluation is None or getattr(evaluation, key) is None
    ]
