"""`jixiao collect` reads what Excel shows (issue 12): number formats, hidden rows, columns and
sheets, raw cell XML, control characters in notes; and a corrupt or hostile workbook is
refused as "不是有效的填报表" (exit 1), never a crash, within bounded work.

Every test runs the CLI on forms made by `jixiao forms` and filled by openpyxl as a liaison
would; cases no spreadsheet program writes are made by rewriting the zip member.
"""

from __future__ import annotations

import json
import re
import struct
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font

from jixiao.characters import describe

from .formfiles import (
    FORM_SHEET_XML,
    META_SHEET_XML,
    filled,
    local_header,
    make_forms,
    rewrite,
    set_compression,
    set_value,
)

FORM = "2024-Q3-协调科.xlsx"  # leaves 1-1-1 (row 4, filled 100) and 2-1 (row 5, filled 99.5)


def _collect(run, folder: Path, mini: Path, tmp_path: Path) -> tuple[int, list[dict[str, Any]]]:  # type: ignore[no-untyped-def]
    out = tmp_path / "2024-Q3.yaml"
    result = run("collect", folder, "--data", mini, "--out", out, "--format", "json")
    assert not out.exists() or result.exit_code == 0
    if result.exit_code == 0 and not result.stdout:  # nothing to say
        return 0, []
    return result.exit_code, json.loads(result.stdout)["problems"]


def _errors(run, folder: Path, mini: Path, tmp_path: Path) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """The errors of a collect that must fail (exit 1, nothing written)."""
    code, problems = _collect(run, folder, mini, tmp_path)
    assert code == 1, problems
    return [p for p in problems if p["severity"] == "error"]


def _one(errors: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(errors) == 1, errors
    return errors[0]


def _at(problem: dict[str, Any]) -> tuple[str, str | None, int, int, str]:
    return problem["file"], problem["cell"], problem["line"], problem["column"], problem["code"]


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)


# --- number formats -------------------------------------------------------------------

FORMATS = [
    ('"100"', 95),  # shows 100 whatever is typed
    ('[=60]"100";General', 60),  # shows 100 for 60
    ("0", 99.5),  # shows 99.5 as 100
    (";;;", 95),  # shows nothing
    ("0,", 95),  # shows 95 as 0
    ("0.0", 95),  # shows 95.0: harmless, but not a format forms writes
]


@pytest.mark.parametrize(("fmt", "typed"), FORMATS, ids=[f for f, _ in FORMATS])
def test_a_completion_shown_through_a_number_format_is_an_error(
    mini: Path, run, tmp_path: Path, fmt: str, typed: float
) -> None:
    folder = filled(run, mini, tmp_path)

    def change(book: Any) -> None:
        book["填报"]["F4"] = typed
        book["填报"]["F4"].number_format = fmt

    _edit(folder / FORM, change)
    problem = _one(_errors(run, folder, mini, tmp_path))
    assert _at(problem) == (FORM, "F4", 4, 6, "number-format")
    assert problem["message"] == (
        f"完成率单元格的数字格式是“{fmt}”：显示的可能不是单元格里存的内容，只能用“常规”格式"
    )


def test_forms_writes_the_input_cells_as_general(mini: Path, run, tmp_path: Path) -> None:
    """The formats collect accepts are the one `forms` writes: report/sheets.py's "input" and
    "input_text" styles set none, so XlsxWriter writes numFmtId 0, which openpyxl calls
    General. (LibreOffice saves it as a custom format "General" numbered 164.)"""
    form = make_forms(run, mini, tmp_path / "forms") / FORM
    book = openpyxl.load_workbook(form, read_only=True)
    assert {book["填报"][ref].number_format for ref in ("F4", "F5", "G4", "G5")} == {"General"}
    book.close()
    with zipfile.ZipFile(form) as archive:
        xml = archive.read(FORM_SHEET_XML).decode()
        styles = archive.read("xl/styles.xml").decode()
    used = {int(s) for s in re.findall(r'<c r="[FG][45]" s="([0-9]+)"', xml)}
    xfs = re.findall(r"<xf [^>]*>", styles.split("<cellXfs", 1)[1])
    assert {re.search(r'numFmtId="([0-9]+)"', xfs[style])[1] for style in used} == {"0"}


def test_a_built_in_format_openpyxl_has_no_name_for_is_an_error(
    mini: Path, run, tmp_path: Path
) -> None:
    """numFmtId 31 is 2024年4月4日 in a Chinese Excel; openpyxl reports it as General."""
    folder = filled(run, mini, tmp_path)

    def change(book: Any) -> None:
        book["填报"]["F4"].number_format = "0.000"  # a custom format: id 164, the first one

    _edit(folder / FORM, change)
    rewrite(
        folder / FORM,
        "xl/styles.xml",
        lambda xml: re.sub(r'(<xf numFmtId=")164(")', r"\g<1>31\2", xml),
    )
    book = openpyxl.load_workbook(folder / FORM, read_only=True)
    assert book["填报"]["F4"].number_format == "General"  # what collect used to go by
    book.close()
    problem = _one(_errors(run, folder, mini, tmp_path))
    assert _at(problem) == (FORM, "F4", 4, 6, "number-format")
    assert "数字格式是“内置格式 31”" in problem["message"]


def test_a_note_may_be_text_formatted_but_not_hidden_by_a_format(
    mini: Path, run, tmp_path: Path
) -> None:
    folder = filled(run, mini, tmp_path)

    def change(book: Any) -> None:
        book["填报"]["G4"] = "已完成"
        book["填报"]["G4"].number_format = "@"  # 文本: shows the text as typed
        book["填报"]["G5"] = "见附件"
        book["填报"]["G5"].number_format = ";;;"  # shows nothing

    _edit(folder / FORM, change)
    problem = _one(_errors(run, folder, mini, tmp_path))
    assert _at(problem) == (FORM, "G5", 5, 7, "number-format")
    assert "只能用“常规”或“文本”格式" in problem["message"]


def test_zeros_not_shown_hide_a_completion_of_zero(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)

    def change(book: Any) -> None:
        book["填报"]["F4"] = 0
        book["填报"].sheet_view.showZeros = False

    _edit(folder / FORM, change)
    problem = _one(_errors(run, folder, mini, tmp_path))
    assert _at(problem) == (FORM, "F4", 4, 6, "number-format")
    assert problem["message"] == "工作表设置了不显示零值：这里的完成率 0 显示为空白"


# --- hidden rows, columns, cells and sheets -------------------------------------------


def _hide_row(book: Any) -> None:
    book["填报"].row_dimensions[5].hidden = True


def _flatten_row(book: Any) -> None:
    book["填报"].row_dimensions[4].height = 0.5


def _hide_column(book: Any) -> None:
    book["填报"].column_dimensions["F"].hidden = True


def _narrow_column(book: Any) -> None:
    book["填报"].column_dimensions["A"].width = 0.2


def _merge(book: Any) -> None:
    book["填报"].merge_cells("E5:F5")  # shows E5 (the persons) over 99.5


HIDDEN = [
    (_hide_row, "A5", 5, 1, "第 5 行被隐藏（或行高几乎为 0）"),
    (_flatten_row, "A4", 4, 1, "第 4 行被隐藏（或行高几乎为 0）"),
    (_hide_column, "F4", 4, 6, "F 列被隐藏（或列宽几乎为 0）"),
    (_narrow_column, "A4", 4, 1, "A 列被隐藏（或列宽几乎为 0）"),
    (_merge, "E5", 5, 5, "E5:F5 是合并单元格"),
]


@pytest.mark.parametrize(
    ("change", "cell", "row", "col", "said"), HIDDEN, ids=[h[4] for h in HIDDEN]
)
def test_a_hidden_row_column_or_cell_in_the_table_is_an_error(
    mini: Path, run, tmp_path: Path, change: Any, cell: str, row: int, col: int, said: str
) -> None:
    folder = filled(run, mini, tmp_path)
    _edit(folder / FORM, change)
    problem = [p for p in _errors(run, folder, mini, tmp_path) if p["code"] == "hidden-cells"]
    assert _at(_one(problem)) == (FORM, cell, row, col, "hidden-cells")
    assert problem[0]["message"].startswith(said)


def test_rows_and_columns_outside_the_table_may_be_hidden(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)

    def change(book: Any) -> None:
        book["填报"].row_dimensions[2].hidden = True  # the subtitle
        book["填报"].column_dimensions["H"].hidden = True

    _edit(folder / FORM, change)
    code, problems = _collect(run, folder, mini, tmp_path)
    assert (code, problems) == (0, [])


def test_conditional_formatting_over_the_table_is_an_error(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)

    def change(book: Any) -> None:
        white = CellIsRule(operator="lessThan", formula=["100"], font=Font(color="FFFFFF"))
        book["填报"].conditional_formatting.add("F5:F9", white)

    _edit(folder / FORM, change)
    problem = _one(_errors(run, folder, mini, tmp_path))
    assert _at(problem) == (FORM, "F5", 5, 6, "conditional-format")
    assert problem["message"].startswith("F5:F9 设置了条件格式")


def test_a_hidden_form_sheet_behind_a_visible_copy_is_refused(
    mini: Path, run, tmp_path: Path
) -> None:
    folder = filled(run, mini, tmp_path)

    def change(book: Any) -> None:
        copy = book.copy_worksheet(book["填报"])
        copy["F4"] = 60  # what the liaison and the clerk see
        book.active = copy
        book["填报"].sheet_state = "hidden"  # what collect used to read: 100

    _edit(folder / FORM, change)
    problem = _one(_errors(run, folder, mini, tmp_path))
    assert _at(problem) == (FORM, None, 0, 0, "form-sheets")
    assert problem["message"] == (
        f"{FORM} 中的“填报”表被隐藏了，打开文件看到的是“填报 Copy”：汇总读的是隐藏的表"
    )


def test_a_sheet_added_beside_the_form_is_refused(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    _edit(folder / FORM, lambda book: book.create_sheet("补充说明"))
    problem = _one(_errors(run, folder, mini, tmp_path))
    assert _at(problem) == (FORM, None, 0, 0, "form-sheets")
    assert problem["message"].startswith(f"{FORM} 中多了工作表“补充说明”")


# --- raw cell XML ---------------------------------------------------------------------

RAW = [
    ("1_00", "“1_00”"),  # int("1_00") is 100
    ("１００", "“１００”"),  # full-width digits: int() reads them
    (" 50", "“ 50”"),  # int() strips spaces
    ("50\n", "“50\\u000A”"),
    ("1E2", "“1E2”"),  # float("1E2") is 100.0
    ("-0", "“-0”"),
    ("-0.0", "“-0.0”"),
    ("0100", "“0100”"),
]


@pytest.mark.parametrize(("raw", "shown"), RAW, ids=[r for r, _ in RAW])
def test_a_completion_whose_xml_is_not_a_plain_decimal_is_an_error(
    mini: Path, run, tmp_path: Path, raw: str, shown: str
) -> None:
    folder = filled(run, mini, tmp_path)
    set_value(folder / FORM, "F4", raw)
    problem = _one(_errors(run, folder, mini, tmp_path))
    assert _at(problem) == (FORM, "F4", 4, 6, "raw-value")
    assert problem["message"] == (
        f"完成率单元格在文件中存的是{shown}，不是普通的数字写法，Excel 显示的可能与读到的不同"
    )


@pytest.mark.parametrize("raw", ["&#49;00", "1&#x30;0", "<![CDATA[100]]>", "<!---->100"])
def test_a_completion_written_with_entities_or_cdata_is_an_error(
    mini: Path, run, tmp_path: Path, raw: str
) -> None:
    folder = filled(run, mini, tmp_path)
    set_value(folder / FORM, "F4", raw)
    problem = _one(_errors(run, folder, mini, tmp_path))
    assert _at(problem) == (FORM, "F4", 4, 6, "raw-value")
    assert problem["message"].startswith("完成率单元格的值在文件中不是直接写出的")


def test_plain_decimals_as_spreadsheets_write_them_are_read(
    mini: Path, run, tmp_path: Path
) -> None:
    folder = filled(run, mini, tmp_path)
    set_value(folder / FORM, "F4", "100.0")
    set_value(folder / FORM, "F5", "99.50")
    code, problems = _collect(run, folder, mini, tmp_path)
    assert (code, problems) == (0, [])


def test_cells_out_of_order_are_refused(mini: Path, run, tmp_path: Path) -> None:
    """openpyxl keeps the last of two F4 cells, Excel repairs the file: neither is trusted."""
    folder = filled(run, mini, tmp_path)
    rewrite(
        folder / FORM,
        FORM_SHEET_XML,
        lambda xml: xml.replace('<c r="F4"', '<c r="F4" t="n"><v>50</v></c><c r="F4"', 1),
    )
    problem = _one(_errors(run, folder, mini, tmp_path))
    assert _at(problem) == (FORM, None, 0, 0, "bad-xlsx")
    assert problem["message"] == f"{FORM} 不是有效的填报表（第 4 行的单元格顺序错乱）"


# --- notes ----------------------------------------------------------------------------

CONTROLS = [
    ("完成\x85了", 3, "U+0085"),  # NEL, which YAML reads as a line break
    ("完成\x9b2K了", 3, "U+009B"),  # CSI: drives a terminal
    ("完成_x001B_[2K了", 3, "U+001B"),  # ESC as Excel writes it; Excel shows the ESC itself
]


@pytest.mark.parametrize(("note", "at", "char"), CONTROLS, ids=[c for _, _, c in CONTROLS])
def test_a_control_character_in_a_note_is_an_error(
    mini: Path, run, tmp_path: Path, note: str, at: int, char: str
) -> None:
    folder = filled(run, mini, tmp_path)
    _edit(folder / FORM, lambda book: book["填报"].__setitem__("G5", note))
    problem = _one(_errors(run, folder, mini, tmp_path))
    assert _at(problem) == (FORM, "G5", 5, 7, "invisible-char")
    named = describe(chr(int(char[2:], 16)))  # `U+001B 控制字符 ESC`
    assert problem["message"] == f"说明的第 {at} 个字符是看不见的字符 {named}"


def test_a_note_is_read_as_excel_shows_it(mini: Path, run, tmp_path: Path) -> None:
    """Excel writes a typed "_x0041_" as _x005F_x0041_ and shows _x0041_ as "A"."""
    folder = filled(run, mini, tmp_path)
    _edit(folder / FORM, lambda book: book["填报"].__setitem__("G5", "第_x0031_次_x005F_x0041_"))
    out = tmp_path / "2024-Q3.yaml"
    assert run("collect", folder, "--data", mini, "--out", out).exit_code == 0
    assert '协调科：第1次_x0041_"' in out.read_text(encoding="utf-8")


# --- corrupt and hostile workbooks ----------------------------------------------------


def _refused(run, folder: Path, mini: Path, tmp_path: Path, code: str) -> str:  # type: ignore[no-untyped-def]
    """The one error: the whole form refused with `code`; its message."""
    problem = _one(_errors(run, folder, mini, tmp_path))
    assert _at(problem) == (FORM, None, 0, 0, code)
    assert problem["message"].startswith(f"{FORM} 不是有效的填报表（")
    return str(problem["message"])


def test_a_corrupt_local_header_is_not_a_valid_form(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    data = bytearray((folder / FORM).read_bytes())
    at = local_header(folder / FORM, "xl/workbook.xml")
    data[at : at + 4] = b"PK\x09\x09"
    (folder / FORM).write_bytes(bytes(data))
    message = _refused(run, folder, mini, tmp_path, "bad-xlsx")
    assert message == f"{FORM} 不是有效的填报表（压缩包中的“xl/workbook.xml”已损坏）"


def test_a_truncated_workbook_is_not_a_valid_form(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    (folder / FORM).write_bytes((folder / FORM).read_bytes()[:3000])  # a download cut short
    message = _refused(run, folder, mini, tmp_path, "bad-xlsx")
    assert message == f"{FORM} 不是有效的填报表（压缩包已损坏，可能没有保存或传送完整）"


def test_an_unknown_compression_is_not_a_valid_form(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    set_compression(folder / FORM, "xl/workbook.xml", 99)
    message = _refused(run, folder, mini, tmp_path, "bad-xlsx")
    assert message == f"{FORM} 不是有效的填报表（“xl/workbook.xml”用了 Excel 不支持的压缩方式）"


def test_a_name_that_is_not_utf8_is_not_a_valid_form(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    with zipfile.ZipFile(folder / FORM, "a") as archive:
        archive.writestr("xl/media/é.png", b"")  # flagged as UTF-8 in the zip
    data = (folder / FORM).read_bytes().replace("é".encode(), b"\xff\xfe")
    (folder / FORM).write_bytes(data)
    message = _refused(run, folder, mini, tmp_path, "bad-xlsx")
    assert message == f"{FORM} 不是有效的填报表（压缩包中有不是 UTF-8 编码的文件名）"


def test_odd_digits_in_the_hidden_sheet_are_not_a_valid_form(
    mini: Path, run, tmp_path: Path
) -> None:
    folder = filled(run, mini, tmp_path)
    _edit(folder / FORM, lambda book: book["jixiao"].__setitem__("B6", "4²"))  # "4²".isdigit()
    message = _refused(run, folder, mini, tmp_path, "not-a-form")
    assert message == f"{FORM} 不是有效的填报表（隐藏的登记信息不对）"


def test_a_dtd_is_refused_before_it_expands(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    rewrite(
        folder / FORM,
        FORM_SHEET_XML,
        lambda xml: (
            '<!DOCTYPE worksheet [<!ENTITY h "100">]>' + xml.replace("<v>100</v>", "<v>&h;</v>")
        ),
    )
    message = _refused(run, folder, mini, tmp_path, "bad-xlsx")
    assert message == (
        f"{FORM} 不是有效的填报表（“{FORM_SHEET_XML}”含有 DTD 声明，Excel 写的文件从不含这种声明）"
    )


def test_two_style_sheets_are_refused(mini: Path, run, tmp_path: Path) -> None:
    """Excel finds the styles through the workbook's relationships, openpyxl by name."""
    folder = filled(run, mini, tmp_path)
    with zipfile.ZipFile(folder / FORM, "a") as archive:
        styles = archive.read("xl/styles.xml")
        archive.writestr("xl/styles2.xml", styles)
    message = _refused(run, folder, mini, tmp_path, "bad-xlsx")
    assert message == f"{FORM} 不是有效的填报表（有两份样式表：xl/styles.xml、xl/styles2.xml）"


def _strings(count: int):  # type: ignore[no-untyped-def]
    return lambda xml: xml.replace("</sst>", "<si><t>x</t></si>" * count + "</sst>")


def _styles(count: int):  # type: ignore[no-untyped-def]
    xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    return lambda xml: xml.replace("</cellXfs>", xf * count + "</cellXfs>")


def _cells(count: int):  # type: ignore[no-untyped-def]
    return lambda xml: xml.replace("</row>", "<c/>" * count + "</row>", 1)


# The sizes of the issue: a form of some 130 KB that openpyxl took 8-21 s and up to 1.4 GB to read.
HOSTILE = [
    (
        "xl/sharedStrings.xml",
        _strings(2_600_000),
        "共享字符串表“xl/sharedStrings.xml”有超过 100,000 个 XML 元素",
    ),
    ("xl/styles.xml", _styles(700_000), "样式表“xl/styles.xml”有超过 20,000 个 XML 元素"),
    (META_SHEET_XML, _cells(2_000_000), f"“{META_SHEET_XML}”的一行中有超过 16,384 个单元格"),
]


@pytest.mark.parametrize(("member", "grow", "said"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_form_swollen_inside_is_refused_before_openpyxl_reads_it(
    mini: Path, run, tmp_path: Path, member: str, grow: Any, said: str
) -> None:
    # as `forms` wrote it (XlsxWriter keeps a shared string table; openpyxl writes none)
    folder = make_forms(run, mini, tmp_path / "forms")
    rewrite(folder / FORM, member, grow)
    assert (folder / FORM).stat().st_size < 300_000
    message = _refused(run, folder, mini, tmp_path, "file-too-large")
    assert message.startswith(f"{FORM} 不是有效的填报表（{said}")


def test_a_zip_directory_too_large_to_list_is_refused(mini: Path, run, tmp_path: Path) -> None:
    folder = filled(run, mini, tmp_path)
    with zipfile.ZipFile(folder / FORM, "a") as archive:
        for number in range(3000):
            archive.writestr(f"customXml/item{number}.xml", b"")
    message = _refused(run, folder, mini, tmp_path, "file-too-large")
    assert re.fullmatch(
        rf"{FORM} 不是有效的填报表（压缩包的目录有 [0-9,]+ 字节，一份填报表只有约 1 KB）", message
    )


def test_a_zip64_record_is_read_as_zipfile_reads_it(mini: Path, run, tmp_path: Path) -> None:
    """zipfile takes the directory size from a zip64 record right before the end record."""
    folder = filled(run, mini, tmp_path)
    data = (folder / FORM).read_bytes()
    end = data.rfind(b"PK\x05\x06")
    entries, _, offset = struct.unpack_from("<HLL", data, end + 10)
    record = struct.pack(
        "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, 10**6, offset
    )
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, end, 1)
    (folder / FORM).write_bytes(data[:end] + record + locator + data[end:])
    message = _refused(run, folder, mini, tmp_path, "file-too-large")
    assert "压缩包的目录有 1,000,000 字节" in message
