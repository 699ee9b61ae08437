"""The one error type of the CASE importer: a refusal with the file and the JSON path."""

from __future__ import annotations


class CaseImportError(ValueError):
    """A package we cannot import. The message names the file and the JSON path."""

    def __init__(self, source: str, path: str, problem: str) -> None:
        self.source = source
        self.path = path
        self.problem = problem
        super().__init__(f"{source}: {path}: {problem}" if path else f"{source}: {problem}")
