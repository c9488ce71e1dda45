"""``wellbeing schema``: a JSON Schema of the record models, the JSON report and the pack
export, for tools in other languages."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from ..model.records import LISTED_MODELS, RECORD_MODELS
from ..model.schema import json_schema
from ._context import Context
from ._output import add_output_option, write_output


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print a JSON Schema of the records the library reads and writes",
        description=(
            "Print a JSON Schema (draft 2020-12) of the record models, so that tools written in "
            "other languages can produce data the library accepts: a record valid against it is "
            "read by the library, and the reverse, except for rules JSON Schema cannot state "
            "(each is named in its field's description). Name one model to print only its "
            "schema; 'report' prints the schema of 'wellbeing report --format json', "
            "'pack-export' that of 'wellbeing export PACK'. A validator must assert formats "
            "(ajv needs ajv-formats); the patterns say as much on their own."
        ),
    )
    parser.add_argument(
        "model",
        nargs="?",
        choices=[*sorted(RECORD_MODELS), *_OUTPUTS],
        help="one model (default: all the records)",
    )
    add_output_option(parser, "schema")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.model in _OUTPUTS:
        schema = _OUTPUTS[args.model]()
    else:
        models = [RECORD_MODELS[args.model]] if args.model else list(RECORD_MODELS.values())
        schema = json_schema(models, listed=LISTED_MODELS)
    text = json.dumps(schema, indent=2) + "\n"
    if write_output(ctx, args.output, text, what="schema"):
        print(f"Wrote the schema to {args.output}", file=ctx.out)
    return 0


def _report_schema() -> dict[str, Any]:
    from ..render._report_schema import report_schema

    return report_schema()


def _export_schema() -> dict[str, Any]:
    from ..packs._export import export_schema

    return export_schema()


#: The outputs of other commands, described for the tools that read them.
_OUTPUTS: dict[str, Callable[[], dict[str, Any]]] = {
    "report": _report_schema,
    "pack-export": _export_schema,
}
