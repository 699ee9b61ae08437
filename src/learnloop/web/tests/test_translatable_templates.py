"""Every word a person reads in a template is marked for translation (issue 22).

Text in a template must sit inside `{% translate %}` or `{% blocktranslate %}` (with
`count` for plurals), so that the catalogue can carry it into every language; the
scanner is template_scan.py. Its allow-list holds only names that read the same in
every language.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from learnloop.web.tests.template_scan import unmarked_in

PACKAGE = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(PACKAGE.glob("*/templates/**/*.html"))


def test_the_scanner_sees_every_template() -> None:
    assert len(TEMPLATES) > 100


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_every_readable_string_is_marked(path: Path) -> None:
    unmarked = unmarked_in(path)
    assert not unmarked, "\n".join(str(found) for found in unmarked)


def test_the_scanner_catches_text_attributes_and_plurals(tmp_path: Path) -> None:
    template = tmp_path / "page.html"
    template.write_text(
        "{% load i18n %}<h1>{% translate 'Goals' %}</h1>\n"
        '<p>Hello {{ name }}</p><img alt="A chart" src="x.png">\n'
        "{% blocktranslate count counter=n %}1 bar{% plural %}{{ counter }} bars"
        "{% endblocktranslate %}<script>const label = 'code';</script>"
        "<span>{{ value }} · LearnLoop &middot; 3</span>{# a note #}"
    )
    found = [(item.line, item.text) for item in unmarked_in(template)]
    assert found == [(2, "Hello"), (2, "A chart")]


# A sentence glued from pieces ("· on" <a>…</a> ". Keep going…") cannot be reordered by
# a language that puts its words elsewhere (Spanish, Arabic right to left): the piece is
# a connector word alone, or starts with punctuation that closes the sentence before it.
# Such a sentence goes into one `{% blocktranslate %}`, its markup inside.
CONNECTORS = {"on", "or", "and", "by", "for", "of", "in", "to", "at", "with", "from"}
TRANSLATE_TAG = re.compile(r"""{%\s*(?:translate|trans)\s+(["'])(.*?)\1""")


def glued_pieces(path: Path) -> list[str]:
    found = []
    for text in (m.group(2) for m in TRANSLATE_TAG.finditer(path.read_text(encoding="utf-8"))):
        # lower case only: "From" and "By" head table columns, "On" names a state
        if text.strip() in CONNECTORS or re.match(r"^[.,;:]\s*\w", text):
            found.append(text)
    return found


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_sentence_is_glued_from_pieces(path: Path) -> None:
    assert not glued_pieces(path)


def test_the_glue_check_catches_a_connector_and_a_closing_piece(tmp_path: Path) -> None:
    template = tmp_path / "page.html"
    template.write_text(
        "{% load i18n %}{% translate 'Asked' %} {% translate \"on\" %} <a>x</a>"
        '{% translate ". Keep going." %}{% translate "By" %}{% translate "…" %}'
    )
    assert glued_pieces(template) == ["on", ". Keep going."]
