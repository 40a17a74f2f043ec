"""jixiao (绩效): score a public body's annual performance evaluation from YAML files.

from jixiao import load_dataset, check_dataset
data = load_dataset(Path("data"))
problems = check_dataset(data)
"""

from .dataset import Dataset, check_dataset, load_dataset
from .problem import DataError, JixiaoError, Problem, Severity, UsageError
from .scoring import Scorecard, score

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
