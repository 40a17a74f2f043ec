"""The command line: thin wrappers over the library, one module per command group."""

from __future__ import annotations

from . import (  # noqa: F401  (each registers its commands)
    check,
    excel,
    new_year,
    progress,
    rank,
    score,
    year,
)
from .app import app, main

__all__ = ["app", "main"]
