"""In-product guidance for teachers: one sentence per teacher view (what it shows, what
to do next) and the short how-to pages behind the "How to" links.

The how-tos are plain-language markdown files in `teaching/help/` (the same files are
readable in docs/teachers/; a test keeps the two identical), rendered at
/help/teachers/<page>/. Only a small subset of markdown is read, enough for a how-to:
`#`/`##`/`###` headings, paragraphs, `-` and `1.` lists, **bold**, `code` and
[links](...). Everything is escaped first, so a how-to cannot inject markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

HELP_DIR = Path(__file__).parent / "help"
PAGE_NAME = re.compile(r"[a-z][a-z-]{0,40}")


@dataclass(frozen=True)
class Guide:
    """What a teacher view shows and what to do next, and the how-to that says more."""

    text: str
    page: str


GUIDES: dict[str, Guide] = {
    "dashboard": Guide(
        _(
            "Where each student stands on each standard, and the moves worth making "
            "tomorrow: start with the suggested moves, then the heatmap's weakest columns."
        ),
        "dashboard",
    ),
    "mistakes": Guide(
        _(
            "The wrong answers your students gave most often, grouped when they mean the "
            "same thing: pick one, then teach the mini-lesson, pull the group or discuss it."
        ),
        "mistakes",
    ),
    "profile": Guide(
        _(
            "One student's whole picture: their level on each standard, recent answers and "
            "what they told you; look for a gap between their own rating and their level."
        ),
        "student-profile",
    ),
    "groups": Guide(
        _(
            "Flexible groups from mastery: tick the standards of a unit, look at the "
            "suggestion, move anyone you know better, then save and assign work."
        ),
        "groups",
    ),
    "assignments": Guide(
        _(
            "What you gave the class, a group or students, and who is done: follow up "
            "with whoever is missing before the due date."
        ),
        "assignments",
    ),
    "gradebook": Guide(
        _(
            "One level per student and standard, from all the evidence: open a cell to see "
            "why, then override it or record what you saw in class."
        ),
        "gradebook",
    ),
    "goals": Guide(
        _(
            "What your students asked of you: answer help requests first, then co-sign "
            "goals and read their reflections before you meet them."
        ),
        "goals-inbox",
    ),
    "conferences": Guide(
        _(
            "Your meetings with one student at a time: schedule the requests, read the "
            "agenda before you meet, and agree on actions you both follow up."
        ),
        "conferences",
    ),
    "content": Guide(
        _(
            "The activities and questions your students can do: find or make one, align it "
            "to standards and publish it, then assign it."
        ),
        "content",
    ),
}


@dataclass(frozen=True)
class HelpPage:
    slug: str
    title: str
    body: SafeString


def help_pages() -> list[str]:
    return sorted(path.stem for path in HELP_DIR.glob("*.md"))


def help_page(slug: str) -> HelpPage | None:
    """The rendered how-to named `slug`, or None when there is none."""
    if not PAGE_NAME.fullmatch(slug) or slug not in help_pages():
        return None
    return _rendered(slug)


@cache
def _rendered(slug: str) -> HelpPage:
    text = (HELP_DIR / f"{slug}.md").read_text(encoding="utf-8")
    title, body = render_markdown(text)
    return HelpPage(slug, title or slug, body)


def render_markdown(text: str) -> tuple[str, SafeString]:
    """The page's first `#` heading (as text) and the rest as HTML."""
    title, blocks = "", []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.rstrip() for line in block.splitlines() if line.strip()]
        heading = re.match(r"(#{1,3}) (.*)", lines[0])
        if heading and len(lines) == 1:
            level = len(heading.group(1))
            if level == 1 and not title:
                title = heading.group(2).strip()
                continue
            blocks.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif all(re.match(r"[-*] ", line) for line in lines):
            blocks.append(_list("ul", [line[2:] for line in lines]))
        elif all(re.match(r"\d+\. ", line) for line in lines):
            blocks.append(_list("ol", [line.split(". ", 1)[1] for line in lines]))
        else:
            blocks.append(f"<p>{_inline(' '.join(lines))}</p>")
    # every text was escaped by _inline before any tag was added
    return title, mark_safe("\n".join(blocks))


def _list(tag: str, items: list[str]) -> str:
    return f"<{tag}>" + "".join(f"<li>{_inline(item)}</li>" for item in items) + f"</{tag}>"


def _inline(text: str) -> str:
    escaped = html.escape(text.strip(), quote=True)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
    escaped = re.sub(r"`(.+?)`", r"<code>\1</code>", escaped)
    return re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", _link, escaped)


def _link(match: re.Match[str]) -> str:
    label, target = match.group(1), match.group(2)
    if target.endswith(".md") and "/" not in target:
        target = f"../{target.removesuffix('.md')}/"  # a link to a sibling how-to
    elif not target.startswith(("/", "../", "#", "https://")):
        return label
    return f'<a href="{target}">{label}</a>'
