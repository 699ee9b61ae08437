"""`learnloop import-qti` prints counts and problems, and exits non-zero on refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from learnloop.cli import main
from learnloop.content.models import Item
from learnloop.testing.world import World

FIXTURES = Path(__file__).parent / "fixtures" / "qti"
pytestmark = pytest.mark.django_db


def test_import_qti_into_a_school(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(FIXTURES / "choice_single_v3p0.xml")
    assert main(["import-qti", path, "--school", "test-school", "--draft"]) == 0
    assert "1 created, 0 updated" in capsys.readouterr().out
    assert main(["import-qti", path, "--school", "test-school"]) == 0
    assert "0 created, 1 updated" in capsys.readouterr().out
    assert Item.objects.get().school == world.school


def test_problems_are_printed_and_nothing_imported(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(FIXTURES / "unsupported" / "order_v3p0.xml")
    assert main(["import-qti", path]) == 1
    err = capsys.readouterr().err
    assert "Nothing imported: 1 problem(s)." in err
    assert "order_v3p0.xml:8: item order-30: orderInteraction is not supported" in err
    assert not Item.objects.exists()


def test_unknown_school(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(FIXTURES / "choice_single_v3p0.xml")
    assert main(["import-qti", path, "--school", "nope"]) == 2
    assert "No school with slug 'nope'" in capsys.readouterr().err
