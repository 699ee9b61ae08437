"""Read one 1EdTech QTI assessment item (2.1, 2.2 or 3.0) into an ItemDraft.

Supported: an item with exactly one interaction, either a choiceInteraction (single
when maxChoices is 1, multiple otherwise) or a textEntryInteraction (integer/float ->
numeric, string -> short text), scored by the standard match_correct or map_response
response-processing template, or by match_correct written out (`qti_processing`).
Anything else is refused by name with its file and line ("item q7:
extendedTextInteraction is not supported"), never dropped quietly.

QTI 3.0 spells elements and attributes in kebab case with a "qti-" prefix
(qti-choice-interaction, max-choices); they are translated to the 2.x names first, so
one reader serves every version. XML is parsed with defusedxml: no DTD entities, no
external references, no network. Item HTML is sanitized with nh3 by the services.
"""

from __future__ import annotations

import dataclasses
import html
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml.common import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError
from django.core.exceptions import ValidationError

from learnloop.content.drafts import ChoiceDraft, ItemDraft, validate_item
from learnloop.content.grading import parse_number
from learnloop.content.models import ItemKind
from learnloop.content.qti_lenient import drop_feedback, take_choice_feedback, take_hints
from learnloop.content.qti_processing import is_written_out_match_correct

NAMESPACES = {
    "http://www.imsglobal.org/xsd/imsqti_v2p1": "2.1",
    "http://www.imsglobal.org/xsd/imsqti_v2p2": "2.2",
    "http://www.imsglobal.org/xsd/imsqtiasi_v3p0": "3.0",
}
MATCH_CORRECT = "match_correct"
MAP_RESPONSE = "map_response"
# The response-processing templates under every address they were published at: the
# IMS Global and 1EdTech hosts (www., purl. or bare), the 2.x question paths
# (qti_v2p0/v2p1/v2p2, and qti_v3p0 as some 3.0 items write it), the 3.0 spec path, with
# or without ".xml"; Common Cartridge's CC2_ names score the same way.
TEMPLATE = re.compile(
    r"^https?://(?:www\.|purl\.)?(?:imsglobal|1edtech)\.org/"
    r"(?:question/qti_v(?:2p[012]|3p0)/rptemplates/|spec/qti/v3p0/rptemplates/)"
    r"(match_correct|map_response|CC2_match|CC2_map_response)(?:\.xml)?$"
)
TEMPLATE_NAMES = {
    "match_correct": MATCH_CORRECT,
    "CC2_match": MATCH_CORRECT,
    "map_response": MAP_RESPONSE,
    "CC2_map_response": MAP_RESPONSE,
}
MAX_DEPTH = 100
MAX_IDENTIFIER = 200  # source_identifier is "<scope>:<identifier>", at most 255
MAX_CHOICE_IDENTIFIER = 64
MAX_TITLE = 200
MAX_WHOLE_DIGITS, MAX_DECIMALS = 14, 6  # Item.numeric_answer: 20 digits, 6 after the point
SUPPORTED_INTERACTIONS = {"choiceInteraction", "textEntryInteraction"}
UNSUPPORTED_ELEMENTS = {
    "modalFeedback", "feedbackBlock", "feedbackInline", "templateDeclaration",
    "templateProcessing", "rubricBlock", "printedVariable", "endAttemptInteraction",
}  # fmt: skip
INLINE_INTERACTIONS = {"textEntryInteraction"}


class QtiError(ValueError):
    """A problem with one file, located by file name and line; `unsafe` for a hostile file."""

    def __init__(
        self, filename: str, line: int | None, message: str, *, unsafe: bool = False
    ) -> None:
        self.filename, self.line, self.message, self.unsafe = filename, line, message, unsafe
        where = f"{filename}:{line}" if line else filename
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class QtiItem:
    identifier: str
    version: str
    draft: ItemDraft
    notes: tuple[str, ...] = ()  # what the lenient reading left out, e.g. feedback


class _LineParser(DefusedXMLParser):
    """defusedxml's parser, remembering the line where each element starts."""

    def _start(self, *args: Any) -> Element:
        element = super()._start(*args)  # type: ignore[misc]
        element.sourceline = self.parser.CurrentLineNumber  # type: ignore[attr-defined]
        return element


def parse_xml(data: bytes, filename: str) -> Element:
    parser = _LineParser()
    try:
        parser.feed(data)
        return parser.close()
    except DefusedXmlException as error:
        raise QtiError(
            filename, None, f"refused unsafe XML ({type(error).__name__})", unsafe=True
        ) from error
    except ParseError as error:
        line = error.position[0] if error.position else None
        raise QtiError(filename, line, f"not well-formed XML: {error.msg}") from error
    except RecursionError:
        raise QtiError(filename, None, f"nested deeper than {MAX_DEPTH} elements") from None
    except LookupError as error:  # <?xml encoding="..."?> names no codec we know
        raise QtiError(filename, None, f"unknown character encoding: {error}") from None


def _camel(name: str) -> str:
    name = name.removeprefix("qti-")
    head, *rest = name.split("-")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def normalize(element: Element, namespace: str) -> None:
    """Rewrite QTI 3.0 names to 2.x names in place; mark foreign elements (e.g. MathML)."""
    for node in element.iter():
        node_namespace, local = _split(node.tag)
        node.foreign = node_namespace not in ("", namespace)  # type: ignore[attr-defined]
        node.tag = local if node.foreign else _camel(local)  # type: ignore[attr-defined]
        node.attrib = {_camel(_split(key)[1]): value for key, value in node.attrib.items()}


def parse_item(data: bytes, filename: str, *, lenient: bool = False) -> QtiItem:
    """One item file to a draft. Lenient: feedback is dropped (and noted), not refused."""
    root = parse_xml(data, filename)
    namespace, local = _split(root.tag)
    if _camel(local) != "assessmentItem":
        raise QtiError(filename, _line(root), f"not a QTI assessment item (root is <{local}>)")
    if namespace not in NAMESPACES:
        raise QtiError(filename, _line(root), f"unsupported QTI namespace {namespace!r}")
    _check_depth(root, filename)
    normalize(root, namespace)
    identifier = root.get("identifier", "").strip()
    if not identifier:
        raise QtiError(filename, _line(root), "assessmentItem has no identifier")
    if len(identifier) > MAX_IDENTIFIER:
        raise QtiError(filename, _line(root), f"identifier longer than {MAX_IDENTIFIER} characters")
    choice_feedback = take_choice_feedback(root)
    notes = drop_feedback(root) if lenient else []
    hints = take_hints(root)
    reader = _ItemReader(root, filename, identifier)
    draft = _with_choice_feedback(dataclasses.replace(reader.draft(), hints=hints), choice_feedback)
    try:
        validate_item(draft)
    except ValidationError as error:
        problems = "; ".join(
            f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()
        )
        raise QtiError(filename, _line(root), f"item {identifier}: {problems}") from error
    return QtiItem(
        identifier=identifier, version=NAMESPACES[namespace], draft=draft, notes=tuple(notes)
    )


def _with_choice_feedback(draft: ItemDraft, feedback: dict[str, str]) -> ItemDraft:
    if not feedback:
        return draft
    choices = tuple(
        dataclasses.replace(c, feedback=feedback.get(c.identifier, "")) for c in draft.choices
    )
    return dataclasses.replace(draft, choices=choices)


def _check_depth(root: Element, filename: str) -> None:
    """Refuse deep nesting before any recursive walk of the tree can overflow."""
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise QtiError(filename, _line(node), f"nested deeper than {MAX_DEPTH} elements")
        stack.extend((child, depth + 1) for child in node)


def _line(element: Element) -> int | None:
    return getattr(element, "sourceline", None)


class _ItemReader:
    def __init__(self, root: Element, filename: str, identifier: str) -> None:
        self.root, self.filename, self.identifier = root, filename, identifier

    def fail(self, element: Element, message: str) -> QtiError:
        return QtiError(self.filename, _line(element), f"item {self.identifier}: {message}")

    def draft(self) -> ItemDraft:
        self.check_supported()
        body = self.root.find("itemBody")
        if body is None:
            raise self.fail(self.root, "has no itemBody")
        interactions = [n for n in body.iter() if n.tag.endswith("Interaction")]
        for node in interactions:
            if node.tag not in SUPPORTED_INTERACTIONS:
                raise self.fail(node, f"{node.tag} is not supported")
        if len(interactions) != 1:
            names = ", ".join(n.tag for n in interactions) or "none"
            raise self.fail(body, f"needs exactly one interaction (found {names})")
        interaction = interactions[0]
        template = self.template(interaction.get("responseIdentifier", ""))
        declaration = self.declaration(interaction)
        stem = self.stem(body, interaction)
        title = self.root.get("title", "").strip()
        if len(title) > MAX_TITLE:
            raise self.fail(self.root, f"title longer than {MAX_TITLE} characters")
        if interaction.tag == "choiceInteraction":
            return self.choice_draft(interaction, declaration, template, stem, title)
        return self.text_entry_draft(interaction, declaration, template, stem, title)

    def check_supported(self) -> None:
        if self.root.get("adaptive", "false").strip().lower() == "true":
            raise self.fail(self.root, "adaptive items are not supported")
        for node in self.root.iter():
            if node.tag in UNSUPPORTED_ELEMENTS:
                raise self.fail(node, f"{node.tag} is not supported")
            if getattr(node, "foreign", False):
                raise self.fail(node, f"{node.tag} (from another XML namespace) is not supported")
            if node.tag in ("img", "object") and not _is_web_url(
                node.get("src") or node.get("data")
            ):
                raise self.fail(
                    node,
                    f"{node.tag} with a packaged file is not supported "
                    "(media files are not imported)",
                )

    def template(self, response: str) -> str:
        processing = self.root.find("responseProcessing")
        if processing is None:
            raise self.fail(self.root, "has no responseProcessing (items must be scored)")
        uri = processing.get("template", "").strip()
        if not uri and is_written_out_match_correct(self.root, processing, response):
            return MATCH_CORRECT
        match = TEMPLATE.match(uri)
        if len(processing) or not match:
            shown = f"template {uri}" if uri else "custom responseProcessing"
            raise self.fail(
                processing, f"{shown} is not supported (use match_correct or map_response)"
            )
        return TEMPLATE_NAMES[match.group(1)]

    def declaration(self, interaction: Element) -> Element:
        wanted = interaction.get("responseIdentifier", "")
        for declaration in self.root.findall("responseDeclaration"):
            if declaration.get("identifier") == wanted:
                return declaration
        raise self.fail(interaction, f"no responseDeclaration for {wanted!r}")

    def stem(self, body: Element, interaction: Element) -> str:
        return _inner_html(body, interaction)

    def choice_draft(
        self, interaction: Element, declaration: Element, template: str, stem: str, title: str
    ) -> ItemDraft:
        single = interaction.get("maxChoices", "1").strip() == "1"
        correct = self.correct_values(declaration, template)
        choices = tuple(
            ChoiceDraft(
                text=_inner_html(choice, None),
                is_correct=choice.get("identifier", "") in correct,
                identifier=choice.get("identifier", ""),
            )
            for choice in interaction.findall("simpleChoice")
        )
        missing = [c for c in interaction.findall("simpleChoice") if not c.get("identifier")]
        if missing:
            raise self.fail(missing[0], "simpleChoice has no identifier")
        long = [c for c in choices if len(c.identifier) > MAX_CHOICE_IDENTIFIER]
        if long:
            raise self.fail(
                interaction, f"choice identifier longer than {MAX_CHOICE_IDENTIFIER} characters"
            )
        return ItemDraft(
            kind=ItemKind.SINGLE_CHOICE if single else ItemKind.MULTIPLE_CHOICE,
            title=title,
            stem=stem,
            choices=choices,
            partial_credit=(not single) and template == MAP_RESPONSE,
        )

    def correct_values(self, declaration: Element, template: str) -> list[str]:
        """Values in correctResponse, plus, for map_response, keys with a positive value."""
        values = [v.text.strip() for v in declaration.iterfind("correctResponse/value") if v.text]
        if template == MAP_RESPONSE:
            for entry in declaration.iterfind("mapping/mapEntry"):
                if _positive(entry.get("mappedValue")) and entry.get("mapKey") is not None:
                    values.append(entry.get("mapKey", "").strip())
        if not values:
            raise self.fail(declaration, "has no correct response")
        return values

    def text_entry_draft(
        self, interaction: Element, declaration: Element, template: str, stem: str, title: str
    ) -> ItemDraft:
        base_type = declaration.get("baseType", "")
        values = self.correct_values(declaration, template)
        if base_type in ("integer", "float"):
            return ItemDraft(
                kind=ItemKind.NUMERIC,
                title=title,
                stem=stem,
                numeric_answer=self.number(declaration, values),
            )
        if base_type != "string":
            raise self.fail(
                declaration, f"textEntryInteraction with baseType {base_type!r} is not supported"
            )
        entries = declaration.findall("mapping/mapEntry") if template == MAP_RESPONSE else []
        case_sensitive = template == MATCH_CORRECT or any(
            e.get("caseSensitive", "true").strip().lower() != "false"
            for e in entries
            if _positive(e.get("mappedValue"))
        )
        return ItemDraft(
            kind=ItemKind.SHORT_TEXT,
            title=title,
            stem=stem,
            accepted_answers=tuple(dict.fromkeys(values)),
            case_sensitive=case_sensitive,
        )

    def number(self, declaration: Element, values: list[str]) -> Decimal:
        numbers = {parse_number(value) for value in values}
        if None in numbers:
            raise self.fail(declaration, f"correct response {values!r} is not a number")
        if len(numbers) != 1:
            raise self.fail(
                declaration,
                "textEntryInteraction with several different numeric answers is not supported",
            )
        try:
            answer = Decimal(values[0].strip())
        except InvalidOperation as error:
            raise self.fail(
                declaration, f"correct response {values[0]!r} is not a decimal"
            ) from error
        exponent = answer.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        too_big = not answer.is_finite() or abs(answer) >= 10**MAX_WHOLE_DIGITS
        if too_big or decimals > MAX_DECIMALS:
            raise self.fail(
                declaration,
                f"correct response {values[0][:40]!r} does not fit (at most {MAX_WHOLE_DIGITS} "
                f"digits before the point and {MAX_DECIMALS} after)",
            )
        return answer


def _positive(value: str | None) -> bool:
    try:
        return value is not None and float(value) > 0
    except ValueError:
        return False


def _is_web_url(value: str | None) -> bool:
    return bool(value) and value.strip().lower().startswith(("http://", "https://"))  # type: ignore[union-attr]


def _inner_html(element: Element, interaction: Element | None) -> str:
    """The element's content as HTML; the interaction becomes its prompt or a blank."""
    parts = [html.escape(element.text or "", quote=False)]
    for child in element:
        parts.append(_outer_html(child, interaction))
        parts.append(html.escape(child.tail or "", quote=False))
    return "".join(parts).strip()


def _outer_html(element: Element, interaction: Element | None) -> str:
    if element is interaction:
        if element.tag in INLINE_INTERACTIONS:
            return "<strong>_____</strong>"
        prompt = element.find("prompt")
        return f"<p>{_inner_html(prompt, None)}</p>" if prompt is not None else ""
    if element.tag == "prompt":
        return f"<p>{_inner_html(element, interaction)}</p>"
    attributes = "".join(
        f' {name}="{html.escape(value)}"' for name, value in element.attrib.items()
    )
    return f"<{element.tag}{attributes}>{_inner_html(element, interaction)}</{element.tag}>"
