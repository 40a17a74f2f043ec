"""jixiao (绩效): score a public body's annual performance evaluation from YAML files.

    from jixiao import load_dataset, check_dataset, score
    data = load_dataset(Path("data"))
    problems = check_dataset(data)

Names are imported on first use, so `jixiao --help` does not pay for Pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dataset import Dataset, check_dataset, load_dataset
    from .problem import DataError, JixiaoError, Problem, Severity, UsageError
    from .scoring import Scorecard, score

_HOMES = {
    "Dataset": "dataset",
    "check_dataset": "dataset",
    "load_dataset": "dataset",
    "DataError": "problem",
    "JixiaoError": "problem",
    "Problem": "problem",
    "Severity": "problem",
    "UsageError": "problem",
    "Scorecard": "scoring",
    "score": "scoring",
}
__all__ = [
    "DataError",
    "Dataset",
    "JixiaoError",
    "Problem",
    "Scorecard",
    "Severity",
    "UsageError",
    "check_dataset",
    "load_dataset",
    "score",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'jixiao' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{home}", __name__), name)
