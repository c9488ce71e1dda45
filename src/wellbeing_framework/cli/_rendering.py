"""``wellbeing render`` and ``wellbeing show``: a pack as a handbook, or a look at one element."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import WellbeingError
from ._context import Context
from ._output import add_output_option, output_format, write_output

if TYPE_CHECKING:
    from ..model.content import Pack
    from ..packs.catalog import Catalog

_FORMATS = ("md", "html")


def register(subparsers: Any) -> None:
    render = subparsers.add_parser(
        "render",
        help="write a pack as a handbook in Markdown or HTML",
        description=(
            "Write a whole pack as a handbook: its themes with their 'I' and 'We' statements, "
            "printable checklists with tick boxes, tools, reflective models and session types. "
            "The HTML is one self-contained file that prints well and reads on a phone; it is "
            "safe to make from a pack written by someone you do not know."
        ),
    )
    render.add_argument(
        "pack",
        metavar="PACK-ID|PATH",
        help="the id of a loaded pack, or the folder of a pack (one with a pack.toml)",
    )
    render.add_argument(
        "--format",
        choices=_FORMATS,
        help="md (Markdown) or html; default: from the output file's suffix, else md",
    )
    add_output_option(render, "handbook")
    render.set_defaults(run=run_render)

    show = subparsers.add_parser(
        "show",
        help="show a pack's overview, or one element, as text",
        description=(
            "Print a pack's summary, sources and elements with their ids, or one element in full "
            "(a theme, a checklist, a tool, a reflective model, a session type), as Markdown "
            "that reads as plain text."
        ),
    )
    show.add_argument(
        "ref",
        metavar="PACK-ID[:ELEMENT-ID]",
        help="a pack id, or pack-id:element-id for one element (an item's id shows its element)",
    )
    add_output_option(show, "text")
    show.set_defaults(run=run_show)


def _load(ref: str, ctx: Context) -> tuple[Pack, Catalog]:
    """The pack named by an id or a folder, and the catalog to resolve its references in."""
    path = Path(ref)
    catalog = ctx.catalog()
    if not (path.is_dir() or "/" in ref or "\\" in ref):
        return catalog.pack(ref), catalog
    if not path.is_dir():
        raise WellbeingError(f"{ref}: no such folder (expected a pack folder with a pack.toml)")
    return ctx.folder_pack(path, catalog), catalog


def _inputs(ref: str, ctx: Context) -> list[str]:
    """The files of the pack being rendered (its folder, or an installed pack's folder on disk),
    which the handbook must not replace."""
    from ..packs.reader import pack_files

    folder: object = Path(ref)
    if not Path(ref).is_dir():
        from ..packs.validate import find_pack_folder

        folder = find_pack_folder(ctx.host(), ref)
    if not isinstance(folder, Path):
        return []  # a pack from a zip or made in code: no file of it can be written over
    return [str(folder / relative) for relative, _ in pack_files(folder)[0]]


def run_render(args: argparse.Namespace, ctx: Context) -> int:
    from ..render.handbook import pack_to_html, pack_to_markdown

    pack, catalog = _load(args.pack, ctx)
    output: str = args.output
    fmt = output_format(args.format, output, _FORMATS, default="md")
    if fmt == "html":
        text = pack_to_html(pack, catalog=catalog)
    else:
        text = pack_to_markdown(pack, catalog=catalog)
    inputs = _inputs(args.pack, ctx) if output != "-" else []
    if not write_output(ctx, output, text, what="handbook", inputs=inputs):
        return 0
    name = "HTML" if fmt == "html" else "Markdown"
    print(f"Wrote the handbook of {pack.id} {pack.version} ({name}) to {output}", file=ctx.out)
    return 0


def run_show(args: argparse.Namespace, ctx: Context) -> int:
    from ..render.handbook import element_to_markdown, pack_overview_markdown

    catalog = ctx.catalog()
    ref: str = args.ref
    if ":" not in ref:
        text = pack_overview_markdown(catalog.pack(ref))
    else:
        found = catalog.find(ref)
        text = element_to_markdown(found.element, found.pack, catalog=catalog, ids=True)
        if found.item is not None:
            text = f"`{found.item.id}` is in this {found.element.kind.replace('-', ' ')}.\n\n{text}"
    if write_output(ctx, args.output, text, what="text"):
        print(f"Wrote {ref} to {args.output}", file=ctx.out)
    return 0
