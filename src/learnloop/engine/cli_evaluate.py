"""`learnloop evaluate`: fit on training students, score predictions on test students.

Registered in learnloop.cli through COMMAND_MODULES; imports nothing from Django.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from learnloop.engine.fitting.evaluate import EvaluationResult, evaluate
from learnloop.engine.fitting.readers import FORMATS, LogFormatError, read_log
from learnloop.engine.tracing import DEFAULT_MODEL, MODELS, make_model


def add_parser(subparsers: Any) -> None:
    """Register the `evaluate` subcommand."""
    parser = subparsers.add_parser(
        "evaluate",
        help="fit knowledge-tracing models on one log and score them on another",
        description=(
            "Fit on the training students, predict every test student's answers from "
            "their own past only, and print AUC, RMSE, accuracy, log loss and timings."
        ),
    )
    parser.add_argument("--train", required=True, help="training response log")
    parser.add_argument("--test", required=True, help="test response log")
    parser.add_argument("--format", required=True, choices=FORMATS, dest="log_format")
    parser.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        choices=[*MODELS, "all"],
        help=f"model to evaluate (default: {DEFAULT_MODEL})",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per model")
    parser.set_defaults(handler=handle_evaluate)


def handle_evaluate(args: argparse.Namespace) -> int:
    try:
        train = read_log(args.train, args.log_format)
        test = read_log(args.test, args.log_format)
    except (LogFormatError, OSError) as error:
        print(f"learnloop evaluate: {error}", file=sys.stderr)
        return 2
    names = list(MODELS) if args.model == "all" else [args.model]
    if not args.json:
        print(_header())
    for name in names:
        result = evaluate(make_model(name), train, test)
        print(json.dumps(result.to_dict()) if args.json else _row(name, result), flush=True)
    return 0


def _header() -> str:
    columns = ("model", "AUC", "RMSE", "accuracy", "log loss", "fit s", "predict s", "update us")
    return "{:<12} {:>7} {:>7} {:>9} {:>9} {:>8} {:>10} {:>10}".format(*columns)


def _row(name: str, r: EvaluationResult) -> str:
    return (
        f"{name:<12} {r.auc:>7.4f} {r.rmse:>7.4f} {r.accuracy:>9.4f} {r.log_loss:>9.4f} "
        f"{r.fit_seconds:>8.2f} {r.predict_seconds:>10.3f} {r.update_microseconds:>10.1f}"
    )
