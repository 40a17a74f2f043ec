"""What every format of a report shares: which part of a scorecard is shown (a `View`), and the
sentences (titles, headings, reasons, the formula) that the terminal, markdown and the
workbooks all say the same way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..decimals import plain
from ..model import Leaf
from ..progress import ProgressReport, Status
from ..scoring import Ineligible, LeafScore, Score, Scorecard
from .numbers import percent, two

# --- a leaf -------------------------------------------------------------------------


def names(listed: Sequence[str]) -> str:
    return "、".join(listed)


def leaf_cells(leaf: Leaf, departments: Sequence[str], *, leaders: bool = True) -> list[str]:
    """序号, 内容, 责任科室 (canonical names), 分管领导 (unless not wanted), 科室责任人: how
    every progress and trend table names a leaf."""
    who = [names(leaf.leaders)] if leaders else []
    return [leaf.id, leaf.title, names(departments), *who, names(leaf.persons)]


# --- score ----------------------------------------------------------------------------

PROVISIONAL = "暂定"


@dataclass(frozen=True)
class View:
    """What to show: everything, one department or one 分管领导; with or without every leaf."""

    detail: bool = False
    department: str | None = None
    leader: str | None = None

    @property
    def subject(self) -> str | None:
        """The one department or leader shown, or None for everything."""
        return self.department if self.department is not None else self.leader

    @property
    def leaves(self) -> bool:
        """Whether the leaves are listed: with --detail, and always for one department or leader."""
        return self.detail or self.subject is not None


def selected(card: Scorecard, view: View) -> tuple[list[Score], list[Score], list[LeafScore]]:
    if view.leader is not None:
        leaders = [s for s in card.leaders if s.name == view.leader]
        return [], leaders, list(leaders[0].leaves) if leaders else []
    if view.department is None:
        return card.departments, card.leaders, card.leaves
    departments = [d for d in card.departments if d.name == view.department]
    leaves = list(departments[0].leaves) if departments else []
    return departments, [], leaves


def ineligible_in_view(card: Scorecard, view: View) -> tuple[list[Ineligible], list[Ineligible]]:
    if view.subject is None:
        return card.ineligible_departments, card.ineligible_persons
    leaves = selected(card, view)[2]
    # people on the leaves shown, and people named with the department on a deduction
    persons_here = {p for s in leaves for p in s.leaf.persons}
    if view.leader is not None:  # the leader, and the departments of their leaves
        persons_here.add(view.leader)
        departments_here = {d for s in leaves for d in s.departments}
    else:
        departments_here = {view.department or ""}
    departments = [i for i in card.ineligible_departments if i.name in departments_here]
    persons = [
        i
        for i in card.ineligible_persons
        if i.name in persons_here or view.department in i.departments
    ]
    return departments, persons


def reasons(entry: Ineligible) -> list[str]:
    """Why eligibility is lost: each deduction, then the 限期整改 of the lowest grade."""
    out = []
    for deduction in entry.deductions:
        text = f"察访核验扣{plain(deduction.points)}分：{deduction.reason}"
        if deduction.date is not None:
            text += f"（{deduction.date.isoformat()}）"
        out.append(text)
    if entry.rectify_grade is not None:
        out.append(f"考评等次为“{entry.rectify_grade}”，须限期整改并上报整改情况")
    return out


def formula_terms(score: Score, factor_percent: str) -> tuple[list[str], list[str]]:
    """The work plan's formula with the figures filled in, term by term: a line may break
    between two terms, never inside one (`+ 领导评价 9.20` stays together)."""
    return (
        [
            "折算得分 =",
            f"目标考评得分 {two(score.target)}",
            f"× {factor_percent}",
            f"= {two(score.weighted)}",
        ],
        [
            "考评得分 =",
            f"折算得分 {two(score.weighted)}",
            f"+ 领导评价 {two(score.leadership)}",
            f"+ 公众评议 {two(score.public)}",
            f"+ 正向激励 {two(score.bonus)}",
            f"− 察访核验扣分 {two(score.deduction)}",
            f"= {two(score.final)}",
        ],
    )


def formula_lines(score: Score, factor_percent: str) -> tuple[str, str]:
    """The formula as two lines a calculator can follow."""
    weighted, final = formula_terms(score, factor_percent)
    return " ".join(weighted), " ".join(final)


def factor_percent(card: Scorecard) -> str:
    return percent(card.scheme.formula.target_factor * 100)


def provisional_mark(card: Scorecard) -> str:
    """`（暂定）` after every heading whose figures or list depend on a figure counted as 0."""
    return f"（{PROVISIONAL}）" if card.provisional else ""


EVALUATION_LABELS = {"leadership": "领导评价", "public": "公众评议"}


def missing_note(card: Scorecard) -> str:
    """What was counted as 0: the completion figures by id, then the evaluations."""
    parts = []
    if card.missing:
        parts.append(f"{len(card.missing)} 项未填完成率，按 0 计：{'、'.join(card.missing)}")
    if card.missing_evaluations:
        labels = "、".join(EVALUATION_LABELS[key] for key in card.missing_evaluations)
        parts.append(f"{labels}未填，按 0 计")
    return "；".join(parts)


# --- progress -------------------------------------------------------------------------

SUMMARY_NOTE = (
    "加权完成率 = Σ各项得分 ÷ Σ分值 × 100（各项得分 = 分值 × 完成率，保留两位小数，"
    "与 score 的计法相同），只计已填报的项目；由两个科室共同负责的项目计入每个科室。"
)


def title_text(report: ProgressReport) -> str:
    return f"{report.unit} {report.year} 年度工作进度（截至 {report.as_of.isoformat()}）"


def rule_text(report: ProgressReport) -> str:
    return (
        f"滞后：完成率低于应达进度 {plain(report.tolerance)} 个百分点以上；"
        "应达进度按年初至完成时限均匀推进计算；逾期：已过完成时限仍未完成。"
    )


def notice_heading(report: ProgressReport) -> str:
    counts = report.total.counts
    return f"通报：逾期 {counts[Status.OVERDUE]} 项，滞后 {counts[Status.BEHIND]} 项"


def missing_heading(report: ProgressReport) -> str:
    return f"未填报：{len(report.missing)} 项"
