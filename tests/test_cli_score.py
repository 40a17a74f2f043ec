"""`jixiao score` on the small test data: what the clerk sees and what scripts read."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .edit import replace_in, replaced

BUREAU = {
    "target": 98.4,
    "weighted": 78.72,
    "leadership": 9.2,
    "public": 8.8,
    "bonus": 1.0,
    "deduction": 0.5,
    "final": 97.22,
    "grade": "优秀",
    "provisional": False,
}


def test_json_has_the_spec_keys_and_exact_figures(mini: Path, run) -> None:
    result = run("score", "--data", mini, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["bureau"] == BUREAU
    departments = {d["name"]: d for d in doc["departments"]}
    assert [d["name"] for d in doc["departments"]] == ["指挥中心", "办公室", "协调科", "危化科"]
    # 协调科 shares 2-1 with 指挥中心: (25 + 19.90) / 45 = 99.78
    assert {k: departments["协调科"][k] for k in ("max_points", "target", "final", "grade")} == {
        "max_points": 45.0,
        "target": 99.78,
        "final": 97.82,
        "grade": "优秀",
    }
    # 危化科 has its own evaluation (9.5, 9.0): 90 × 0.8 + 18.5 = 90.50
    assert departments["危化科"]["final"] == 90.5
    assert [(x["name"], x["final"]) for x in doc["leaders"]] == [
        ("王夏阳", 98.0),
        ("黄西洋", 97.6),
        ("刘海明", 95.82),
    ]
    assert doc["ineligible"]["departments"] == ["指挥中心"]
    assert doc["ineligible"]["persons"] == ["游劲汉"]


def test_table_shows_the_formula_filled_in_and_matches_json(mini: Path, run) -> None:
    result = run("score", "--data", mini)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "折算得分 = 目标考评得分 98.40 × 80% = 78.72" in out
    assert "考评得分 = 折算得分 78.72 + 领导评价 9.20 + 公众评议 8.80 + 正向激励 1.00" in out
    assert "− 察访核验扣分 0.50 = 97.22" in out
    doc = json.loads(run("score", "--data", mini, "--format", "json").stdout)
    for department in doc["departments"]:
        row = next(line for line in out.splitlines() if line.strip().startswith(department["name"]))
        assert f"{department['final']:.2f}" in row and department["grade"] in row
    assert "察访核验扣0.5分：暗访发现值班脱岗（2024-05-10）" in out


def test_detail_lists_every_leaf_with_its_points(mini: Path, run) -> None:
    result = run("score", "--data", mini, "--detail", "--format", "csv")
    # two blocks, each with its header row, separated by one blank line: scores, then leaves
    summary, leaves = result.stdout.removeprefix("\ufeff").split("\n\n")
    assert [row[:2] for row in csv.reader(io.StringIO(summary))][:2] == [
        ["类别", "名称"],
        ["全局", "测试局"],
    ]
    rows = list(csv.reader(io.StringIO(leaves)))
    assert rows[0][:5] == ["序号", "内容", "权重", "完成率", "得分"]
    assert [(r[0], r[4]) for r in rows[1:]] == [
        ("1-1-1", "25.00"),
        ("1-1-2", "13.50"),
        ("2-1", "19.90"),
        ("4-1", "40.00"),
    ]


def test_csv_summary_rows(mini: Path, run) -> None:
    text = run("score", "--data", mini, "--format", "csv").stdout
    assert text.startswith("\ufeff类别,名称,")  # a BOM: Excel on Windows reads it as UTF-8
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == [
        "全局",
        "测试局",
        "100.00",
        "98.40",
        "78.72",
        "9.20",
        "8.80",
        "1.00",
        "0.50",
        "97.22",
        "优秀",
    ]
    assert len(rows) == 1 + 1 + 4 + 3


def test_markdown_has_the_tables(mini: Path, run) -> None:
    out = run("score", "--data", mini, "--format", "markdown").stdout
    assert out.startswith("# 测试局 2024 年度绩效考评")
    assert (
        "| 科室 | 危化科 | 15.00 | 90.00 | 72.00 | 9.50 | 9.00 | 0.00 | 0.00 | 90.50 | 优秀 |"
        in out
    )
    assert "| 个人 | 游劲汉 | 察访核验扣0.5分：暗访发现值班脱岗（2024-05-10） |" in out


def test_department_by_alias_narrows_to_one(mini: Path, run) -> None:
    result = run("score", "--data", mini, "--department", "应急指挥中心", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [d["name"] for d in doc["departments"]] == ["指挥中心"]
    assert [leaf["id"] for leaf in doc["leaves"]] == ["2-1"]
    assert doc["ineligible"]["persons"] == ["游劲汉"]


def test_unknown_department_is_a_usage_error_with_suggestion(mini: Path, run) -> None:
    result = run("score", "--data", mini, "--department", "危化品科")
    assert result.exit_code == 2
    assert "是不是 危化科" in result.output


def _blank_figure(mini: Path) -> None:
    replace_in(mini / "results" / "2024.yaml", '"2-1": 99.5', '"2-1":')


def test_missing_figure_is_refused_with_id_department_and_line(mini: Path, run) -> None:
    _blank_figure(mini)
    result = run("score", "--data", mini)
    assert result.exit_code == 1
    assert (
        "2024.yaml:6:9  错误  [missing-figure] 2-1 尚未填写完成率（协调科、指挥中心）"
        in result.output
    )
    assert "--allow-missing" in result.output


def test_allow_missing_marks_every_output_provisional(mini: Path, run) -> None:
    _blank_figure(mini)
    doc = json.loads(run("score", "--data", mini, "--allow-missing", "--format", "json").stdout)
    assert doc["bureau"]["provisional"] is True
    assert doc["missing"] == ["2-1"]
    assert doc["bureau"]["target"] == 78.5
    assert all(d["provisional"] for d in doc["departments"] + doc["leaders"])
    rows = list(
        csv.reader(io.StringIO(run("score", "-d", mini, "--allow-missing", "-f", "csv").stdout))
    )
    assert {row[0] for row in rows[1:]} == {"全局（暂定）", "科室（暂定）", "分管领导（暂定）"}
    for fmt, mark in (("table", "暂定"), ("markdown", "暂定"), ("csv", "全局（暂定）")):
        result = run("score", "--data", mini, "--allow-missing", "--format", fmt)
        assert result.exit_code == 0 and mark in result.output


def test_results_file_option_and_wrong_year(mini: Path, run, tmp_path: Path) -> None:
    other = tmp_path / "2023.yaml"
    text = (mini / "results" / "2024.yaml").read_text(encoding="utf-8")
    other.write_text(replaced(text, "year: 2024", "year: 2023"), encoding="utf-8")
    result = run("score", "--data", mini, "--results", other)
    assert result.exit_code == 1
    assert "[year-mismatch]" in result.output


def test_out_writes_once_and_refuses_to_overwrite(mini: Path, run, tmp_path: Path) -> None:
    target = tmp_path / "score.out"  # no extension that names a format
    assert run("score", "--data", mini, "--format", "markdown", "--out", target).exit_code == 0
    first = target.read_bytes()
    assert first.startswith("# 测试局".encode())
    again = run("score", "--data", mini, "--format", "csv", "--out", target)
    assert again.exit_code == 1
    assert "已存在" in again.output
    assert target.read_bytes() == first
    assert (
        run("score", "--data", mini, "--format", "csv", "--out", target, "--force").exit_code == 0
    )
    assert target.read_bytes().startswith("\ufeff类别,名称".encode())  # a BOM, for Excel


def _add_department_without_leaves(mini: Path) -> None:
    staff = mini / "staff.yaml"
    text = staff.read_text(encoding="utf-8")
    text = replaced(text, "people:\n", "  - {name: 新科, aliases: [新]}\npeople:\n")
    staff.write_text(text + "  - {name: 李新, department: 新科}\n", encoding="utf-8")
    results = mini / "results" / "2024.yaml"
    text = results.read_text(encoding="utf-8")
    text += "  - {points: 2, reason: 新科问题, departments: [新], persons: [李新]}\n"
    results.write_text(text, encoding="utf-8")


def test_department_without_leaves_still_shows_its_lost_eligibility(mini: Path, run) -> None:
    _add_department_without_leaves(mini)
    result = run("score", "--data", mini, "--department", "新", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["departments"] == []
    assert doc["ineligible"]["departments"] == ["新科"]
    assert doc["ineligible"]["persons"] == ["李新"]
    table = run("score", "--data", mini, "--department", "新").stdout
    assert "科室“新科”在考评表中没有计分项，不评等次。" in table
    assert "察访核验扣2分：新科问题" in table


def test_department_view_lists_persons_named_with_it_on_a_deduction(mini: Path, run) -> None:
    replace_in(mini / "results" / "2024.yaml", "persons: [游劲汉]", "persons: [陈秋茹]")
    doc = json.loads(run("score", "-d", mini, "--department", "指挥中心", "-f", "json").stdout)
    assert doc["ineligible"]["persons"] == ["陈秋茹"]


def test_names_and_titles_are_printed_as_typed_not_as_markup(mini: Path, run) -> None:
    replace_in(mini / "indicators.yaml", "unit: 测试局", "unit: '测试[/]局'")
    replace_in(mini / "indicators.yaml", "title: 信息报送", "title: '信息[b]报送'")
    result = run("score", "--data", mini, "--detail")
    assert result.exit_code == 0, result.output
    assert "测试[/]局 2024 年度绩效考评" in result.output
    assert "信息[b]报送" in result.output


def test_leaf_departments_are_shown_by_their_canonical_names(mini: Path, run) -> None:
    replace_in(mini / "indicators.yaml", "[指挥中心, 协调科]", "[应急指挥中心, 协调科]")
    doc = json.loads(run("score", "--data", mini, "--detail", "--format", "json").stdout)
    [leaf] = [leaf for leaf in doc["leaves"] if leaf["id"] == "2-1"]
    assert leaf["departments"] == ["指挥中心", "协调科"]
    assert [d["name"] for d in doc["departments"]] == ["指挥中心", "办公室", "协调科", "危化科"]


def test_out_without_format_follows_the_extension(mini: Path, run, tmp_path: Path) -> None:
    book = tmp_path / "年度.xlsx"
    assert run("score", "--data", mini, "--out", book).exit_code == 0
    assert book.read_bytes()[:2] == b"PK"  # a workbook, not a text table named .xlsx
    doc = tmp_path / "score.json"
    assert run("score", "--data", mini, "--out", doc).exit_code == 0
    assert json.loads(doc.read_text(encoding="utf-8"))["bureau"]["final"] == 97.22
    table = tmp_path / "score.md"
    assert run("score", "--data", mini, "--out", table).exit_code == 0
    assert table.read_text(encoding="utf-8").startswith("# 测试局")


def test_a_format_the_extension_contradicts_is_refused(mini: Path, run, tmp_path: Path) -> None:
    target = tmp_path / "score.csv"
    result = run("score", "--data", mini, "--format", "json", "--out", target)
    assert result.exit_code == 2
    assert "--format json 与 --out 的扩展名 .csv 不符" in result.output
    assert not target.exists()
    result = run("progress", "--data", mini, "--out", target)
    assert result.exit_code == 2
    assert "这个命令不能输出 .csv 文件" in result.output
    assert not target.exists()


def test_allow_missing_marks_the_eligibility_lists_and_names_evaluations(mini: Path, run) -> None:
    replace_in(mini / "results" / "2024.yaml", '"2-1": 99.5', '"2-1":')
    replace_in(mini / "results" / "2024.yaml", ", public: 8.8}", "}")
    table = run("score", "--data", mini, "--allow-missing", "--detail").stdout
    for heading in ("科室考评得分（暂定）", "计分明细（暂定）", "取消当年度评先评优资格（暂定）"):
        assert heading in table, heading
    assert "暂定：1 项未填完成率，按 0 计：2-1；公众评议未填，按 0 计" in table
    doc = json.loads(run("score", "--data", mini, "--allow-missing", "-f", "json").stdout)
    assert doc["missing"] == ["2-1", "evaluation.public"]
    markdown = run("score", "--data", mini, "--allow-missing", "-f", "markdown").stdout
    assert "## 取消当年度评先评优资格（暂定）" in markdown


@pytest.mark.parametrize(
    ("evaluation", "refused"),
    [
        ("{leadership: 9.2}", [("8:13", "公众评议（evaluation.public）")]),  # at the mapping
        ("{leadership: 9.2, public: }", [("8:39", "公众评议（evaluation.public）")]),
        (
            "",  # `evaluation:` left empty: both, where it is
            [
                ("8:12", "领导评价（evaluation.leadership）"),
                ("8:12", "公众评议（evaluation.public）"),
            ],
        ),
    ],
)
def test_a_missing_evaluation_is_refused_at_its_place(
    mini: Path, run, evaluation: str, refused: list[tuple[str, str]]
) -> None:
    line = f"evaluation: {evaluation}".rstrip()
    replace_in(mini / "results" / "2024.yaml", "evaluation: {leadership: 9.2, public: 8.8}", line)
    result = run("score", "--data", mini)
    assert result.exit_code == 1
    hint = "      提示：填写后再计分；或加 --allow-missing 按 0 计，结果标为“暂定”"
    assert [
        (line.split()[0].rpartition("2024.yaml:")[2], line.split()[3])
        for line in result.output.splitlines()
        if "[missing-evaluation]" in line
    ] == [(where, f"尚未填写{what}") for where, what in refused]
    assert result.output.count(hint) == len(refused)


def test_allow_missing_without_an_evaluation_section_counts_both_as_0(mini: Path, run) -> None:
    replace_in(mini / "results" / "2024.yaml", "evaluation: {leadership: 9.2, public: 8.8}\n", "")
    doc = json.loads(run("score", "--data", mini, "--allow-missing", "-f", "json").stdout)
    assert doc["missing"] == ["evaluation.leadership", "evaluation.public"]
    assert (doc["bureau"]["leadership"], doc["bureau"]["public"]) == (0.0, 0.0)
    assert doc["bureau"]["final"] == 79.22  # 78.72 + 0 + 0 + 1.00 − 0.50


def test_a_leaf_without_a_figure_keeps_its_note_and_departments(mini: Path, run) -> None:
    replace_in(mini / "results" / "2024.yaml", '"2-1": 99.5', '"2-1": {note: 待核实}')
    doc = json.loads(
        run("score", "--data", mini, "--allow-missing", "--detail", "-f", "json").stdout
    )
    [leaf] = [leaf for leaf in doc["leaves"] if leaf["id"] == "2-1"]
    assert (leaf["completion"], leaf["points"], leaf["note"]) == (None, 0.0, "待核实")
    assert leaf["departments"] == ["指挥中心", "协调科"]
    view = run("score", "-d", mini, "--allow-missing", "--department", "指挥中心", "-f", "json")
    assert [leaf["id"] for leaf in json.loads(view.stdout)["leaves"]] == ["2-1"]
