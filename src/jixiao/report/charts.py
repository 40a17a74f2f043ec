"""Native Excel charts (XlsxWriter) for the trend and score workbooks.

Every series refers to the cells of a sheet that shows the same numbers, so what is printed
in the table and what is drawn agree, and the clerk can restyle a chart in Excel or WPS
like any other. XlsxWriter is imported by the callers, never at jixiao's start-up.
"""

from __future__ import annotations

from typing import Any

from .sheets import (
    FIRST_ROW,
    FONT,
    FONT_SIZE,
    HEADER_ROW,
    LINE,
    PAD,
    SUBTITLE_ROW,
    TITLE_ROW,
    TITLE_SIZE,
    Grid,
    line_count,
    print_setup,
)

WIDTH = 1000  # px: a chart sheet's charts fill an A4 landscape page at 100%
HEIGHT = 600
COLUMN_PX = 64  # XlsxWriter's default column: 8.43 units
_TEXT = {"name": FONT}


def _titled(name: str, size: int = 12) -> dict[str, Any]:
    return {"name": name, "name_font": {**_TEXT, "size": size, "bold": True}}


def _percent_axis() -> dict[str, Any]:
    return {"min": 0, "max": 100, "major_unit": 20, "num_font": _TEXT, "name": "%"}


def chart_sheet(workbook: Any, name: str, title: str, subtitle: str, fmt: dict[str, Any]) -> Any:
    """A worksheet for charts: the title and subtitle rows of a Grid over the charts' width,
    one A4 landscape page, the same footer as the tables."""
    sheet = workbook.add_worksheet(name)
    columns = -(-WIDTH // COLUMN_PX)
    width_units = columns * 8.43
    sheet.set_row(
        TITLE_ROW, line_count(title, width_units, TITLE_SIZE) * LINE * TITLE_SIZE / FONT_SIZE + PAD
    )
    sheet.set_row(SUBTITLE_ROW, line_count(subtitle, width_units) * LINE + PAD)
    sheet.merge_range(TITLE_ROW, 0, TITLE_ROW, columns - 1, title, fmt["title"])
    sheet.merge_range(SUBTITLE_ROW, 0, SUBTITLE_ROW, columns - 1, subtitle, fmt["subtitle"])
    print_setup(sheet, pages_tall=1)
    return sheet


def trend_charts(workbook: Any, fmt: dict[str, Any], grid: Grid, departments: int) -> None:
    """Sheet 走势图: a line per department and a column per period for the bureau, drawn from
    `grid` (the 完成率 sheet: departments' rows, then the bureau's, one column per period)."""
    periods = len(grid.columns) - 1
    categories = [grid.name, HEADER_ROW, 1, HEADER_ROW, periods]
    sheet = chart_sheet(workbook, "走势图", grid.title, grid.subtitle, fmt)

    lines = workbook.add_chart({"type": "line"})
    for row in range(FIRST_ROW, FIRST_ROW + departments):
        lines.add_series(
            {
                "name": [grid.name, row, 0],
                "categories": categories,
                "values": [grid.name, row, 1, row, periods],
                "marker": {"type": "automatic"},  # one period is a point, not a line
            }
        )
    lines.set_title(_titled("各科室加权完成率"))
    lines.set_y_axis(_percent_axis())
    lines.set_x_axis({"num_font": _TEXT})
    lines.set_legend({"position": "right", "font": _TEXT})
    lines.show_blanks_as("gap")  # a period without a figure is not a 0
    lines.set_size({"width": WIDTH * 62 // 100, "height": HEIGHT})
    sheet.insert_chart(HEADER_ROW, 0, lines, {"y_offset": 8})

    bureau_row = FIRST_ROW + departments
    bureau = workbook.add_chart({"type": "column"})
    bureau.add_series(
        {
            "name": [grid.name, bureau_row, 0],
            "categories": categories,
            "values": [grid.name, bureau_row, 1, bureau_row, periods],
            "data_labels": {"value": True, "num_format": "0.00", "font": _TEXT},
            "gap": 80,
        }
    )
    bureau.set_title(_titled("全局加权完成率"))
    bureau.set_y_axis(_percent_axis())
    bureau.set_x_axis({"num_font": _TEXT})
    bureau.set_legend({"none": True})
    bureau.set_size({"width": WIDTH * 36 // 100, "height": HEIGHT})
    sheet.insert_chart(HEADER_ROW, 0, bureau, {"x_offset": WIDTH * 64 // 100, "y_offset": 8})


def _score_labels(departments: int) -> dict[str, Any]:
    """Above each bar; upright inside its top when there are too many bars for labels side by
    side (the shipped data has 15 departments)."""
    if departments <= 6:
        return {"value": True, "num_format": "0.00", "position": "outside_end", "font": _TEXT}
    font = {**_TEXT, "size": 8, "rotation": -90, "color": "white"}
    return {"value": True, "num_format": "0.00", "position": "inside_end", "font": font}


def score_chart(workbook: Any, sheet: Any, grid: Grid, departments: int, lines: int) -> None:
    """Beside the 得分图 table (科室, 考评得分, 等次, then one column per grade line): a column
    per department's final score and a dashed line at each grade's minimum."""
    first, last = FIRST_ROW, FIRST_ROW + departments - 1
    categories = [grid.name, first, 0, last, 0]
    chart = workbook.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": [grid.name, HEADER_ROW, 1],
            "categories": categories,
            "values": [grid.name, first, 1, last, 1],
            "data_labels": _score_labels(departments),
            "gap": 60 if departments > 1 else 300,  # one department: a slim bar, marks beside it
        }
    )
    grade_lines = workbook.add_chart({"type": "line"})
    for col in range(3, 3 + lines):
        grade_lines.add_series(
            {
                "name": [grid.name, HEADER_ROW, col],
                "categories": categories,
                "values": [grid.name, first, col, last, col],
                "line": {"dash_type": "dash", "width": 1.5},
                # a single department is one point: mark it, or no line would show
                "marker": {"type": "dash" if departments == 1 else "none", "size": 24},
            }
        )
    chart.combine(grade_lines)
    chart.set_title(_titled("科室考评得分与等次线"))
    chart.set_y_axis({"min": 0, "num_font": _TEXT, "name": "分"})
    chart.set_x_axis({"num_font": _TEXT})
    chart.set_legend({"position": "bottom", "font": _TEXT})
    chart.set_size({"width": 560, "height": 360})
    sheet.insert_chart(HEADER_ROW, len(grid.columns) + 1, chart, {"y_offset": 4})
