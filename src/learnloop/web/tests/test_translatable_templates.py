"""Every word a person reads in a template is marked for translation (issue 22).

Text in a template must sit inside `{% translate %}` or `{% blocktranslate %}` (with
`count` for plurals), so that the catalogue can carry it into every language; the
scanner is template_scan.py. Its allow-list holds only names that read the same in
every language.
"""

from __future__ import annotations

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
