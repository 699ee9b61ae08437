"""QTI 2.1, 2.2 and 3.0 import: each supported kind imports and grades; the rest is refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from learnloop.content.grading_adapter import grade_item
from learnloop.content.models import Item, ItemKind, Source, Status
from learnloop.content.qti import QtiError, parse_item
from learnloop.content.qti_import import QtiImportError, import_qti
from learnloop.testing.world import World

FIXTURES = Path(__file__).parent / "fixtures" / "qti"

# file, kind, a right answer, a wrong answer
SUPPORTED = [
    ("choice_single_v2p1.xml", ItemKind.SINGLE_CHOICE, "B", "C"),
    ("choice_multiple_v2p1.xml", ItemKind.MULTIPLE_CHOICE, ["R1", "R3"], ["R1"]),
    ("text_entry_string_v2p1.xml", ItemKind.SHORT_TEXT, "A Unit Rate", "rate"),
    ("text_entry_float_v2p1.xml", ItemKind.NUMERIC, "4.50", "4.6"),
    ("choice_single_v2p2.xml", ItemKind.SINGLE_CHOICE, "P20", "P25"),
    ("choice_multiple_v2p2.xml", ItemKind.MULTIPLE_CHOICE, ["M24", "M12"], ["M12", "M18"]),
    ("text_entry_integer_v2p2.xml", ItemKind.NUMERIC, "6", "3"),
    ("text_entry_string_v2p2.xml", ItemKind.SHORT_TEXT, "t", "T"),
    ("choice_single_v3p0.xml", ItemKind.SINGLE_CHOICE, "C", "A"),
    ("choice_multiple_v3p0.xml", ItemKind.MULTIPLE_CHOICE, ["Y2X", "TICKETS"], ["TAXI"]),
    ("text_entry_float_v3p0.xml", ItemKind.NUMERIC, "15/2", "7"),
    ("text_entry_string_v3p0.xml", ItemKind.SHORT_TEXT, "The Reciprocal", "inverse"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kind", "right", "wrong"), SUPPORTED)
def test_supported_item_imports_and_grades(
    world: World, name: str, kind: str, right: object, wrong: object
) -> None:
    report = import_qti(path=FIXTURES / name, school=world.school)
    assert (report.created, report.updated) == (1, 0)
    item = Item.objects.get()
    assert (item.kind, item.source, item.school, item.status) == (
        kind,
        Source.QTI,
        world.school,
        Status.PUBLISHED,
    )
    assert item.source_identifier.startswith("test-school:")
    assert grade_item(item, right).correct  # type: ignore[arg-type]
    assert not grade_item(item, wrong).correct  # type: ignore[arg-type]


def test_stem_keeps_the_text_and_replaces_the_interaction() -> None:
    choice = parse_item((FIXTURES / "choice_single_v2p1.xml").read_bytes(), "c.xml")
    assert choice.version == "2.1"
    assert "150 miles in 3 hours" in choice.draft.stem
    assert "<p>What is its speed in miles per hour?</p>" in choice.draft.stem
    assert "simpleChoice" not in choice.draft.stem
    assert [c.identifier for c in choice.draft.choices] == ["A", "B", "C"]
    assert choice.draft.choices[2].text == "<strong>450</strong>"
    blank = parse_item((FIXTURES / "text_entry_float_v3p0.xml").read_bytes(), "t.xml")
    assert blank.version == "3.0"
    assert blank.draft.stem == "<p>15% of 50 is <strong>_____</strong>.</p>"


def test_map_response_rules() -> None:
    multiple = parse_item((FIXTURES / "choice_multiple_v2p1.xml").read_bytes(), "m.xml").draft
    assert multiple.partial_credit
    strings = parse_item((FIXTURES / "text_entry_string_v2p1.xml").read_bytes(), "s.xml").draft
    assert strings.accepted_answers == ("unit rate", "a unit rate")
    assert not strings.case_sensitive  # every positive mapEntry says caseSensitive="false"
    exact = parse_item((FIXTURES / "text_entry_string_v2p2.xml").read_bytes(), "e.xml").draft
    assert exact.case_sensitive  # match_correct compares exactly


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "unsupported/extended_text_v2p1.xml",
            "item essay-21: extendedTextInteraction is not supported",
        ),
        ("unsupported/order_v3p0.xml", "item order-30: orderInteraction is not supported"),
        (
            "unsupported/custom_processing_v2p2.xml",
            "item custom-22: custom responseProcessing is not supported",
        ),
        (
            "unsupported/two_interactions_v2p2.xml",
            "item two-22: needs exactly one interaction "
            "(found textEntryInteraction, textEntryInteraction)",
        ),
        ("unsupported/mathml_v2p1.xml", "item mathml-21: math (from another XML namespace)"),
    ],
)
def test_unsupported_is_refused_by_name_with_file_and_line(name: str, message: str) -> None:
    with pytest.raises(QtiError) as error:
        parse_item((FIXTURES / name).read_bytes(), name)
    assert message in str(error.value)
    assert str(error.value).startswith(f"{name}:")
    assert error.value.line is not None and error.value.line > 1


@pytest.mark.parametrize("name", ["malicious/xxe.xml", "malicious/billion_laughs.xml"])
def test_entity_attacks_are_refused(name: str) -> None:
    with pytest.raises(QtiError, match="refused unsafe XML"):
        parse_item((FIXTURES / name).read_bytes(), name)


@pytest.mark.django_db
def test_scripts_in_item_html_are_stripped(world: World) -> None:
    import_qti(path=FIXTURES / "malicious" / "script_v2p1.xml", school=None)
    item = Item.objects.get()
    stored = item.stem + "".join(c.text for c in item.choices.all())
    assert "onmouseover" not in stored and "onclick" not in stored
    assert "javascript:" not in stored
    assert item.school is None and item.source_identifier == "shared:script-21"


def test_not_well_formed_names_the_line() -> None:
    with pytest.raises(QtiError) as error:
        parse_item(b'<?xml version="1.0"?>\n<assessmentItem>\n<oops></assessmentItem>', "bad.xml")
    assert str(error.value).startswith("bad.xml:3: not well-formed XML")


def test_wrong_root_and_namespace() -> None:
    with pytest.raises(QtiError, match="not a QTI assessment item"):
        parse_item(b"<html/>", "x.xml")
    with pytest.raises(QtiError, match="unsupported QTI namespace"):
        parse_item(b'<assessmentItem xmlns="urn:other" identifier="a"/>', "x.xml")


def _zip(tmp_path: Path, files: dict[str, Path | bytes]) -> Path:
    path = tmp_path / "package.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, source in files.items():
            data = source if isinstance(source, bytes) else source.read_bytes()
            archive.writestr(name, data)
    return path


def _package(tmp_path: Path) -> Path:
    return _zip(
        tmp_path,
        {
            "imsmanifest.xml": FIXTURES / "imsmanifest.xml",
            "items/choice_single_v2p1.xml": FIXTURES / "choice_single_v2p1.xml",
            "items/text_entry_float_v2p1.xml": FIXTURES / "text_entry_float_v2p1.xml",
            "items/choice_multiple_v3p0.xml": FIXTURES / "choice_multiple_v3p0.xml",
            "items/not_listed.xml": FIXTURES / "unsupported" / "order_v3p0.xml",
            "test.xml": b"<assessmentTest/>",
        },
    )


@pytest.mark.django_db
def test_content_package_imports_listed_items_idempotently(world: World, tmp_path: Path) -> None:
    package = _package(tmp_path)
    report = import_qti(path=package, school=world.school)
    assert (report.created, report.updated) == (3, 0)
    assert report.skipped == [
        "package.zip/imsmanifest.xml: resource TEST-1 (imsqti_test_xmlv2p1) skipped: not an item"
    ]
    again = import_qti(path=package, school=world.school)
    assert (again.created, again.updated) == (0, 3)
    assert Item.objects.count() == 3
    shared = import_qti(path=package, school=None)
    assert shared.created == 3  # the shared library is its own scope


@pytest.mark.django_db
def test_strict_one_bad_item_imports_nothing(world: World, tmp_path: Path) -> None:
    path = _zip(
        tmp_path,
        {
            "a.xml": FIXTURES / "choice_single_v2p2.xml",
            "b.xml": FIXTURES / "unsupported" / "extended_text_v2p1.xml",
            "c.xml": b"<assessmentItem",
        },
    )
    with pytest.raises(QtiImportError) as error:
        import_qti(path=path, school=world.school, strict=True)
    assert len(error.value.problems) == 2
    assert error.value.problems[0].startswith("package.zip/b.xml:7: item essay-21:")
    assert error.value.problems[1].startswith("package.zip/c.xml:1: not well-formed XML")
    assert not Item.objects.exists()


@pytest.mark.django_db
def test_lenient_imports_the_supported_items_and_lists_each_skipped_one(
    world: World, tmp_path: Path
) -> None:
    path = _zip(
        tmp_path,
        {
            "a.xml": FIXTURES / "choice_single_v2p2.xml",
            "b.xml": FIXTURES / "unsupported" / "extended_text_v2p1.xml",
            "c.xml": b"<assessmentItem",
            "d.xml": FIXTURES / "text_entry_string_v3p0.xml",
            "e.xml": FIXTURES / "choice_single_v2p2.xml",
        },
    )
    report = import_qti(path=path, school=world.school)
    assert (report.created, report.updated) == (2, 0)
    assert report.skipped_items == [
        "package.zip/b.xml:7: item essay-21: extendedTextInteraction is not supported",
        "package.zip/c.xml:1: not well-formed XML: unclosed token: line 1, column 0",
        "package.zip/e.xml: item percent-choice-22 is also in package.zip/a.xml",
    ]
    assert Item.objects.count() == 2


@pytest.mark.django_db
def test_a_hostile_file_or_nothing_importable_refuses_the_package(
    world: World, tmp_path: Path
) -> None:
    hostile = _zip(
        tmp_path,
        {
            "a.xml": FIXTURES / "choice_single_v2p2.xml",
            "c.xml": FIXTURES / "malicious" / "xxe.xml",
        },
    )
    with pytest.raises(QtiImportError, match=r"package\.zip/c\.xml: refused unsafe XML"):
        import_qti(path=hostile, school=world.school)
    with pytest.raises(QtiImportError, match="extendedTextInteraction is not supported"):
        import_qti(path=FIXTURES / "unsupported" / "extended_text_v2p1.xml", school=None)
    assert not Item.objects.exists()


@pytest.mark.django_db
def test_zip_safety_and_missing_files(world: World, tmp_path: Path) -> None:
    unsafe = _zip(tmp_path, {"../evil.xml": FIXTURES / "choice_single_v2p2.xml"})
    with pytest.raises(QtiImportError, match="unsafe path"):
        import_qti(path=unsafe, school=None)
    manifest_only = _zip(tmp_path, {"imsmanifest.xml": FIXTURES / "imsmanifest.xml"})
    with pytest.raises(QtiImportError, match="is not in the zip"):
        import_qti(path=manifest_only, school=None)
    with pytest.raises(QtiImportError, match="no such file"):
        import_qti(path=tmp_path / "missing.xml", school=None)
    duplicate = _zip(
        tmp_path,
        {
            "a.xml": FIXTURES / "choice_single_v2p2.xml",
            "b.xml": FIXTURES / "choice_single_v2p2.xml",
        },
    )
    with pytest.raises(QtiImportError, match="item percent-choice-22 is also in"):
        import_qti(path=duplicate, school=None, strict=True)


TEMPLATE_ADDRESSES = [
    "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct",
    "http://www.imsglobal.org/question/qti_v2p2/rptemplates/match_correct.xml",
    "https://www.imsglobal.org/question/qti_v3p0/rptemplates/match_correct.xml",
    "http://www.imsglobal.org/question/qti_v3p0/rptemplates/match_correct",
    "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml",
    "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct",
    "https://purl.1edtech.org/spec/qti/v3p0/rptemplates/match_correct.xml",
    "https://www.1edtech.org/question/qti_v2p2/rptemplates/match_correct",
    "http://www.imsglobal.org/question/qti_v2p1/rptemplates/CC2_match",
]


def _with_template(name: str, address: str) -> bytes:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    start = text.index('template="') + len('template="')
    end = text.index('"', start)
    return (text[:start] + address + text[end:]).encode()


@pytest.mark.parametrize("address", TEMPLATE_ADDRESSES)
@pytest.mark.parametrize("name", ["choice_single_v2p2.xml", "choice_single_v3p0.xml"])
def test_match_correct_is_known_under_each_published_address(name: str, address: str) -> None:
    item = parse_item(_with_template(name, address), name)
    assert sum(choice.is_correct for choice in item.draft.choices) == 1


@pytest.mark.parametrize(
    "address",
    [
        "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response.xml",
        "http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response",
        "http://www.imsglobal.org/question/qti_v2p1/rptemplates/CC2_map_response",
    ],
)
def test_map_response_is_known_under_its_addresses(address: str) -> None:
    name = "choice_multiple_v2p1.xml"
    assert parse_item(_with_template(name, address), name).draft.partial_credit


@pytest.mark.parametrize(
    "address",
    [
        "https://example.org/spec/qti/v3p0/rptemplates/match_correct.xml",
        "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response_point.xml",
        "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml.evil",
    ],
)
def test_other_templates_are_refused_by_name(address: str) -> None:
    name = "choice_single_v3p0.xml"
    with pytest.raises(QtiError, match="is not supported"):
        parse_item(_with_template(name, address), name)


def test_odd_values_are_refused_not_crashed() -> None:
    deep = b'<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="d">'
    deep += b"<div>" * 5000 + b"</div>" * 5000 + b"</assessmentItem>"
    with pytest.raises(QtiError, match="nested deeper"):
        parse_item(deep, "deep.xml")
    text = (FIXTURES / "text_entry_float_v2p1.xml").read_text(encoding="utf-8")
    for huge in ("9" * 30, "1E+400", "0.0000001"):
        odd = text.replace("<value>4.5</value>", f"<value>{huge}</value>").encode()
        with pytest.raises(QtiError, match="does not fit"):
            parse_item(odd, "huge.xml")
    long_id = text.replace('identifier="', 'identifier="' + "x" * 300, 1).encode()
    with pytest.raises(QtiError, match="identifier longer than"):
        parse_item(long_id, "long.xml")


def _with_feedback_and_hint() -> bytes:
    text = (FIXTURES / "choice_single_v3p0.xml").read_text(encoding="utf-8")
    text = text.replace(
        '<qti-simple-choice identifier="C">2:5</qti-simple-choice>',
        '<qti-simple-choice identifier="C">2:5 <qti-feedback-inline outcome-identifier="FB" '
        'identifier="C" show-hide="show">Yes</qti-feedback-inline> of all</qti-simple-choice>',
    )
    text = text.replace(
        "  </qti-item-body>",
        '<qti-info-control title="Hint">Count  every\n marble.</qti-info-control></qti-item-body>',
    )
    return text.replace(
        "</qti-assessment-item>",
        '<qti-modal-feedback outcome-identifier="FB" identifier="C" show-hide="show">Well done'
        '</qti-modal-feedback><qti-modal-feedback outcome-identifier="FB" identifier="DONE" '
        'show-hide="show">Finished</qti-modal-feedback></qti-assessment-item>',
    ).encode()


def test_lenient_reading_drops_feedback_with_a_note_and_strict_refuses_it() -> None:
    item = parse_item(_with_feedback_and_hint(), "fb.xml", lenient=True)
    assert item.notes == ("1 modalFeedback dropped (feedback is not imported)",)
    assert item.draft.choices[2].text == "2:5  of all"  # the text after the feedback stays
    assert item.draft.hints == ("Count every marble.",)  # infoControl becomes a hint
    assert "Hint" not in item.draft.stem and "Well done" not in item.draft.stem
    with pytest.raises(QtiError, match="modalFeedback is not supported"):
        parse_item(_with_feedback_and_hint(), "fb.xml")


def test_a_choice_keeps_its_own_feedback_the_misconception() -> None:
    item = parse_item(_with_feedback_and_hint(), "fb.xml", lenient=True)
    feedback = {c.identifier: c.feedback for c in item.draft.choices}
    assert feedback == {"A": "", "B": "", "C": "Yes Well done"}
    text = (FIXTURES / "choice_single_v2p1.xml").read_text(encoding="utf-8")
    text = text.replace(
        '<simpleChoice identifier="A">45</simpleChoice>',
        '<simpleChoice identifier="A">45<feedbackInline outcomeIdentifier="FEEDBACK" '
        'identifier="A" showHide="show">Subtracted  instead of dividing</feedbackInline>'
        "</simpleChoice>",
    )
    strict = parse_item(text.encode(), "inline.xml")  # a choice's feedback is not refused
    assert strict.draft.choices[0].feedback == "Subtracted instead of dividing"
    assert strict.draft.choices[0].text == "45"


@pytest.mark.django_db
def test_import_reports_what_it_left_out(world: World, tmp_path: Path) -> None:
    path = tmp_path / "fb.xml"
    path.write_bytes(_with_feedback_and_hint())
    report = import_qti(path=path, school=world.school)
    assert report.created == 1 and report.skipped_items == []
    assert report.notes == [
        "fb.xml: item ratio-language-30: 1 modalFeedback dropped (feedback is not imported)",
    ]
    assert Item.objects.get().hints == ["Count every marble."]
    assert Item.objects.get().choices.get(identifier="C").feedback == "Yes Well done"
    with pytest.raises(QtiImportError, match="modalFeedback is not supported"):
        import_qti(path=path, school=world.school, strict=True)
