"""OATutor's bkt-params onto the standards of one imported course."""

from __future__ import annotations

from collections.abc import Mapping

from learnloop.learning.priors import bkt_params_from_oatutor, set_skill_priors
from learnloop.standards.models import Standard


def set_bkt_priors(*, framework_id: int | None, bkt: Mapping[str, Mapping[str, float]]) -> int:
    """Record each skill's parameters on its standard and give them to the engine."""
    if framework_id is None or not bkt:
        return 0
    standards = list(Standard.objects.filter(framework_id=framework_id))
    priors = {}
    for standard in standards:
        fields = standard.extra.get("extensions", {}).get("oatutor", {})
        skill = fields.get("skill")
        if skill in bkt:
            params = bkt_params_from_oatutor(bkt[skill])
            fields["bkt"] = params.to_dict()
            priors[standard.pk] = params
    Standard.objects.bulk_update(standards, ["extra"], 2000)
    return set_skill_priors(priors=priors)
