"""Every broken variant of a real CASE package is imported or clearly refused, never crashes.

Seeded mutations (tests/mutations.py) of each sample in ../shared/samples/case: truncated,
retyped fields, huge values, broken encodings, isChildOf cycles, duplicates. The outcome
must be an import or a CaseImportError with a message, and a refusal must leave every
framework, standard and association row as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from learnloop.standards.codes import code_order
from learnloop.standards.models import Framework, Standard, StandardAssociation
from learnloop.standards.services import CaseImportError, import_case_file
from learnloop.standards.tests.factories import sample
from learnloop.standards.tests.mutations import mutate

pytestmark = [pytest.mark.django_db, pytest.mark.shared]

SMALL = [
    "opensalt-smartlevel-test-case1p0-cfpackage.json",
    "opensalt-act-holistic-math-case1p0-cfpackage.json",
]
LARGE = "opensalt-ccss-math-2017-draft-cfpackage.json"
CASES = [
    *((SMALL[0], seed) for seed in range(16)),
    *((SMALL[1], seed) for seed in range(100, 116)),
    *((LARGE, seed) for seed in range(200, 203)),
]


def rows() -> tuple[list[tuple], ...]:
    return tuple(
        list(model.objects.order_by("pk").values_list())
        for model in (Framework, Standard, StandardAssociation)
    )


@pytest.mark.parametrize(("name", "seed"), CASES, ids=[f"{n[:20]}-{s}" for n, s in CASES])
def test_mutated_package_imports_or_is_refused_cleanly(
    name: str, seed: int, tmp_path: Path
) -> None:
    original = sample(name)
    import_case_file(path=original)  # refusals must leave a populated database as it was
    data, kind = mutate(original.read_bytes(), seed)
    broken = tmp_path / f"{kind}-{seed}.json"
    broken.write_bytes(data)
    before = rows()
    try:
        report = import_case_file(path=broken)
    except CaseImportError as error:
        message = str(error)
        assert message.startswith(f"{broken}: ") and len(message) > len(f"{broken}: ") + 5
        assert rows() == before, f"{kind}: a refusal changed the database"
    else:
        assert report.framework.pk is not None
        sorted(Standard.objects.filter(framework=report.framework), key=code_order)
