"""Semantic checks across the data files. Each check is a small generator of Problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal
from itertools import pairwise

from .decimals import plain
from .directory import Directory
from .missing import missing_figures
from .model import Department, Item, Leaf, Node, Results, Scheme, Staff
from .problem import Pos, Problem, Severity, error, warning
from .suggest import Suggester, did_you_mean

LEAF_FIELDS = ("deadline", "leaders", "departments", "persons")


# --- indicators.yaml on its own -------------------------------------------------------


def check_weights(scheme: Scheme, file: str) -> Iterator[Problem]:
    for section in scheme.sections:
        for _, indicator in section.all_indicators():
            if indicator.items:
                items = [(item.id, item.weight) for item in indicator.items]
                if _total(items) != indicator.weight:
                    what = f"指标 {indicator.id}"
                    yield _sum_problem(file, indicator, what, "其二级指标", "一级指标的", items)
        indicators = [(ind.id, ind.weight) for _, ind in section.all_indicators()]
        if _total(indicators) != section.weight:
            what = f"项目“{section.name}”"
            yield _sum_problem(file, section, what, "其下各指标", f"{what}的", indicators)
    sections = [(section.name, section.weight) for section in scheme.sections]
    total = _total(sections)
    if total != scheme.full_marks:
        yield error(
            file,
            scheme.where("sections"),
            "total-weight",
            f"各考评项目权重合计为 {plain(total)}，应为满分 {plain(scheme.full_marks)}",
            _shortfall(sections, "满分", scheme.full_marks),
        )


def _total(children: list[tuple[str, Decimal]]) -> Decimal:
    return sum((weight for _, weight in children), Decimal(0))


def _shortfall(children: list[tuple[str, Decimal]], whole: str, weight: Decimal) -> str:
    """Each child with its weight, and which way their sum is off:
    `1-1-1（2 分）、1-1-2（1.5 分）；子项合计 3.5 分，比一级指标的 4 分少 0.5 分`."""
    total = _total(children)
    gap = weight - total
    way = f"少 {plain(gap)} 分" if gap > 0 else f"多 {plain(-gap)} 分"
    listing = "、".join(f"{name}（{plain(w)} 分）" for name, w in children)
    return f"{listing}；子项合计 {plain(total)} 分，比{whole} {plain(weight)} 分{way}"


def _sum_problem(
    file: str,
    node: Node,
    what: str,
    children_name: str,
    whole: str,
    children: list[tuple[str, Decimal]],
) -> Problem:
    weight = node.weight  # type: ignore[attr-defined]
    return error(
        file,
        node.where("weight"),
        "weight-sum",
        f"{what} 的权重 {plain(weight)} 不等于{children_name}之和 {plain(_total(children))}",
        _shortfall(children, whole, weight),
    )


def check_section_shape(scheme: Scheme, file: str) -> Iterator[Problem]:
    for section in scheme.sections:
        if section.groups is not None and section.indicators is not None:
            yield error(
                file,
                section.pos,
                "section-shape",
                f"项目“{section.name}”不能同时有 groups 和 indicators",
                "有分组的项目把指标写在各分组（groups）下；没有分组的项目直接写 indicators",
            )
        elif section.groups is None and section.indicators is None:
            yield error(
                file,
                section.pos,
                "section-shape",
                f"项目“{section.name}”缺少 groups 或 indicators",
                "在项目下加 groups:（分组，各有 indicators）或直接加 indicators:（指标）",
            )


def check_unique_ids(scheme: Scheme, file: str) -> Iterator[Problem]:
    seen: dict[str, Item] = {}
    for _, _, indicator in scheme.indicators():
        for node in (indicator, *(indicator.items or ())):
            first = seen.setdefault(node.id, node)
            if first is not node:
                yield error(
                    file,
                    node.where("id"),
                    "duplicate-id",
                    f"序号 {node.id} 重复：第 {first.where('id')[0]} 行已经用过",
                    "对照工作方案改正其中一个序号",
                )


def check_leaf_fields(scheme: Scheme, file: str) -> Iterator[Problem]:
    for _, _, indicator in scheme.indicators():
        if indicator.items:
            for name in LEAF_FIELDS:
                if getattr(indicator, name) is not None:
                    yield error(
                        file,
                        indicator.where(name),
                        "nonleaf-field",
                        f"指标 {indicator.id} 有二级指标，{name} 应写在各二级指标上",
                        f"把这一行移到各二级指标（items）下，每个二级指标写自己的 {name}",
                    )
        for node in indicator.items or (indicator,):
            missing = [name for name in LEAF_FIELDS if not getattr(node, name)]
            if missing:
                yield error(
                    file,
                    node.pos,
                    "leaf-field-missing",
                    f"{node.id} 缺少 {'、'.join(missing)}",
                    "每个计分项都要写明完成时限、分管领导、责任科室和科室责任人",
                )


def check_deadlines(scheme: Scheme, file: str) -> Iterator[Problem]:
    for leaf in scheme.leaves():
        if leaf.deadline is not None and leaf.deadline.year != scheme.year:
            yield error(
                file,
                leaf.node.where("deadline"),
                "deadline-year",
                f"{leaf.id} 的完成时限 {leaf.deadline} 不在考评年度 {scheme.year} 内",
                f"完成时限应在 {scheme.year} 年内，如 {scheme.year}-12-31",
            )


def check_grades(scheme: Scheme, file: str) -> Iterator[Problem]:
    grades = scheme.grades
    for previous, grade in pairwise(grades):
        if grade.min >= previous.min:
            yield error(
                file,
                grade.where("min"),
                "grade-bands",
                f"等次须从高到低排列：“{grade.name}”的最低分 {plain(grade.min)} "
                f"应低于“{previous.name}”的 {plain(previous.min)}",
                "等次按最低分从高到低排列，如 优秀 90、良好 80、合格 70、差 0",
            )
    if grades[-1].min != 0:
        yield error(
            file,
            grades[-1].where("min"),
            "grade-bands",
            "最后一个等次的最低分应为 0",
            f"改为 {{name: {grades[-1].name}, min: 0}}，使任何得分都有等次",
        )


SCHEME_CHECKS: tuple[Callable[[Scheme, str], Iterable[Problem]], ...] = (
    check_section_shape,
    check_weights,
    check_unique_ids,
    check_leaf_fields,
    check_deadlines,
    check_grades,
)


# --- names: indicators.yaml and results against staff.yaml ----------------------------


def _unknown(
    file: str, pos: tuple[int, int], code: str, what: str, name: str, known: Iterable[str]
) -> Problem:
    suggestion = did_you_mean(name, known)
    hint = f"是不是 {suggestion}？" if suggestion else "请先在 staff.yaml 中登记"
    return error(file, pos, code, f"未知的{what}“{name}”", hint)


def check_names(node: Node, file: str, directory: Directory) -> Iterator[Problem]:
    """Leaders, departments and persons named on one node (a leaf, a bonus, a deduction)."""
    kinds = (
        ("leaders", "unknown-leader", "分管领导", directory.leaders),
        ("departments", "unknown-department", "科室", directory.departments),
        ("persons", "unknown-person", "人员", directory.people),
    )
    for field_name, code, what, known in kinds:
        for i, name in enumerate(getattr(node, field_name, None) or ()):
            if name not in known:
                pos = node.where(field_name, i)
                yield _unknown(file, pos, code, what, name, sorted(known))


def check_scheme_names(scheme: Scheme, file: str, directory: Directory) -> Iterator[Problem]:
    for leaf in scheme.leaves():
        yield from check_names(leaf.node, file, directory)


def check_staff(staff: Staff, file: str, directory: Directory) -> Iterator[Problem]:
    seen: dict[str, Department] = {}
    for dept in staff.departments:
        for i, name in enumerate((dept.name, *dept.aliases)):
            owner = seen.setdefault(name, dept)  # a department registered twice has two entries
            if owner is not dept or (i == 0 and name in dept.aliases):
                pos = dept.where("name") if i == 0 else dept.where("aliases", i - 1)
                yield error(
                    file,
                    pos,
                    "duplicate-name",
                    f"科室名称“{name}”重复（已属于 {owner.name}）",
                    "每个科室名称和别名只能出现一次：删去重复的一个",
                )
    names: set[str] = set()
    for person in staff.people:
        if person.name in names:
            message = f"人员“{person.name}”登记了两次"
            hint = "删去重复的一条；同名的两个人请在名字后加以区分，如 张伟（办公室）"
            yield error(file, person.where("name"), "duplicate-name", message, hint)
        names.add(person.name)
        if person.department is not None and directory.department(person.department) is None:
            pos = person.where("department")
            yield _unknown(
                file, pos, "unknown-department", "科室", person.department, directory.departments
            )
    # liaisons, the leadership group and the office head must all be registered people
    people: list[tuple[Node, str, str | None]] = [
        (d, "liaison", d.liaison) for d in staff.departments
    ]
    people += [(m, "name", m.name) for m in staff.leadership]
    people.append((staff, "office_head", staff.office_head))
    for node, field_name, who in people:
        if who is not None and who not in directory.people:
            pos = node.where(field_name)
            yield _unknown(file, pos, "unknown-person", "人员", who, directory.people)


# --- a results file against the scheme and staff --------------------------------------


def check_results(
    results: Results, file: str, scheme: Scheme, leaves: list[Leaf], directory: Directory | None
) -> Iterator[Problem]:
    if results.year != scheme.year:
        yield error(
            file,
            results.where("year"),
            "year-mismatch",
            f"这是 {results.year} 年度的结果，而考评方案是 {scheme.year} 年度",
            f"用 --results 指定 {scheme.year} 年度的结果文件；或改正这一行的年度",
        )
        return
    if results.as_of is not None:
        yield from _in_year(
            file, results.where("as_of"), "as-of-year", "统计截止日期", results.as_of, scheme.year
        )
    yield from _check_completion(results, file, leaves, directory)
    yield from _check_evaluations(results, file, scheme, directory)
    for kind in ("bonuses", "deductions"):
        for entry in getattr(results, kind):
            if directory is not None:
                yield from check_names(entry, file, directory)
    yield from _check_effects(results, file, leaves)
    for deduction in results.deductions:
        if deduction.date is not None:
            pos = deduction.where("date")
            yield from _in_year(file, pos, "date-year", "扣分日期", deduction.date, scheme.year)


def _check_effects(results: Results, file: str, leaves: list[Leaf]) -> Iterator[Problem]:
    """Entries that do less than they seem to: a deduction naming nobody, a bonus naming a
    person who has no score of their own (only 分管领导 are scored)."""
    for deduction in results.deductions:
        if not deduction.departments and not deduction.persons:
            yield warning(
                file,
                deduction.pos,
                "deduction-no-target",
                f"扣分“{deduction.reason}”没有写科室或人员："
                "只扣全局分，不取消任何科室或个人的评先评优资格",
                "写明责任科室 departments 和责任人 persons；确属只扣全局分的，可不理会此提示",
            )
    leaders = {name for leaf in leaves for name in leaf.leaders}
    for bonus in results.bonuses:
        for i, name in enumerate(bonus.persons):
            if name not in leaders:
                named = "、".join(bonus.departments)
                counted = f"全局和{named}的得分" if named else "全局得分"
                yield warning(
                    file,
                    bonus.where("persons", i),
                    "no-effect",
                    f"正向激励中的“{name}”不是分管领导，个人没有考评得分："
                    f"这项加分只计入{counted}，不会给{name}加分",
                    "个人只有分管领导有得分；不是笔误的话，可不理会此提示",
                )


def _in_year(file: str, pos: Pos, code: str, what: str, day: date, year: int) -> Iterator[Problem]:
    """A warning when a date of the results file is outside the scheme's year."""
    if day.year != year:
        yield warning(file, pos, code, f"{what} {day} 不在 {year} 年度内", "检查年份是否写错")


def _check_completion(
    results: Results, file: str, leaves: list[Leaf], directory: Directory | None
) -> Iterator[Problem]:
    ids = {leaf.id for leaf in leaves}
    unknown = [leaf_id for leaf_id in results.completion if leaf_id not in ids]
    meant: set[str] = set()  # leaves an unknown id is suggested for: their figure is there
    if unknown:
        # built once for all of them; a mistyped id most likely meant one still without a figure
        suggest = Suggester(ids, prefer=(i for i in ids if results.figure(i) is None))
        for leaf_id in unknown:
            pos = results.key_where("completion", leaf_id)
            problem, suggestion = _unknown_id(file, pos, leaf_id, suggest)
            if suggestion:
                meant.add(suggestion)
            yield problem
    # "1-1-1 尚未填写完成率" beside "没有序号为 1.1.1 的计分项，是不是 1-1-1？" says it twice
    rest = [leaf for leaf in leaves if leaf.id not in meant]
    yield from missing_figures(results, rest, file, directory or Directory(), Severity.WARNING)


def _unknown_id(
    file: str, pos: Pos, leaf_id: str, suggest: Suggester
) -> tuple[Problem, str | None]:
    suggestion = suggest(leaf_id)
    hint = f"是不是 {suggestion}？" if suggestion else "请对照 indicators.yaml 中的计分项序号"
    message = f"考评表中没有序号为 {leaf_id} 的计分项"
    return error(file, pos, "unknown-id", message, hint), suggestion


_EVALUATION_NAMES = {"leadership": "领导评价", "public": "公众评议"}


def _check_evaluations(
    results: Results, file: str, scheme: Scheme, directory: Directory | None
) -> Iterator[Problem]:
    maxima = {"leadership": scheme.formula.leadership_max, "public": scheme.formula.public_max}
    evaluations = [results.evaluation] if results.evaluation else []
    evaluations += results.department_evaluation.values()
    for evaluation in evaluations:
        for key, maximum in maxima.items():
            value = getattr(evaluation, key)
            if value is not None and value > maximum:
                yield error(
                    file,
                    evaluation.where(key),
                    "evaluation-range",
                    f"{_EVALUATION_NAMES[key]} {plain(value)} 超过满分 {plain(maximum)}",
                    f"满分由 indicators.yaml 的 formula.{key}_max 规定；核对这个分数",
                )
    if directory is not None:
        first: dict[str, str] = {}  # canonical department -> the key that named it first
        for name in results.department_evaluation:
            pos = results.key_where("department_evaluation", name)
            canonical = directory.department(name)
            if canonical is None:
                yield _unknown(file, pos, "unknown-department", "科室", name, directory.departments)
            elif first.setdefault(canonical, name) != name:
                yield error(
                    file,
                    pos,
                    "duplicate-name",
                    f"“{name}”与“{first[canonical]}”是同一个科室（{canonical}），评价只能写一次",
                    "删去其中一个",
                )
