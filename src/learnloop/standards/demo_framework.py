"""The demo framework, written by LearnLoop as a CASE 1.1 CFPackage and imported like any other.

"LearnLoop Demo: Grade 6 Ratios and Proportional Relationships": the Grade 6 ratio
standards, the earlier-grade standards they build on and the Grade 7 standards they
lead to, 15 leaf standards in all, with `precedes` links (origin is a prerequisite of
destination) and an `exactMatchOf` link from each leaf to its Common Core identifier,
which lies outside the package. Statements are paraphrased from the Common Core State
Standards for Mathematics (c) 2010 NGA Center and CCSSO. Identifiers are uuid5 of a
fixed namespace, so they are the same on every machine and every run.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from learnloop.standards.models import Framework
from learnloop.standards.services import adopt_framework, import_case

if TYPE_CHECKING:
    from learnloop.demo.seed import DemoSchool

NAMESPACE = uuid.UUID("6f1c2a4e-8d3b-5a7f-9e21-4c0b7d5e3a19")
TITLE = "LearnLoop Demo: Grade 6 Ratios and Proportional Relationships"
LAST_CHANGE = "2026-08-01T00:00:00+00:00"
CCSS_URI = "http://corestandards.org/Math/Content/{path}/"

# Groupings: (code, CFItemType, statement, grade). Nesting follows the dotted code prefix.
GROUPS: list[tuple[str, str, str, str]] = [
    ("6.RP", "Domain", "Ratios and Proportional Relationships", "06"),
    ("6.RP.A", "Cluster", "Understand ratio concepts and use ratio reasoning.", "06"),
    ("6.RP.A.3", "Standard", "Use ratio and rate reasoning to solve problems.", "06"),
    ("6.NS", "Domain", "The Number System", "06"),
    ("6.NS.A", "Cluster", "Divide fractions by fractions.", "06"),
    ("6.NS.B", "Cluster", "Compute fluently and find common factors and multiples.", "06"),
    ("6.EE", "Domain", "Expressions and Equations", "06"),
    ("6.EE.C", "Cluster", "Relate dependent and independent variables.", "06"),
    ("5.NF", "Domain", "Number and Operations—Fractions (Grade 5)", "05"),
    ("5.NF.B", "Cluster", "Use multiplication and division to understand fractions.", "05"),
    ("5.NBT", "Domain", "Number and Operations in Base Ten (Grade 5)", "05"),
    ("5.NBT.B", "Cluster", "Compute with whole numbers and decimals to hundredths.", "05"),
    ("4.NF", "Domain", "Number and Operations—Fractions (Grade 4)", "04"),
    ("4.NF.A", "Cluster", "Understand fraction equivalence and ordering.", "04"),
    ("7.RP", "Domain", "Ratios and Proportional Relationships (Grade 7)", "07"),
    ("7.RP.A", "Cluster", "Analyze proportional relationships to solve problems.", "07"),
    ("7.RP.A.2", "Standard", "Recognize and represent proportional relationships.", "07"),
]

# Leaf standards: (code, abbreviated statement, student-facing full statement).
LEAVES: list[tuple[str, str, str]] = [
    (
        "6.RP.A.1",
        "Ratio language",
        (
            "I can use ratio language to describe how two quantities are related, "
            'such as "for every 2 wings there is 1 beak" or "the ratio of wings to '
            'beaks is 2:1".'
        ),
    ),
    (
        "6.RP.A.2",
        "Unit rate",
        (
            "I can find the unit rate a/b for a ratio a:b (with b not zero) and use"
            ' rate language, such as "this recipe uses 3 cups of flour for every 4 '
            'cups of sugar, so there is 3/4 cup of flour for each cup of sugar".'
        ),
    ),
    (
        "6.RP.A.3.a",
        "Tables of equivalent ratios",
        (
            "I can make tables of equivalent ratios, find missing values in them, "
            "plot the pairs on a coordinate plane, and use tables to compare "
            "ratios."
        ),
    ),
    (
        "6.RP.A.3.b",
        "Unit rate problems",
        (
            "I can solve unit rate problems, including unit pricing and constant "
            'speed, such as "if 7 lawns take 28 hours, how many lawns can be mowed '
            'in 35 hours?"'
        ),
    ),
    (
        "6.RP.A.3.c",
        "Percent of a quantity",
        (
            "I can find a percent of a quantity as a rate per 100 (30% of a "
            "quantity is 30/100 times it) and find the whole when I know a part and"
            " the percent."
        ),
    ),
    (
        "6.RP.A.3.d",
        "Converting measurement units",
        (
            "I can use ratio reasoning to convert measurement units, and I can "
            "change units correctly when I multiply or divide quantities."
        ),
    ),
    (
        "6.NS.A.1",
        "Dividing fractions",
        (
            "I can divide a fraction by a fraction, explain it with a visual model "
            'or an equation, and solve word problems such as "how many 3/4-cup '
            'servings are in 2/3 of a cup of yogurt?"'
        ),
    ),
    (
        "6.NS.B.4",
        "GCF and LCM",
        (
            "I can find the greatest common factor of two whole numbers up to 100 "
            "and the least common multiple of two whole numbers up to 12, and use "
            "the distributive property to factor a sum, such as 36 + 8 = 4(9 + 2)."
        ),
    ),
    (
        "6.EE.C.9",
        "Dependent and independent variables",
        (
            "I can use variables for two quantities that change together, write an "
            "equation that shows how the dependent variable depends on the "
            "independent variable, and connect the equation to a graph and a table,"
            " such as d = 65t for distance and time."
        ),
    ),
    (
        "5.NF.B.3",
        "Fraction as division",
        (
            "I can explain a fraction a/b as a divided by b and solve word problems"
            " where dividing whole numbers gives a fraction or mixed number, such "
            "as sharing 3 pizzas equally among 4 people."
        ),
    ),
    (
        "5.NBT.B.7",
        "Decimal operations",
        (
            "I can add, subtract, multiply and divide decimals to hundredths using "
            "models, drawings and strategies based on place value, and explain my "
            "reasoning."
        ),
    ),
    (
        "4.NF.A.1",
        "Equivalent fractions",
        (
            "I can explain why a/b is equivalent to (n × a)/(n × b) using visual "
            "fraction models, and use this to recognize and make equivalent "
            "fractions."
        ),
    ),
    (
        "7.RP.A.1",
        "Unit rates with fractions",
        (
            "I can compute unit rates from ratios of fractions, including lengths, "
            "areas and other quantities in different units, such as walking 1/2 "
            "mile every 1/4 hour, which is 2 miles per hour."
        ),
    ),
    (
        "7.RP.A.2.a",
        "Deciding whether quantities are proportional",
        (
            "I can decide whether two quantities are proportional by testing for "
            "equivalent ratios in a table or by graphing them and checking for a "
            "straight line through the origin."
        ),
    ),
    (
        "7.RP.A.3",
        "Multistep ratio and percent problems",
        (
            "I can use proportional relationships to solve multistep ratio and "
            "percent problems, such as simple interest, tax, markups and markdowns,"
            " tips, commissions, fees, and percent increase, decrease and error."
        ),
    ),
]

PRECEDES: list[tuple[str, str]] = [
    ("5.NF.B.3", "6.RP.A.1"), ("4.NF.A.1", "6.RP.A.3.a"), ("6.RP.A.1", "6.RP.A.2"),
    ("6.RP.A.1", "6.RP.A.3.a"), ("6.NS.B.4", "6.RP.A.3.a"), ("6.RP.A.2", "6.RP.A.3.b"),
    ("5.NBT.B.7", "6.RP.A.3.b"), ("6.RP.A.3.a", "6.RP.A.3.c"), ("6.RP.A.3.b", "6.RP.A.3.d"),
    ("6.RP.A.3.a", "6.EE.C.9"), ("6.NS.A.1", "7.RP.A.1"), ("6.RP.A.2", "7.RP.A.1"),
    ("6.RP.A.3.a", "7.RP.A.2.a"), ("6.RP.A.3.c", "7.RP.A.3"),
]  # fmt: skip

LEAF_CODES = [code for code, _, _ in LEAVES]


def stable_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


DOCUMENT_ID = stable_id("document", TITLE)


def build_demo_package() -> dict[str, Any]:
    """The demo framework as a CASE 1.1 CFPackage (a JSON-ready dict)."""
    document = {
        "identifier": DOCUMENT_ID,
        "uri": _uri(DOCUMENT_ID),
        "caseVersion": "1.1",
        "creator": "LearnLoop",
        "publisher": "LearnLoop",
        "title": TITLE,
        "description": "A small framework for the LearnLoop demo: Grade 6 ratio standards, "
        "the earlier standards they build on and the Grade 7 standards they lead to. "
        "Statements paraphrased from the Common Core State Standards for Mathematics "
        "(c) 2010 NGA Center and CCSSO.",
        "subject": ["Mathematics"],
        "language": "en",
        "version": "1.0",
        "adoptionStatus": "Draft",
        "lastChangeDateTime": LAST_CHANGE,
    }
    items = [_item(code, kind, short, short, [grade]) for code, kind, short, grade in GROUPS]
    items += [_item(code, "Standard", short, full, [_grade(code)]) for code, short, full in LEAVES]
    codes = [item["humanCodingScheme"] for item in items]
    associations = _hierarchy(codes) + _precedes() + _exact_matches()
    return {"CFDocument": document, "CFItems": items, "CFAssociations": associations}


def _item(code: str, kind: str, short: str, full: str, grades: list[str]) -> dict[str, Any]:
    identifier = stable_id("item", code)
    return {
        "identifier": identifier,
        "uri": _uri(identifier),
        "humanCodingScheme": code,
        "abbreviatedStatement": short,
        "fullStatement": full,
        "CFItemType": kind,
        "educationLevel": grades,
        "language": "en",
        "lastChangeDateTime": LAST_CHANGE,
    }


def _grade(code: str) -> str:
    return code.split(".")[0].zfill(2)


def _parent_code(code: str, codes: list[str]) -> str | None:
    """The longest other code that is a dotted prefix of this one (None: top level)."""
    prefixes = [other for other in codes if code.startswith(other + ".")]
    return max(prefixes, key=len) if prefixes else None


def _hierarchy(codes: list[str]) -> list[dict[str, Any]]:
    ordered = sorted(codes, key=_display_order)
    siblings: dict[str | None, int] = {}
    links = []
    for code in ordered:
        parent = _parent_code(code, codes)
        siblings[parent] = siblings.get(parent, 0) + 1
        target = _node("item", parent) if parent else _document_node()
        links.append(_association("isChildOf", _node("item", code), target, siblings[parent]))
    return links


def _display_order(code: str) -> tuple[int, str]:
    """Grade 6 first, then the earlier grades it builds on, then Grade 7."""
    domain = ".".join(code.split(".")[:2])
    domains = ["6.RP", "6.NS", "6.EE", "5.NF", "5.NBT", "4.NF", "7.RP"]
    return (domains.index(domain), code)


def _precedes() -> list[dict[str, Any]]:
    return [
        _association("precedes", _node("item", origin), _node("item", destination))
        for origin, destination in PRECEDES
    ]


def _exact_matches() -> list[dict[str, Any]]:
    links = []
    for code in LEAF_CODES:
        ccss_uri = CCSS_URI.format(path=code.replace(".", "/"))
        target = {"title": f"CCSS.MATH.CONTENT.{code}", "identifier": ccss_uri, "uri": ccss_uri}
        links.append(_association("exactMatchOf", _node("item", code), target))
    return links


def _association(
    kind: str, origin: dict[str, str], destination: dict[str, str], sequence: int | None = None
) -> dict[str, Any]:
    identifier = stable_id("association", f"{origin['identifier']} {kind} {destination['uri']}")
    association: dict[str, Any] = {
        "identifier": identifier,
        "uri": _uri(identifier),
        "associationType": kind,
        "originNodeURI": origin,
        "destinationNodeURI": destination,
        "lastChangeDateTime": LAST_CHANGE,
    }
    if sequence is not None:
        association["sequenceNumber"] = sequence
    return association


def _node(kind: str, code: str) -> dict[str, str]:
    identifier = stable_id(kind, code)
    return {"title": code, "identifier": identifier, "uri": _uri(identifier)}


def _document_node() -> dict[str, str]:
    return {"title": TITLE, "identifier": DOCUMENT_ID, "uri": _uri(DOCUMENT_ID)}


def _uri(identifier: str) -> str:
    return f"urn:uuid:{identifier}"


def ensure_demo_framework() -> Framework:
    """Import (or bring up to date) the demo framework; a re-run changes nothing."""
    return import_case(data=build_demo_package(), source="LearnLoop demo framework").framework


def seed_demo_framework(demo: DemoSchool) -> None:
    """Demo seed step: the demo framework, followed by every demo classroom."""
    framework = ensure_demo_framework()
    for classroom in demo.classrooms:
        adopt_framework(classroom=classroom, framework=framework)
