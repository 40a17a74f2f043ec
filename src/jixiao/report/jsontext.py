"""Every command's JSON output: UTF-8 text as the clerk typed it, indented."""

from __future__ import annotations

from typing import Any


def json_text(doc: Any) -> str:
    import json  # only a JSON output pays for the import

    return json.dumps(doc, ensure_ascii=False, indent=2)
