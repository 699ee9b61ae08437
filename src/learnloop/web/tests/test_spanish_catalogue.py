"""Spanish is complete on every page a student or a family reads (issue 22).

The messages of those templates are read with Django's own template parser and looked
up in the compiled Spanish catalogue (msgfmt leaves out empty and fuzzy entries, so a
gap there is a gap here). Teacher and admin pages are translatable but may lag.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.template import engines
from django.templatetags.i18n import BlockTranslateNode, TranslateNode

PACKAGE = Path(__file__).resolve().parents[2]
SPANISH = PACKAGE / "locale/es/LC_MESSAGES/django.mo"
FILTER_TEXT = re.compile(r'_\("([^"]+)"\)')

# The pages a student or a family reads, and the pieces they are built from.
STUDENT_AND_FAMILY_TEMPLATES = (
    "web/templates/base.html",
    "web/templates/web/home_guardian.html",
    "web/templates/web/error.html",
    "web/templates/web/_form.html",
    "web/templates/registration/*.html",
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
    "placement/templates/placement/mine.html",
    "placement/templates/placement/take.html",
    "gradebook/templates/gradebook/_level.html",
    "content/templates/content/_item_body.html",
    "sso/templates/sso/_sign_in_buttons.html",
)


def student_and_family_templates() -> list[Path]:
    found = {path for pattern in STUDENT_AND_FAMILY_TEMPLATES for path in PACKAGE.glob(pattern)}
    return sorted(found)


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


def test_the_list_names_real_templates() -> None:
    assert len(student_and_family_templates()) > 40


@pytest.mark.parametrize(
    "path", student_and_family_templates(), ids=lambda path: str(path.relative_to(PACKAGE))
)
def test_spanish_has_every_message_of_the_page(path: Path) -> None:
    catalogue = spanish_catalogue()
    missing = []
    for message in sorted(messages_in(path), key=str):
        key = (message[0], 0) if isinstance(message, tuple) else message
        if not catalogue.get(key):
            missing.append(message)
    assert not missing, f"{path}: no Spanish for {missing}"
