"""The results skeleton the clerk fills in: every leaf, with who is responsible, as comments.

The text is built by hand rather than dumped by PyYAML so that it can carry comments and
keep the order of the indicator table. Every value written is either fixed text or
quoted with JSON escaping (a JSON string is a valid YAML double-quoted scalar), so no
title or name can break the file; titles and names appear only in comments, on one line.
"""

from __future__ import annotations

from datetime import date

from .checks import Directory
from .decimals import plain
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


def _names(names: list[str], directory: Directory | None = None) -> str:
    return "、".join((directory or Directory()).canonical(names)) or "—"


def _leaf_lines(leaf: Leaf, directory: Directory | None) -> list[str]:
    deadline = leaf.deadline.isoformat() if leaf.deadline else "—"
    return [
        f"  # {_one_line(leaf.id + ' ' + leaf.title)}",
        f"  #   权重 {plain(leaf.weight)} 分｜完成时限 {deadline}",
        f"  #   责任科室 {_names(leaf.departments, directory)}｜科室责任人 {_names(leaf.persons)}"
        f"｜分管领导 {_names(leaf.leaders)}",
        f"  {quote(leaf.id)}:",
    ]


def render_template(
    scheme: Scheme, directory: Directory | None = None, quarter: int | None = None
) -> str:
    """The results file for `quarter` (1–4) or, when None, for the whole year, as YAML text."""
    year = scheme.year
    as_of = period_end(year, quarter)
    period = QUARTER_NAMES[quarter] if quarter else "年度"
    leaves = scheme.leaves()
    example = next((leaf for leaf in leaves if leaf.departments), None)
    department = quote(_names(example.departments[:1], directory)) if example else '"科室名称"'
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
        f"year: {year}",
        f"as_of: {as_of.isoformat()}      # 统计截止日期，可按实际检查日期修改",
        "",
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

    lines += [
        "",
        "evaluation:               # 年终评价；季度检查时留空即可",
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
    return "\n".join(lines) + "\n"
