"""``wellbeing export``: a pack as JSON, for tools in other languages."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ._context import Context
from ._output import add_output_option, write_output


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write a pack as JSON: its ids, wording and scale values",
        description=(
            "Write a loaded pack as JSON, with every scale its checklists use, so that a survey "
            "tool or a web form in another language can name item ids and answer values "
            "correctly. 'wellbeing schema pack-export' prints the shape."
        ),
    )
    parser.add_argument("pack", metavar="PACK-ID", help="the id of a loaded pack")
    parser.add_argument(
        "--format", choices=("json",), default="json", help="json (the only format, for now)"
    )
    add_output_option(parser, "export")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from ..packs._export import export_pack

    data = export_pack(ctx.catalog(), args.pack)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if write_output(ctx, args.output, text, what="pack export"):
        print(f"Wrote {args.pack} {data['pack']['version']} as JSON to {args.output}", file=ctx.out)
    return 0
