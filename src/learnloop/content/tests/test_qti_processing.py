"""match_correct written out by hand is read as match_correct; anything else stays refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from learnloop.content.grading_adapter import grade_item
from learnloop.content.models import Item, ItemKind
from learnloop.content.qti import QtiError, parse_item
from learnloop.content.qti_import import import_qti
from learnloop.testing.world import World

WRITTEN_OUT = Path(__file__).parent / "fixtures" / "qti" / "written_out"
CHOICE = WRITTEN_OUT / "match_correct_feedback_v2p1.xml"
SAMPLES = ("match_correct_feedback_v2p1.xml", "match_correct_v3p0.xml")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kind", "right", "wrong"),
    [
        ("match_correct_feedback_v2p1.xml", ItemKind.SINGLE_CHOICE, "B", "A"),
        ("match_correct_v3p0.xml", ItemKind.NUMERIC, "50", "45"),
    ],
)
def test_it_imports_and_grades_as_match_correct(
    world: World, name: str, kind: str, right: str, wrong: str
) -> None:
    report = import_qti(path=WRITTEN_OUT / name, school=world.school)
    assert report.created == 1 and not report.skipped_items
    item = Item.objects.get()
    assert item.kind == kind
    assert grade_item(item, right).correct
    assert not grade_item(item, wrong).correct


@pytest.mark.parametrize("name", SAMPLES)
def test_strict_reads_it_too(name: str) -> None:
    parsed = parse_item((WRITTEN_OUT / name).read_bytes(), name, lenient=False)
    assert not parsed.notes


PARTIAL_ELSE = (
    '<baseValue baseType="float">0</baseValue></setOutcomeValue>\n      </responseElse>',
    '<baseValue baseType="float">0.5</baseValue></setOutcomeValue>\n      </responseElse>',
)
NOT_MATCH = ("<match>", "<equal>"), ("</match>", "</equal>")
OTHER_RESPONSE = '<correct identifier="RESPONSE"/>', '<correct identifier="OTHER"/>'
NO_SCORE = '<variable identifier="MAXSCORE"/>', '<baseValue baseType="float">0</baseValue>'
ELSE_IF = ("<responseElse>", "<responseElseIf>"), ("</responseElse>", "</responseElseIf>")
SCORE_OUTSIDE = (
    '<setOutcomeValue identifier="FEEDBACK"><variable identifier="RESPONSE"/>',
    '<setOutcomeValue identifier="SCORE"><variable identifier="RESPONSE"/>',
)
ZERO_MAX = "<value>10.0</value>", "<value>0</value>"


@pytest.mark.parametrize(
    "changes",
    [[PARTIAL_ELSE], list(NOT_MATCH), [OTHER_RESPONSE], [NO_SCORE], list(ELSE_IF),
     [SCORE_OUTSIDE], [ZERO_MAX]],
    ids=["partial-else", "not-match", "other-response", "no-score", "else-if",
         "score-outside", "zero-max"],
)  # fmt: skip
def test_anything_else_stays_refused_by_name(changes: list[tuple[str, str]]) -> None:
    text = CHOICE.read_text()
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    with pytest.raises(QtiError) as error:
        parse_item(text.encode(), "variant.xml", lenient=True)
    assert "custom responseProcessing is not supported" in str(error.value)
