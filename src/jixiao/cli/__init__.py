"""The command line: thin wrappers over the library, one module per command group."""

from __future__ import annotations

from . import check, diff, excel, new_year, progress, score  # noqa: F401  (each registers its commands)
from .app import app, main

__all__ = ["app", "main"]
