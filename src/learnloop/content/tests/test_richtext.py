"""Rich text: what the sanitizer keeps, and how a stem reads as plain words."""

from __future__ import annotations

from django.template import Context, Template

from learnloop.content.richtext import plain_text, sanitize_html


def test_plain_text_separates_blocks_and_line_breaks() -> None:
    stem = "<p>What is 3/4?</p><p>Use a <b>ratio</b> table.</p><ul><li>a</li><li>b</li></ul>x<br>y"
    assert plain_text(stem) == "What is 3/4? Use a ratio table. a b x y"


def test_plain_text_keeps_inline_words_together_and_unescapes() -> None:
    assert plain_text("un<em>believ</em>able &amp; <code>x&lt;2</code>") == "unbelievable & x<2"


def test_plain_text_of_nothing_is_empty() -> None:
    assert plain_text("") == ""


def test_the_plaintext_filter_escapes_what_it_returns() -> None:
    template = Template("{% load richtext %}{{ stem|plaintext }}")
    rendered = template.render(Context({"stem": "<p>1 &lt; 2</p><p>two</p>"}))
    assert rendered == "1 &lt; 2 two"


def test_sanitize_drops_scripts_and_handlers() -> None:
    cleaned = sanitize_html('<p onclick="x()">hi<script>alert(1)</script></p>')
    assert cleaned == "<p>hi</p>"
