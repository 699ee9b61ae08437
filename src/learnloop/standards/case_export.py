"""Write a framework back out as a CASE 1.1 CFPackage.

The export is the import's inverse: importing an export changes nothing. Items come in
tree order (siblings by sequence), and each item's parent association comes before any
other isChildOf association of that item, so the importer rebuilds the same tree.
Records imported without `lastChangeDateTime` are exported without it (inventing a
timestamp would break the round trip); strict validation reports them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from learnloop.standards.models import Framework, Standard, StandardAssociation
from learnloop.standards.selectors import framework_tree, walk

TARGET_TYPE_KEYS = ("originTargetType", "destinationTargetType")


def framework_as_case_package(framework: Framework) -> dict[str, Any]:
    """The framework, its standards and associations as a JSON-ready CASE 1.1 package."""
    standards = [node.standard for node in walk(framework_tree(framework))]
    associations = StandardAssociation.objects.filter(framework=framework).order_by("pk")
    parents = {standard.pk: standard.parent_id for standard in standards}
    package: dict[str, Any] = {
        "CFDocument": _document(framework),
        "CFItems": [_item(standard) for standard in standards],
        "CFAssociations": [
            _association(association)
            for association in sorted(associations, key=lambda a: _parent_edge_first(a, parents))
        ],
    }
    definitions = framework.extra.get("CFDefinitions")
    if definitions is not None:
        package["CFDefinitions"] = definitions
    return package


def _parent_edge_first(association: StandardAssociation, parents: dict[int, int | None]) -> int:
    if association.association_type != "isChildOf" or association.origin_id is None:
        return 1
    return 0 if association.destination_id == parents.get(association.origin_id) else 1


def _document(framework: Framework) -> dict[str, Any]:
    extra = {key: value for key, value in framework.extra.items() if key != "CFDefinitions"}
    return _compact(
        {
            "identifier": framework.identifier,
            "uri": framework.uri,
            "creator": framework.creator,
            "title": framework.title,
            "lastChangeDateTime": _timestamp(framework.last_change_at),
            "officialSourceURL": framework.official_source_url,
            "publisher": framework.publisher,
            "description": framework.description,
            "language": framework.language,
            "version": framework.version,
            "adoptionStatus": framework.adoption_status,
            **extra,
        },
        keep=("creator",),
    )


def _item(standard: Standard) -> dict[str, Any]:
    return _compact(
        {
            "identifier": standard.identifier,
            "uri": standard.uri,
            "fullStatement": standard.full_statement,
            "humanCodingScheme": standard.code,
            "abbreviatedStatement": standard.abbreviated_statement,
            "CFItemType": standard.item_type,
            "educationLevel": standard.education_levels,
            "listEnumeration": standard.list_enumeration,
            "notes": standard.notes,
            "language": standard.language,
            "lastChangeDateTime": _timestamp(standard.last_change_at),
            **standard.extra,
        },
        keep=("fullStatement",),
    )


def _association(association: StandardAssociation) -> dict[str, Any]:
    extra = {k: v for k, v in association.extra.items() if k not in TARGET_TYPE_KEYS}
    record = {
        "identifier": association.identifier,
        "uri": association.uri,
        "associationType": association.association_type,
        "sequenceNumber": association.sequence_number,
        "originNodeURI": _node(
            association.origin_identifier,
            association.origin_uri,
            association.origin_title,
            association.extra.get("originTargetType"),
        ),
        "destinationNodeURI": _node(
            association.destination_identifier,
            association.destination_uri,
            association.destination_title,
            association.extra.get("destinationTargetType"),
        ),
        "lastChangeDateTime": _timestamp(association.last_change_at),
        **extra,
    }
    return _compact(record)


def _node(identifier: str, uri: str, title: str, target_type: str | None) -> dict[str, str]:
    node = {"title": title, "identifier": identifier, "uri": uri}
    if target_type:
        node["targetType"] = target_type
    return node


def _timestamp(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.UTC).isoformat() if moment else None


def _compact(record: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """Drop empty optional fields, as CASE writers do; `keep` names required ones."""
    return {
        key: value
        for key, value in record.items()
        if key in keep or value not in (None, "", [], {})
    }
