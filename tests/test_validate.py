"""What `check` says about a file that parses but is not a scheme, staff or results file
(validate.py): each problem's code, line, column, message and hint, exactly as the clerk
reads them."""

from __future__ import annotations

import pytest

from jixiao.dataset import load_bytes
from jixiao.model import Results, Scheme, Staff

from .edit import replaced

Found = list[tuple[str, int, int, str, str]]

SCHEME = """\
unit: 测试局
year: 2024
formula: {target_factor: 0.8, leadership_max: 10, public_max: 10}
grades:
  - {name: 优秀, min: 90}
sections:
  - name: 职能
    weight: 100
    groups:
      - name: 重点
        indicators:
          - id: "1-1"
            title: 安全
            weight: 100
            items:
              - {id: "1-1-1", title: 排查, weight: 100, leaders: [王五]}
"""
STAFF = """\
leadership:
  - {name: 王五, role: 组长}
departments:
  - {name: 协调科}
people:
  - {name: 陈六}
"""
RESULTS = """\
year: 2024
completion:
  "1-1-1": 100
"""
MODELS = {"scheme": (Scheme, SCHEME), "staff": (Staff, STAFF), "results": (Results, RESULTS)}


def _found(model: type, text: str, titles: dict[str, str] | None = None) -> Found:
    """The problems of a file, as (code, line, column, message, hint)."""
    obj, problems = load_bytes(model, text.encode("utf-8"), "f.yaml", titles)
    assert (obj is None) == bool(problems)
    assert all(problem.file == "f.yaml" for problem in problems)  # `f.yaml:3:12: ...`
    return [(p.code, p.line, p.column, p.message, p.hint) for p in problems]


def _edited(kind: str, old: str, new: str, titles: dict[str, str] | None = None) -> Found:
    model, text = MODELS[kind]
    return _found(model, replaced(text, old, new), titles)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param(
            "- year: 2024\n",
            [
                (
                    "type",
                    1,
                    1,
                    "文件顶层应为映射（“键: 值”），而这里是列表",
                    "每行写成“键: 值”，顶格书写，如 year: 2024",
                )
            ],
            id="a list",
        ),
        pytest.param(
            "year\n",
            [
                (
                    "type",
                    1,
                    1,
                    "文件顶层应为映射（“键: 值”），而这里是单个值",
                    "每行写成“键: 值”，顶格书写，如 year: 2024",
                )
            ],
            id="a single value",
        ),
    ],
)
def test_a_file_that_is_not_a_mapping(text: str, found: Found) -> None:
    assert _found(Results, text) == found


def test_the_unedited_files_are_valid() -> None:
    for model, text in MODELS.values():
        assert _found(model, text) == []


# --- a slip in one item of a list, or in one key of a mapping -------------------------------

QUOTE_HINT = "只有英文引号才是 YAML 的引号，中文引号会成为文字的一部分"
SPACE_HINT = "删掉这个空格；序号和名称中间不需要空格"
COLON_HINT = "YAML 的“键: 值”要用英文冒号，冒号后面再加一个空格"
WIDE_SPACE_HINT = "全角空格看起来和两个半角空格一样宽，YAML 却不把它当作空格"
MAPPING_HINT = "写成“键: 值”，下一层的行多缩进两个空格；或写在一行：{键: 值, 键: 值}"
COMMA_HINT = "列表和花括号里的各项用英文逗号分隔，如 [矿山科, 指挥中心]"
INPUT_METHOD_HINT = (
    "YAML 的冒号、逗号、括号和引号要在英文输入状态下输入（中文输入法一般按 Shift 切换）"
)


def _space(line: int, column: int) -> str:
    return (
        f"第 {line} 行第 {column} 列有一个特殊空格 U+3000 全角空格：序号和名称里不能有它，"
        "它让两个看起来相同的序号或名称成为不同的值"
    )


@pytest.mark.parametrize(
    ("kind", "old", "new", "found"),
    [
        pytest.param(
            "staff",
            "{name: 协调科}",
            "{name: 协调科, aliases: [\n      协调　科]}",
            [("invisible-char", 5, 9, f"aliases（别名）：{_space(5, 9)}", SPACE_HINT)],
            id="the first item of a list that starts on the line above",
        ),
        pytest.param(
            "scheme",
            "leaders: [王五]",
            "leaders: [“两违”整治办, “王五”]",
            [
                (
                    "fullwidth",
                    16,
                    74,
                    'leaders（分管领导）：第 16 行第 74 列是中文双引号（“），请改成英文双引号（"）',
                    QUOTE_HINT,
                )
            ],
            id="the second item, after a first with the same character in it",
        ),
        pytest.param(
            "staff",
            "  - {name: 协调科}",
            "  - name: 协调科\n    aliases:\n      - 协调\n      - 协调　科",
            [("invisible-char", 7, 11, f"aliases（别名）：{_space(7, 11)}", SPACE_HINT)],
            id="an item of a block list",
        ),
        pytest.param(
            "results",
            '  "1-1-1": 100',
            '  "1-1-1": 100\n  "1－1-2": 100',
            [
                (
                    "fullwidth",
                    4,
                    5,
                    "completion（完成率）：第 4 行第 5 列是全角减号“－”，请改成英文连字符“-”",
                    INPUT_METHOD_HINT,
                )
            ],
            id="a key of the completion mapping",
        ),
        pytest.param(
            "results",
            '  "1-1-1": 100',
            '  "1-1-1": 100\ndepartment_evaluation:\n  协调科: {leadership: 1}\n  危化　科: {}',
            [
                (
                    "invisible-char",
                    6,
                    5,
                    f"department_evaluation（科室评价）：{_space(6, 5)}",
                    SPACE_HINT,
                )
            ],
            id="a key of the department evaluations",
        ),
    ],
)
def test_a_slip_in_a_list_or_mapping_is_placed_at_its_character(
    kind: str, old: str, new: str, found: Found
) -> None:
    assert _edited(kind, old, new) == found


# --- an unknown key: the keys that belong there ----------------------------------------------

SCHEME_KEYS = "unit、year、source、full_marks、formula、grades、progress、sections"
ITEM_KEYS = "id、title、weight、basis、deadline、leaders、departments、persons"


@pytest.mark.parametrize(
    ("kind", "old", "new", "found"),
    [
        pytest.param(
            "scheme",
            "year: 2024",
            "year: 2024\nzzz: 1",
            [("unknown-key", 3, 1, "未知的键“zzz”", f"可用的键：{SCHEME_KEYS}")],
            id="at the top of the scheme",
        ),
        pytest.param(
            "scheme",
            "public_max: 10}",
            "public_max: 10, zzz: 1}",
            [
                (
                    "unknown-key",
                    3,
                    67,
                    "未知的键“zzz”",
                    "可用的键：target_factor、leadership_max、public_max、bonus_max",
                )
            ],
            id="in the formula mapping",
        ),
        pytest.param(
            "scheme",
            "    weight: 100\n    groups:",
            "    weight: 100\n    zzz: 1\n    groups:",
            [("unknown-key", 9, 5, "未知的键“zzz”", "可用的键：name、weight、groups、indicators")],
            id="in a section: an item of a list",
        ),
        pytest.param(
            "scheme",
            "      - name: 重点",
            "      - name: 重点\n        zzz: 1",
            [("unknown-key", 11, 9, "未知的键“zzz”", "可用的键：name、indicators")],
            id="in a group: a list in an optional list",
        ),
        pytest.param(
            "scheme",
            "weight: 100, leaders",
            "weight: 100, zzz: 1, leaders",
            [("unknown-key", 16, 55, "未知的键“zzz”", f"可用的键：{ITEM_KEYS}")],
            id="in an item, five levels down",
        ),
        pytest.param(
            "scheme",
            "weight: 100, leaders",
            "weight: 100, titel: 2, leaders",
            [("unknown-key", 16, 55, "未知的键“titel”", "是不是 title？")],
            id="a misspelt key in an item",
        ),
        pytest.param(
            "staff",
            "role: 组长}",
            "role: 组长, zzz: 1}",
            [("unknown-key", 2, 26, "未知的键“zzz”", "可用的键：name、role")],
            id="in a member of the leadership",
        ),
        pytest.param(
            "results",
            '"1-1-1": 100',
            '"1-1-1": {completion: 100, zzz: 1}',
            [("unknown-key", 3, 30, "1-1-1 未知的键“zzz”", "可用的键：completion、note")],
            id="in a leaf's completion entry",
        ),
        pytest.param(
            "results",
            '  "1-1-1": 100',
            '  "1-1-1": 100\nevaluation: {leadership: 1, zzz: 2}',
            [("unknown-key", 4, 29, "未知的键“zzz”", "可用的键：leadership、public")],
            id="in the optional evaluation",
        ),
        pytest.param(
            "results",
            '  "1-1-1": 100',
            '  "1-1-1": 100\ndepartment_evaluation:\n  协调科: {leadership: 1, zzz: 1}',
            [("unknown-key", 5, 24, "未知的键“zzz”", "可用的键：leadership、public")],
            id="in a department's evaluation",
        ),
        pytest.param(
            "results",
            '  "1-1-1": 100',
            '  "1-1-1": 100\nbonuses:\n  - {points: 1, reason: 好, zzz: 3}',
            [
                (
                    "unknown-key",
                    5,
                    28,
                    "未知的键“zzz”",
                    "可用的键：points、reason、departments、persons",
                )
            ],
            id="in a bonus",
        ),
    ],
)
def test_an_unknown_key_names_the_keys_that_belong_there(
    kind: str, old: str, new: str, found: Found
) -> None:
    assert _edited(kind, old, new) == found


REFUSALS = [
    pytest.param(
        "scheme",
        "unit: 测试局\n",
        "",
        None,
        [("missing-key", 1, 1, "缺少 unit（单位）", "在这一项中加一行 unit: 单位名称")],
        id="a top-level key missing, with its example",
    ),
    pytest.param(
        "scheme",
        "formula: {target_factor: 0.8, leadership_max: 10, public_max: 10}",
        "formula: {target_factor: 0.8, leadership_max: 10}",
        None,
        [
            (
                "missing-key",
                3,
                10,
                "缺少 public_max（公众评议满分）",
                "在这一项中加一行 public_max: …",
            )
        ],
        id="a key missing in a nested mapping, without an example",
    ),
    pytest.param(
        "results",
        'completion:\n  "1-1-1": 100',
        "bonuses:\n  - {points: 1}",
        None,
        [("missing-key", 3, 5, "缺少 reason（理由）", "在这一项中加一行 reason: 理由")],
        id="a key missing in an item of a list",
    ),
    pytest.param(
        "scheme",
        "formula: {target_factor: 0.8, leadership_max: 10, public_max: 10}",
        "formula: 5",
        None,
        [
            (
                "type",
                3,
                10,
                "formula（计分公式） 应为映射（“键: 值”）",
                MAPPING_HINT,
            )
        ],
        id="a mapping given a number",
    ),
    pytest.param(
        "scheme",
        "formula: {target_factor: 0.8, leadership_max: 10, public_max: 10}",
        "formula: [1]",
        None,
        [
            (
                "type",
                3,
                10,
                "formula（计分公式） 应为映射（“键: 值”）",
                MAPPING_HINT,
            )
        ],
        id="a mapping given a list",
    ),
    pytest.param(
        "scheme",
        "grades:\n  - {name: 优秀, min: 90}",
        "grades:\n  - 优秀",
        None,
        [
            (
                "type",
                5,
                5,
                "grades（等次） 应为映射（“键: 值”）",
                MAPPING_HINT,
            )
        ],
        id="an item of a list given a text",
    ),
    pytest.param(
        "scheme",
        "grades:\n  - {name: 优秀, min: 90}",
        "grades: 5",
        None,
        [
            (
                "type",
                4,
                9,
                "grades（等次） 应为列表（“- 项”或 [a, b]）",
                "写成 [甲, 乙]，或每项一行，以“- ”开头",
            )
        ],
        id="a list given a number",
    ),
    pytest.param(
        "scheme",
        "leaders: [王五]",
        "leaders: {a: 1}",
        None,
        [
            (
                "type",
                16,
                64,
                "leaders（分管领导） 应为列表（“- 项”或 [a, b]）",
                "写成 [甲, 乙]，或每项一行，以“- ”开头",
            )
        ],
        id="a list given a mapping",
    ),
    pytest.param(
        "results",
        'completion:\n  "1-1-1": 100',
        "completion: 5",
        None,
        [
            (
                "type",
                2,
                13,
                "completion（完成率） 应为映射（“键: 值”）",
                MAPPING_HINT,
            )
        ],
        id="the completion mapping given a number",
    ),
    pytest.param(
        "results",
        'completion:\n  "1-1-1": 100',
        "department_evaluation: {协调科: 5}",
        None,
        [
            (
                "type",
                2,
                30,
                "department_evaluation（科室评价） 应为映射（“键: 值”）",
                MAPPING_HINT,
            )
        ],
        id="a department's evaluation given a number",
    ),
    pytest.param(
        "scheme",
        "year: 2024",
        "year: 2024\nprogress:\n  tolerance： 10",
        None,
        [
            (
                "fullwidth",
                4,
                12,
                "progress（进度检查设置） 应为映射（“键: 值”）："
                "第 4 行第 12 列是中文冒号“：”，请改成英文冒号“:”（后面加一个空格）",
                COLON_HINT,
            )
        ],
        id="a mapping typed with a full-width colon",
    ),
    pytest.param(
        "results",
        'completion:\n  "1-1-1": 100',
        "evaluation: leadership：1",
        None,
        [
            (
                "fullwidth",
                2,
                23,
                "evaluation（评价） 应为映射（“键: 值”）："
                "第 2 行第 23 列是中文冒号“：”，请改成英文冒号“:”（后面加一个空格）",
                COLON_HINT,
            )
        ],
        id="a mapping typed on one line with a full-width colon",
    ),
    pytest.param(
        "results",
        'completion:\n  "1-1-1": 100',
        'evaluation: "leadership:\u30001"',
        None,
        [
            (
                "fullwidth",
                2,
                25,
                "evaluation（评价） 应为映射（“键: 值”）："
                "第 2 行第 25 列是全角空格（U+3000），冒号后面请改用半角空格",
                WIDE_SPACE_HINT,
            )
        ],
        id="a mapping with a full-width space after the colon",
    ),
    pytest.param(
        "results",
        'completion:\n  "1-1-1": 100',
        "bonuses: ［a］",
        None,
        [
            (
                "fullwidth",
                2,
                10,
                "bonuses（正向激励） 应为列表（“- 项”或 [a, b]）："
                "第 2 行第 10 列是全角方括号“［”，请改成英文方括号“[”",
                INPUT_METHOD_HINT,
            )
        ],
        id="a list in full-width brackets",
    ),
    pytest.param(
        "results",
        'completion:\n  "1-1-1": 100',
        "bonuses: a，b",
        None,
        [
            (
                "fullwidth",
                2,
                11,
                "bonuses（正向激励） 应为列表（“- 项”或 [a, b]）："
                "第 2 行第 11 列是中文逗号“，”，请改成英文逗号“,”",
                COMMA_HINT,
            )
        ],
        id="a list with a Chinese comma",
    ),
    pytest.param(
        "scheme",
        "title: 排查",
        "title：排查",
        None,
        [
            (
                "fullwidth",
                16,
                36,
                "未知的键“title：排查”："
                "第 16 行第 36 列是中文冒号“：”，请改成英文冒号“:”（后面加一个空格）",
                COLON_HINT,
            )
        ],
        id="a key with a full-width colon, not also missing",
    ),
    pytest.param(
        "results",
        'completion:\n  "1-1-1": 100',
        "bonuses:\n  - points: 1\n    \u3000reason: 好",
        None,
        [
            (
                "fullwidth",
                4,
                5,
                "未知的键“reason”：第 4 行第 5 列用了全角空格（U+3000）缩进，请改用半角空格",
                WIDE_SPACE_HINT,
            )
        ],
        id="a key indented with a full-width space",
    ),
    pytest.param(
        "scheme",
        "weight: 100\n    groups",
        "weight: 0\n    groups",
        None,
        [("range", 8, 13, "weight（权重分值） 0：应大于 0", "请改为大于 0 的数")],
        id="a weight of 0",
    ),
    pytest.param(
        "scheme",
        "weight: 100\n    groups",
        "weight: 100001\n    groups",
        None,
        [
            (
                "range",
                8,
                13,
                "weight（权重分值） 100001：不能超过 100000",
                "请改为不超过 100000 的数",
            )
        ],
        id="a weight over the largest",
    ),
    pytest.param(
        "scheme",
        "target_factor: 0.8",
        "target_factor: 1.5",
        None,
        [
            (
                "range",
                3,
                26,
                "target_factor（目标考评折算系数） 1.5：不能超过 1",
                "请改为不超过 1 的数",
            )
        ],
        id="a factor over 1",
    ),
    pytest.param(
        "scheme",
        "leadership_max: 10",
        "leadership_max: -1",
        None,
        [("range", 3, 47, "leadership_max（领导评价满分） -1：应不小于 0", "请改为不小于 0 的数")],
        id="a negative maximum",
    ),
    pytest.param(
        "scheme",
        "grades:\n  - {name: 优秀, min: 90}",
        "grades: []",
        None,
        [("empty", 4, 9, "grades（等次） 不能为空", "至少写一项")],
        id="an empty list",
    ),
    pytest.param(
        "staff",
        "role: 组长",
        "role: 组员",
        None,
        [
            (
                "invalid",
                2,
                22,
                "role（职务） 应为 组长、第一副组长、副组长、成员 之一",
                "照抄其中一个，不加别的字",
            )
        ],
        id="a role not in the list",
    ),
    pytest.param(
        "scheme",
        'id: "1-1-1"',
        'id: "1－1-1"',
        None,
        [
            (
                "fullwidth",
                16,
                24,
                "id（序号）：第 16 行第 24 列是全角减号“－”，请改成英文连字符“-”",
                INPUT_METHOD_HINT,
            )
        ],
        id="a full-width dash in an id",
    ),
    pytest.param(
        "staff",
        "- {name: 陈六}",
        "- {name: 陈六, department: 协调，科}",
        None,
        [
            (
                "fullwidth",
                6,
                30,
                "department（科室）：第 6 行第 30 列是中文逗号“，”，请改成英文逗号“,”",
                COMMA_HINT,
            )
        ],
        id="a Chinese comma in a department name",
    ),
    pytest.param(
        "scheme",
        "weight: 100\n    groups",
        "weight: abc\n    groups",
        None,
        [
            (
                "number",
                8,
                13,
                "weight（权重分值）：“abc”不是数字",
                "写阿拉伯数字，如 95 或 99.5：不带 %、单位或千位分隔符",
            )
        ],
        id="a word for a number",
    ),
    pytest.param(
        "scheme",
        "year: 2024",
        "year: 24",
        None,
        [
            (
                "year",
                2,
                7,
                "year（年度）：“24”不是年份，请写四位数字，如 2024",
                "写四位数字的年份，如 2024",
            )
        ],
        id="a year of two digits",
    ),
    pytest.param(
        "scheme",
        "leaders: [王五]",
        "deadline: 2024-13-01",
        None,
        [
            (
                "date",
                16,
                65,
                "deadline（完成时限）：“2024-13-01”不是有效的日期",
                "写成 年-月-日，月和日用两位数，如 2024-06-30",
            )
        ],
        id="an impossible date",
    ),
    pytest.param(
        "scheme",
        "unit: 测试局",
        "unit: [a]",
        None,
        [
            (
                "type",
                1,
                7,
                "unit（单位）：应为文字，而不是列表或映射",
                "直接写文字，不要写成列表或映射",
            )
        ],
        id="a text given a list",
    ),
    pytest.param(
        "scheme",
        "unit: 测试局",
        "unit:",
        None,
        [("empty", 1, 6, "unit（单位）：不能为空", "填写内容，或删除这一行")],
        id="an empty text",
    ),
    pytest.param(
        "scheme",
        "leaders: [王五]",
        "leaders: [王五, 王五]",
        None,
        [
            (
                "duplicate-name",
                16,
                64,
                "leaders（分管领导）：“王五”在列表中出现了两次",
                "删去重复的一个",
            )
        ],
        id="a name twice in a list",
    ),
    pytest.param(
        "scheme",
        "leaders: [王五]",
        "leaders: [[王五]]",
        None,
        [
            (
                "type",
                16,
                65,
                "leaders（分管领导）：应为文字，而不是列表或映射",
                "直接写文字，不要写成列表或映射",
            )
        ],
        id="a list item given a list",
    ),
    pytest.param(
        "results",
        '"1-1-1": 100',
        '"1-1-1": 105',
        {"1-1-1": "排查"},
        [
            (
                "range",
                3,
                12,
                "1-1-1（排查）完成率 105 超过 100",
                "完成率是 0 到 100 的百分数（不带 %）；超额完成的填 100，可在 note 中说明",
            )
        ],
        id="a completion over 100, with its title",
    ),
    pytest.param(
        "results",
        '"1-1-1": 100',
        '"1-1-1": 105',
        None,
        [
            (
                "range",
                3,
                12,
                "1-1-1 完成率 105 超过 100",
                "完成率是 0 到 100 的百分数（不带 %）；超额完成的填 100，可在 note 中说明",
            )
        ],
        id="a completion over 100, no title known",
    ),
    pytest.param(
        "results",
        '"1-1-1": 100',
        '"1-1-1": abc',
        {"1-1-1": "排查"},
        [
            (
                "number",
                3,
                12,
                "1-1-1（排查）完成率：“abc”不是数字",
                "写阿拉伯数字，如 95 或 99.5：不带 %、单位或千位分隔符",
            )
        ],
        id="a completion that is a word",
    ),
    pytest.param(
        "results",
        '"1-1-1": 100',
        '"1-1-1": 99.999',
        {"1-1-1": "排查"},
        [
            (
                "decimals",
                3,
                12,
                "1-1-1（排查）完成率：“99.999”超过两位小数",
                "最多保留两位小数，如 89.99",
            )
        ],
        id="a completion with three decimals",
    ),
    pytest.param(
        "results",
        '"1-1-1": 100',
        '"1-1-1": 9５',
        {"1-1-1": "排查"},
        [("number", 3, 13, "1-1-1（排查）完成率：“9５”中有全角字符“５”", "请用半角数字，写成 95")],
        id="a completion with a full-width digit",
    ),
    pytest.param(
        "results",
        '"1-1-1": 100',
        '"1-1-1": {note: [a]}',
        {"1-1-1": "排查"},
        [
            (
                "type",
                3,
                19,
                "1-1-1（排查）说明：应为文字，而不是列表或映射",
                "直接写文字，不要写成列表或映射",
            )
        ],
        id="a note given a list",
    ),
    pytest.param(
        "results",
        '"1-1-1": 100',
        '"1-1-1": {note: ""}',
        {"1-1-1": "排查"},
        [("empty", 3, 19, "1-1-1（排查）说明：不能为空", "填写内容，或删除这一行")],
        id="an empty note",
    ),
    pytest.param(
        "results",
        '"1-1-1": 100',
        '"1-1-1": {zzz: 1}',
        {"1-1-1": "排查"},
        [("unknown-key", 3, 13, "1-1-1（排查）未知的键“zzz”", "可用的键：completion、note")],
        id="an unknown key in a completion entry",
    ),
    pytest.param(
        "results",
        "year: 2024",
        "year: abcd",
        None,
        [
            (
                "year",
                1,
                7,
                "year（年度）：“abcd”不是年份，请写四位数字，如 2024",
                "写四位数字的年份，如 2024",
            )
        ],
        id="a year that is a word",
    ),
    pytest.param(
        "results",
        'completion:\n  "1-1-1": 100',
        "as_of: 2024-1-1",
        None,
        [
            (
                "date",
                2,
                8,
                "as_of（统计截止日期）：“2024-1-1”不是日期，请写成 2024-12-31 的形式",
                "写成 年-月-日，月和日用两位数，如 2024-06-30",
            )
        ],
        id="a date without two-digit months",
    ),
]


TWENTY = "一二三四五六七八九十" * 2
OVER_100 = "完成率是 0 到 100 的百分数（不带 %）；超额完成的填 100，可在 note 中说明"
REFUSALS += [
    pytest.param(
        "results",
        '"1-1-1": 100',
        '"1-1-1": {zz\u00a0z: 1}',
        None,
        [
            (
                "invisible-char",
                3,
                15,
                "1-1-1 未知的键“zz\u00a0z”：第 3 行第 15 列有一个特殊空格 U+00A0 不换行空格："
                "序号和名称里不能有它，它让两个看起来相同的序号或名称成为不同的值",
                SPACE_HINT,
            )
        ],
        id="an unknown key with a no-break space in it",
    ),
    pytest.param(
        "scheme",
        "leaders: [王五]",
        'leaders: " "',
        None,
        [("empty", 16, 64, "leaders（分管领导）：不能为空", "填写内容，或删除这一行")],
        id="a blank name where a list of names belongs",
    ),
    pytest.param(
        "scheme",
        "leaders: [王五]",
        "leaders: 王五，赵六",
        None,
        [
            (
                "fullwidth",
                16,
                66,
                "leaders（分管领导）：第 16 行第 66 列是中文逗号“，”，请改成英文逗号“,”",
                COMMA_HINT,
            )
        ],
        id="two names in one with a Chinese comma, not a list",
    ),
    pytest.param(
        "results",
        '"1-1-1": 100',
        '"1-1-1": 105',
        {"1-1-1": TWENTY},
        [("range", 3, 12, f"1-1-1（{TWENTY}）完成率 105 超过 100", OVER_100)],
        id="a title of twenty characters, whole",
    ),
    pytest.param(
        "results",
        '"1-1-1": 100',
        '"1-1-1": 105',
        {"1-1-1": TWENTY + "一"},
        [("range", 3, 12, f"1-1-1（{TWENTY[:19]}…）完成率 105 超过 100", OVER_100)],
        id="a title of twenty-one characters, cut",
    ),
]


@pytest.mark.parametrize(("kind", "old", "new", "titles", "found"), REFUSALS)
def test_each_refusal_is_said_at_its_place(
    kind: str, old: str, new: str, titles: dict[str, str] | None, found: Found
) -> None:
    assert _edited(kind, old, new, titles) == found


def test_an_id_spelt_like_a_key_is_not_taken_for_that_key() -> None:
    # the id `note` in `completion:` is an id: the keys of its entry are listed, not those
    # of a note (none)
    assert _edited("results", '"1-1-1": 100', "note: {zzz: 1}") == [
        ("unknown-key", 3, 10, "note 未知的键“zzz”", "可用的键：completion、note")
    ]


def test_a_key_with_a_slip_hides_only_its_own_missing_key() -> None:
    text = replaced(replaced(SCHEME, "unit: 测试局\n", ""), "title: 排查", "title：排查")
    assert _found(Scheme, text) == [
        ("missing-key", 1, 1, "缺少 unit（单位）", "在这一项中加一行 unit: 单位名称"),
        (
            "fullwidth",
            15,
            36,
            "未知的键“title：排查”："
            "第 15 行第 36 列是中文冒号“：”，请改成英文冒号“:”（后面加一个空格）",
            COLON_HINT,
        ),
    ]
