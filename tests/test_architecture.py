"""The engine is a pure package: it imports only the standard library, numpy, scipy,
fsrs and itself. (import-linter checks the same from the other side in `make test`.)"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import learnloop.engine

ENGINE_DIR = Path(learnloop.engine.__file__).parent
ALLOWED_THIRD_PARTY = {"numpy", "scipy", "fsrs", "hypothesis", "pytest"}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module)
    return roots


def test_engine_imports_nothing_but_numerics_and_itself() -> None:
    offenders: list[str] = []
    for path in sorted(ENGINE_DIR.rglob("*.py")):
        for module in imported_roots(path):
            top = module.split(".")[0]
            if module.startswith("learnloop.engine") or top in sys.stdlib_module_names:
                continue
            if top in ALLOWED_THIRD_PARTY:
                continue
            offenders.append(f"{path.relative_to(ENGINE_DIR)} imports {module}")
    assert not offenders, offenders
