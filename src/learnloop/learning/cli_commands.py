"""`learnloop fit`: refit the engine's parameters from the stored response log."""

from __future__ import annotations

import argparse
import os
import resource
import time

from learnloop.engine.tracing import DEFAULT_MODEL, MODELS


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "fit",
        help="Fit the engine on the stored responses and make the result the active model.",
    )
    parser.add_argument("--model", default=DEFAULT_MODEL, choices=list(MODELS))
    parser.add_argument("--limit", type=int, default=None, help="fit on at most N responses")
    parser.set_defaults(handler=run_fit)


def run_fit(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learnloop.config.settings.dev")
    import django

    django.setup()
    from learnloop.learning.fitting import fit_engine_model

    started = time.perf_counter()
    try:
        result = fit_engine_model(model_name=args.model, limit=args.limit)
    except ValueError as error:
        print(f"fit: {error}")
        return 1
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"fitted {result.engine_model.name} on {result.responses:,} responses "
        f"({result.log_rows:,} log rows) in {time.perf_counter() - started:.1f} s, "
        f"peak RSS {peak_mib:.0f} MiB; active EngineModel {result.engine_model.pk}",
        flush=True,
    )
    return 0
