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


def _package(tmp_path: Path) -> Path:
    import zipfile

    path = tmp_path / "mixed.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(FIXTURES / "choice_single_v3p0.xml", "ok.xml")
        archive.write(FIXTURES / "unsupported" / "order_v3p0.xml", "order.xml")
    return path


def test_skipped_items_are_listed_with_their_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import-qti", str(_package(tmp_path))]) == 0
    captured = capsys.readouterr()
    assert (
        "skipped item: mixed.zip/order.xml:8: item order-30: orderInteraction is not supported"
        in captured.err
    )
    assert "Imported QTI items: 1 created, 0 updated." in captured.out
    assert "Skipped 1 item(s) that cannot be imported" in captured.out
    assert Item.objects.count() == 1


def test_strict_refuses_the_whole_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import-qti", str(_package(tmp_path)), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "Nothing imported: 1 problem(s)." in err and "orderInteraction" in err
    assert not Item.objects.exists()


def test_notes_say_what_an_imported_item_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (FIXTURES / "choice_single_v3p0.xml").read_text(encoding="utf-8")
    path = tmp_path / "fb.xml"
    path.write_text(
        # a feedback whose identifier names no choice (a choice's own is kept: test_qti)
        text.replace(
            "</qti-assessment-item>",
            '<qti-modal-feedback outcome-identifier="FB" identifier="WELL_DONE" show-hide="show">'
            "Well done</qti-modal-feedback></qti-assessment-item>",
        ),
        encoding="utf-8",
    )
    assert main(["import-qti", str(path)]) == 0
    assert (
        "note: fb.xml: item ratio-language-30: 1 modalFeedback dropped (feedback is not imported)"
        in capsys.readouterr().out
    )
