"""``wellbeing schema``: a JSON Schema of the record models, for tools in other languages."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..model.records import RECORD_MODELS
from ..model.schema import json_schema
from ._context import Context
from ._output import add_output_option, write_output

ORDER = 90


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print a JSON Schema of the records the library reads and writes",
        description=(
            "Print a JSON Schema (draft 2020-12) of the record models, so that tools written in "
            "other languages can produce data the library accepts. Name one model to print only "
            "its schema."
        ),
    )
    parser.add_argument(
        "model",
        nargs="?",
        choices=sorted(RECORD_MODELS),
        help="one model (default: all of them)",
    )
    add_output_option(parser, "schema")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    models = [RECORD_MODELS[args.model]] if args.model else list(RECORD_MODELS.values())
    text = json.dumps(json_schema(models), indent=2) + "\n"
    if write_output(ctx, args.output, text, what="schema"):
        print(f"Wrote the schema to {args.output}", file=ctx.out)
    return 0
