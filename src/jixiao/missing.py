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
ALLOW = "再计分；或加 --allow-missing 按 0 计，结果标为“暂定”"
EVALUATIONS = (("leadership", "领导评价"), ("public", "公众评议"))


def missing_figure(
    file: str, pos: Pos, leaf: Leaf, directory: Directory, severity: Severity, where: str = ""
) -> Problem:
    """`where`: how to add the figure (`在第 7 行（"1-1-1"）之后加一行 …`), when the caller
    knows the file's layout; the hint always names the leaf's title."""
    departments = "、".join(sorted(directory.canonical(leaf.departments)))
    hint = leaf.short_title + (f"。{where}" if where else "")
    if severity is Severity.ERROR:
        hint += f"，{ALLOW}" if where else f"。{ALLOW_HINT}"
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
    """A problem for each leaf of the scheme that has no completion figure in `results`,
    saying where in the file to write it."""
    written = [leaf.id for leaf in leaves if leaf.id in results.completion]
    problems = []
    before: str | None = None  # the last leaf, in the scheme's order, written in the file
    for leaf in leaves:
        if results.figure(leaf.id) is None:
            where = _where_to_add(results, leaf.id, before, written)
            pos = figure_pos(results, leaf.id)
            problems.append(missing_figure(file, pos, leaf, directory, severity, where))
        if leaf.id in results.completion:
            before = leaf.id
    return problems


def _where_to_add(results: Results, leaf_id: str, before: str | None, written: list[str]) -> str:
    """Where the figure goes: on the id's own line, after the line of the leaf before it in
    the scheme, before the first id written, or under `completion:`."""
    entry = f'"{leaf_id}": 完成率'
    if leaf_id in results.completion:
        return f"在第 {line(results, leaf_id)} 行的“{leaf_id}”后面填上完成率"
    if before is not None:
        return f"在第 {line(results, before)} 行（{before}）之后加一行 {entry}"
    if written:
        return f"在第 {line(results, written[0])} 行（{written[0]}）之前加一行 {entry}"
    return f"在 completion: 下加一行 {entry}（前面空两格）"


def line(results: Results, leaf_id: str) -> int:
    return results.key_where("completion", leaf_id)[0]


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
