"""Spanish is complete on every page (issue 22).

The messages of each template are read with Django's own template parser and looked up
in the compiled Spanish catalogue (msgfmt leaves out empty and fuzzy entries, so a gap
there is a gap here). The pages a student or a family reads are listed below; every
other template is a teacher's or a school admin's page and is held to the same line.
The catalogue itself has no empty or fuzzy entry either, which covers the messages
that Python and JavaScript put on those pages (form labels, errors, notices).
"""

from __future__ import annotations

import ast
import gettext
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.template import engines
from django.templatetags.i18n import BlockTranslateNode, TranslateNode

PACKAGE = Path(__file__).resolve().parents[2]
SPANISH = PACKAGE / "locale/es/LC_MESSAGES/django.mo"
SPANISH_SOURCES = sorted(PACKAGE.glob("locale/es/LC_MESSAGES/*.po"))
TEMPLATE_FILES = ("*/templates/**/*.html", "*/templates/**/*.txt")
FILTER_TEXT = re.compile(r'_\("([^"]+)"\)')

# The pages a student or a family reads, and the pieces they are built from.
STUDENT_AND_FAMILY_TEMPLATES = (
    "web/templates/base.html",
    "web/templates/web/home_guardian.html",
    "web/templates/web/error.html",
    "web/templates/web/_form.html",
    "web/templates/registration/*.html",
    "web/templates/overrides/registration/*.html",
    "learning/templates/learning/*.html",
    "goals/templates/goals/_goal_meta.html",
    "goals/templates/goals/_help_button.html",
    "goals/templates/goals/_progress.html",
    "goals/templates/goals/_self_assessment_card.html",
    "goals/templates/goals/_student_goals_card.html",
    "goals/templates/goals/cards/*.html",
    "goals/templates/goals/home.html",
    "goals/templates/goals/new.html",
    "goals/templates/goals/rate.html",
    "goals/templates/goals/reflect.html",
    "portfolio/templates/portfolio/_artifact_body.html",
    "portfolio/templates/portfolio/_capture.html",
    "portfolio/templates/portfolio/_artifact_card.html",
    "portfolio/templates/portfolio/_fields.html",
    "portfolio/templates/portfolio/artifact_detail.html",
    "portfolio/templates/portfolio/artifact_form.html",
    "portfolio/templates/portfolio/my_portfolio.html",
    "conferences/templates/conferences/_action.html",
    "conferences/templates/conferences/_conference_card.html",
    "conferences/templates/conferences/_status.html",
    "conferences/templates/conferences/detail.html",
    "conferences/templates/conferences/request.html",
    "conferences/templates/conferences/student_home.html",
    "family/templates/family/*.html",
    "family/templates/family/email/*.html",
    "family/templates/family/email/*.txt",
    "placement/templates/placement/mine.html",
    "placement/templates/placement/take.html",
    "gradebook/templates/gradebook/_level.html",
    "content/templates/content/_item_body.html",
    "sso/templates/sso/_sign_in_buttons.html",
)


def student_and_family_templates() -> list[Path]:
    found = {path for pattern in STUDENT_AND_FAMILY_TEMPLATES for path in PACKAGE.glob(pattern)}
    return sorted(found)


def teacher_and_admin_templates() -> list[Path]:
    """Every other template of the package: the pages of teachers and school admins
    and the pieces they are built from (a new page lands here unless listed above)."""
    every = {path for pattern in TEMPLATE_FILES for path in PACKAGE.glob(pattern)}
    return sorted(every - set(student_and_family_templates()))


def messages_in(path: Path) -> set[str | tuple[str, str]]:
    """Each message of a template: a msgid, or (singular, plural) for a counted one, and
    the text given to filters (`default:_("not yet")`)."""
    source = path.read_text(encoding="utf-8")
    template = engines["django"].from_string(source).template
    # Django looks a literal up with its "%" doubled, as makemessages writes it.
    found: set[str | tuple[str, str]] = {
        text.replace("%", "%%") for text in FILTER_TEXT.findall(source)
    }
    for node in template.nodelist.get_nodes_by_type(TranslateNode):
        literal = node.filter_expression.var.literal
        if isinstance(literal, str) and node.message_context is None:
            found.add(literal.replace("%", "%%"))
    for node in template.nodelist.get_nodes_by_type(BlockTranslateNode):
        singular, _vars = node.render_token_list(node.singular)
        if node.plural and node.countervar:
            plural, _vars = node.render_token_list(node.plural)
            found.add((singular, plural))
        else:
            found.add(singular)
    return found


def spanish_catalogue() -> dict[object, str]:
    with SPANISH.open("rb") as compiled:
        return gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]


def missing_spanish(path: Path, catalogue: dict[object, str]) -> list[str | tuple[str, str]]:
    """The messages of the template at `path` that `catalogue` has no Spanish for."""
    missing = []
    for message in sorted(messages_in(path), key=str):
        key = (message[0], 0) if isinstance(message, tuple) else message
        if not catalogue.get(key):
            missing.append(message)
    return missing


def test_the_list_names_real_templates() -> None:
    assert len(student_and_family_templates()) > 40


def test_teacher_and_admin_pages_are_the_rest() -> None:
    teacher_and_admin = teacher_and_admin_templates()
    names = {str(path.relative_to(PACKAGE)) for path in teacher_and_admin}
    assert len(teacher_and_admin) > 80
    assert {
        "teaching/templates/teaching/dashboard.html",
        "gradebook/templates/gradebook/class_gradebook.html",
        "schools/templates/schools/office_people.html",
        "web/templates/web/home_admin.html",
    } <= names
    assert not names & {str(p.relative_to(PACKAGE)) for p in student_and_family_templates()}


@pytest.mark.parametrize(
    "path", student_and_family_templates(), ids=lambda path: str(path.relative_to(PACKAGE))
)
def test_spanish_has_every_message_of_the_page(path: Path) -> None:
    missing = missing_spanish(path, spanish_catalogue())
    assert not missing, f"{path}: no Spanish for {missing}"


@pytest.mark.parametrize(
    "path", teacher_and_admin_templates(), ids=lambda path: str(path.relative_to(PACKAGE))
)
def test_spanish_has_every_message_of_the_teacher_or_admin_page(path: Path) -> None:
    missing = missing_spanish(path, spanish_catalogue())
    assert not missing, f"{path}: no Spanish for {missing}"


def test_a_message_without_spanish_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "{% load i18n %}<h1>{% translate 'Sign in' %}</h1>"
        "<p>{% translate 'A heading nobody has translated' %}</p>"
        "{% blocktranslate count counter=n %}{{ counter }} student{% plural %}"
        "{{ counter }} students{% endblocktranslate %}"
        "{% blocktranslate count counter=n %}{{ counter }} unknown pupil{% plural %}"
        "{{ counter }} unknown pupils{% endblocktranslate %}"
    )
    assert missing_spanish(page, spanish_catalogue()) == [
        ("%(counter)s unknown pupil", "%(counter)s unknown pupils"),
        "A heading nobody has translated",
    ]


def po_entries(source: str) -> Iterator[tuple[dict[str, str], bool]]:
    """Each entry of a .po file (its header and obsolete entries left out): its fields
    (msgid, msgid_plural, msgstr or msgstr[n]) and whether it is fuzzy."""
    for entry in re.split(r"\n\s*\n", source):
        fields: dict[str, str] = {}
        key = ""
        for line in entry.splitlines():
            named = re.match(r"(msgid|msgid_plural|msgstr(?:\[\d+\])?|msgctxt) (\".*\")$", line)
            if named:
                key = named.group(1)
                fields[key] = ast.literal_eval(named.group(2))
            elif line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
        if fields.get("msgid"):
            yield fields, bool(re.search(r"^#,.*\bfuzzy\b", entry, re.MULTILINE))


def untranslated_entries(source: str) -> list[str]:
    """The msgids of a .po file's entries that have an empty msgstr or are fuzzy."""
    found = []
    for fields, fuzzy in po_entries(source):
        translations = [value for name, value in fields.items() if name.startswith("msgstr")]
        if fuzzy or not translations or not all(translations):
            found.append(fields["msgid"])
    return found


def test_untranslated_entries_finds_empty_and_fuzzy_ones() -> None:
    source = (
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n\n'
        'msgid "Save"\nmsgstr "Guardar"\n\n'
        'msgid ""\n"Groups"\nmsgstr ""\n\n'
        '#, fuzzy, python-format\nmsgid "%(n)s left"\nmsgstr "%(n)s"\n\n'
        'msgid "1 bar"\nmsgid_plural "%(n)s bars"\nmsgstr[0] "1 barra"\nmsgstr[1] ""\n'
    )
    assert untranslated_entries(source) == ["Groups", "%(n)s left", "1 bar"]


@pytest.mark.parametrize("path", SPANISH_SOURCES, ids=lambda path: path.name)
def test_the_spanish_catalogue_has_no_gaps(path: Path) -> None:
    gaps = untranslated_entries(path.read_text(encoding="utf-8"))
    assert not gaps, f"{path.name}: {len(gaps)} messages without Spanish, such as {gaps[:5]}"


@pytest.mark.parametrize("path", SPANISH_SOURCES, ids=lambda path: path.name)
def test_the_compiled_catalogue_matches_its_source(path: Path) -> None:
    """The committed .mo is what `make compilemessages` makes of the .po beside it."""
    with path.with_suffix(".mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
    stale = []
    for fields, _fuzzy in po_entries(path.read_text(encoding="utf-8")):
        if "msgctxt" in fields:
            continue
        if "msgid_plural" in fields:
            pairs = [((fields["msgid"], n), fields[f"msgstr[{n}]"]) for n in (0, 1)]
        else:
            pairs = [(fields["msgid"], fields["msgstr"])]
        stale += [key for key, text in pairs if text and catalogue.get(key) != text]
    assert not stale, f"{path.name} changed since it was compiled: {stale[:5]}"
