"""Writing results files: the skeleton `template` gives the clerk, and what `collect` gathers.

Both are built from the same pieces here, by hand rather than dumped by PyYAML, so that they
carry comments and keep the order of the indicator table. Every value written is either
fixed text or quoted with JSON escaping (a JSON string is a valid YAML double-quoted
scalar), so no title or name can break the file; titles and names appear only in
comments, on one line.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .decimals import plain
from .directory import Directory
from .model import Leaf, Scheme
from .yamltext import comment, quote

QUARTER_ENDS = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
TITLE_MAX = 50  # characters of a title shown in a comment; a full-width character is two columns


def period_end(year: int, quarter: int | None) -> date:
    """The as_of date of a check: the quarter's last day, or 31 December for the year."""
    month, day = QUARTER_ENDS[quarter or 4]
    return date(year, month, day)


def results_name(year: int, quarter: int | None) -> str:
    """`2024-Q2.yaml` for a quarterly check, `2024.yaml` for the year."""
    return f"{year}-Q{quarter}.yaml" if quarter else f"{year}.yaml"


def _one_line(text: str, limit: int = TITLE_MAX) -> str:
    text = comment(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "……"


def _names(names: list[str] | tuple[str, ...]) -> str:
    return "、".join(names) or "—"


def _leaf_lines(leaf: Leaf, directory: Directory) -> list[str]:
    deadline = leaf.deadline.isoformat() if leaf.deadline else "—"
    departments = _names(directory.canonical(leaf.departments))
    return [
        f"  # {_one_line(leaf.id + ' ' + leaf.title)}",
        f"  #   权重 {plain(leaf.weight)} 分｜完成时限 {deadline}",
        f"  #   责任科室 {departments}｜科室责任人 {_names(leaf.persons)}"
        f"｜分管领导 {_names(leaf.leaders)}",
        f"  {quote(leaf.id)}:",
    ]


def _year_lines(year: int, as_of: date, guide: bool) -> list[str]:
    note = "      # 统计截止日期，可按实际检查日期修改" if guide else ""
    return [f"year: {year}", f"as_of: {as_of.isoformat()}{note}", ""]


def _closing(scheme: Scheme, example: tuple[str, str, date] | None = None) -> list[str]:
    """Evaluations, bonuses and deductions, left empty; with an example (a department, a
    person, a date), the guide to filling them in."""
    lines = ["", "evaluation:               # 年终评价；季度检查时留空即可"]
    if example is None:
        return [*lines, "  leadership:", "  public:", "", "bonuses: []", "deductions: []"]
    department, person, as_of = example
    return [
        *lines,
        f"  leadership:             # 领导评价（满分 {plain(scheme.formula.leadership_max)}）",
        f"  public:                 # 公众评议（满分 {plain(scheme.formula.public_max)}）",
        "",
        "# 个别科室另有评价时，去掉下面两行行首的“# ”并改成实际的科室和分数：",
        "# department_evaluation:",
        f"#   {department}: {{leadership: 9.5, public: 9.0}}",
        "",
        "# 正向激励：有加分时，把 [] 删掉，再去掉示例行行首的“# ”并按实际填写，每项一行。",
        "bonuses: []",
        f"  # - {{points: 1, reason: 写明加分事由, departments: [{department}]}}",
        "",
        "# 察访核验扣分：填写方法同上；date 为发现问题的日期。",
        "deductions: []",
        f"  # - {{points: 0.5, date: {as_of.isoformat()}, reason: 写明扣分事由, "
        f"departments: [{department}], persons: [{person}]}}",
    ]


def render_template(scheme: Scheme, directory: Directory, quarter: int | None = None) -> str:
    """The results file for `quarter` (1–4) or, when None, for the whole year, as YAML text."""
    year = scheme.year
    period = QUARTER_NAMES[quarter] if quarter else "年度"
    leaves = scheme.leaves()
    example = next((leaf for leaf in leaves if leaf.departments), None)
    department = (
        quote(_names(directory.canonical(example.departments[:1]))) if example else '"科室名称"'
    )
    person = quote(example.persons[0]) if example and example.persons else '"姓名"'

    lines = [
        f"# {_one_line(scheme.unit, 80)} {year} 年度绩效考评 {period}完成情况",
        *([f"# 依据：{_one_line(scheme.source, 80)}"] if scheme.source else []),
        "# 由 jixiao template 生成。填写方法：",
        "#   - 在每个序号的冒号后空一格，填写完成率（0–100 的百分数，最多两位小数），",
        '#     如  "1-1-1": 100',
        "#   - 需要说明时写成",
        '#     "1-1-1": {completion: 90, note: 说明文字}',
        "#   - 暂时没有数字的留空；jixiao check 会提示“尚未填写完成率”，",
        "#     jixiao progress 会把它列为“未填报”。",
        "#   - 序号两边的引号不要删。保存时请选 UTF-8 编码。",
        "",
        *_year_lines(year, period_end(year, quarter), guide=True),
        "completion:               # 完成率（%），按序号填写",
    ]
    section = group = None
    for leaf in leaves:
        if leaf.section is not section:
            section, group = leaf.section, None
            lines += ["", f"  # ==== {section.name}（{plain(section.weight)} 分） ===="]
        if leaf.group is not None and leaf.group is not group:
            group = leaf.group
            lines += ["", f"  # ---- {group.name} ----"]
        lines += ["", *_leaf_lines(leaf, directory)]
    lines += _closing(scheme, (department, person, period_end(year, quarter)))
    return "\n".join(lines) + "\n"


def render_collected(
    scheme: Scheme,
    quarter: int,
    sources: list[tuple[str, str]],
    figures: dict[str, Decimal],
    notes: dict[str, str],
) -> str:
    """The results file `collect` writes: every leaf in the scheme's order, filled or blank.

    `sources` are the forms read, as (file name, department)."""
    lines = [
        f"# {comment(scheme.unit)} {scheme.year} 年{QUARTER_NAMES[quarter]}绩效考评完成情况",
        f"# 由 jixiao collect 从 {len(sources)} 份科室填报表汇总生成：",
        *(f"#   {comment(file)}（{comment(department)}）" for file, department in sources),
        "",
        *_year_lines(scheme.year, period_end(scheme.year, quarter), guide=False),
        "completion:               # 完成率（%），按序号",
    ]
    for leaf in scheme.leaves():
        figure = figures.get(leaf.id)
        note = notes.get(leaf.id)
        key = f"  {quote(leaf.id)}:"
        if note is not None:
            shown = "" if figure is None else f"completion: {plain(figure)}, "
            lines.append(f"{key} {{{shown}note: {quote(note)}}}")
        elif figure is not None:
            lines.append(f"{key} {plain(figure)}")
        else:
            lines.append(f"{key}                     # 未填报")
    lines += _closing(scheme)
    return "\n".join(lines) + "\n"
