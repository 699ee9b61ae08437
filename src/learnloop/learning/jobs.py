"""The nightly engine refit as a background job (`learnloop fit`'s logic, on the queue)."""

from __future__ import annotations

from django.conf import settings

from learnloop.jobs.registry import Periodic, daily_at, job


@job(max_attempts=3, backoff_seconds=300)
def refit_engine() -> dict[str, object]:
    """Refit the default model on the whole response log and make it the active one.

    Idempotent: a second run fits the same log again and stores an equal model. An
    empty log is not a failure (nothing to fit yet).
    """
    from learnloop.learning.fitting import fit_engine_model

    try:
        result = fit_engine_model()
    except ValueError as error:
        return {"skipped": str(error)}
    return {"engine_model": result.engine_model.pk, "responses": result.responses}


def nightly_jobs() -> list[Periodic]:
    hour = settings.LEARNLOOP_NIGHTLY_REFIT_HOUR
    return [Periodic(refit_engine, daily_at(hour))] if 0 <= hour <= 23 else []
