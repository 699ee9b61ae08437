"""How many OATutor math answer keys the plain-number fast path grades (no sympy).

Reads the shared OATutor archive (../shared/content/oatutor/oatutor-content.tar.xz, or
--archive) and takes, like the importer, the first step of every problem whose answer
type is `arithmetic`: each instance's keys (every row of its variables) are counted as
plain numbers (`content.math_numbers.plain_number`: graded as exact fractions) or
expressions (sympy). An answer matched against a key needs sympy only when one of
the two is an expression. Printed only (docs/benchmarks/system.md quotes it).

    python benchmarks/math_keys.py
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from _common import shared_dir, text_table
from learnloop.content.math_numbers import normalize, plain_number
from learnloop.content.oatutor_files import open_package
from learnloop.content.oatutor_reader import read_package
from learnloop.content.variables import longest, substitute, values_at


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = shared_dir() / "content" / "oatutor" / "oatutor-content.tar.xz"
    parser.add_argument("--archive", type=Path, default=default)
    return parser.parse_args()


def key_text(answer: str, values: dict[str, str]) -> str:
    """A key as the importer stores it (oatutor_items._plain after substitution)."""
    text = substitute(answer, values).strip()
    if text.startswith("$$") and text.endswith("$$") and len(text) >= 4:
        text = text[2:-2].strip()
    return text


def main() -> int:
    args = parse_args()
    if not args.archive.exists():
        print(f"skipped: no OATutor archive at {args.archive}")
        return 0  # `make bench` runs every script: the archive is optional
    package = read_package(open_package(args.archive))
    counts: Counter[str] = Counter()
    started = time.perf_counter()
    for problem in package.problems:
        if not problem.steps or problem.steps[0].answer_type != "arithmetic":
            continue
        step = problem.steps[0]
        if step.problem_type == "MultipleChoice" or step.choices:
            continue
        variables = problem.variables | step.variables
        rows = max(longest([variables]), 1)
        counts["math problems"] += 1
        first = [key_text(a, values_at(variables, 0)) for a in step.answers if a.strip()]
        plain = all(plain_number(normalize(k)) is not None for k in first)
        counts["math problems, served keys all plain numbers"] += plain
        for row in range(rows):
            values = values_at(variables, row)
            for answer in step.answers:
                key = key_text(answer, values)
                if not key:
                    continue
                counts["keys (every instance)"] += 1
                counts["keys that are plain numbers"] += plain_number(normalize(key)) is not None
    seconds = time.perf_counter() - started
    rows_out = [[name, str(value)] for name, value in counts.items()]
    share = counts["keys that are plain numbers"] / max(counts["keys (every instance)"], 1)
    rows_out.append(["share of keys on the fast path", f"{share:.1%}"])
    rows_out.append(["seconds to classify", f"{seconds:.2f}"])
    print(text_table(["figure", "value"], rows_out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
