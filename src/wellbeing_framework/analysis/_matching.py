"""Which column is which: headings matched to checklist items, to the columns a caller names, and
to direct identifiers.

A column answers a checklist item when its heading is the item's id, the item's wording (ignoring
case, spacing, punctuation, a leading question number, and a ``Question [item]`` grid heading or a
Qualtrics ``Question - item`` label), or when a mapping (a dict, or a CSV or TOML file of heading
-> item id) says so. A heading that is a statement of a checklist of the same pack that was not
imported is recognised as such, so it is not mistaken for a column that matched nothing.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from ..errors import DataImportError
from ..model._ids import split_ref
from .import_result import MatchedBy

if TYPE_CHECKING:
    from ..packs.catalog import Catalog
    from .responses import ItemInfo

__all__ = [
    "IDENTIFYING_HEADINGS",
    "find_column",
    "fold_heading",
    "heading_forms",
    "match_items",
    "other_statements",
    "read_mapping",
]

#: Headings (normalised) that are taken as direct identifiers and dropped at import, whatever
#: the layout; each layout adds its own metadata columns (see ``layouts``).
IDENTIFYING_HEADINGS = frozenset(
    {
        "name",
        "full name",
        "first name",
        "last name",
        "surname",
        "given name",
        "family name",
        "your name",
        "email",
        "email address",
        "e mail",
        "e mail address",
        "your email",
        "id",
        "response id",
        "responseid",
        "respondent id",
        "submission id",
        "user id",
        "username",
        "user name",
        "employee id",
        "employee number",
        "staff id",
        "staff number",
        "payroll number",
        "nhs number",
        "ip",
        "ip address",
        "ipaddress",
        "phone",
        "phone number",
        "telephone",
        "mobile",
        "address",
        "postcode",
        "date of birth",
        "timestamp",
        "start time",
        "completion time",
        "submitted at",
        "last modified time",
        "start date",
        "end date",
        "recorded date",
        "location latitude",
        "location longitude",
        "locationlatitude",
        "locationlongitude",
        "recipientemail",
        "recipientfirstname",
        "recipientlastname",
    }
)

_PUNCT = re.compile(r"[\W_]+", re.UNICODE)
_NUMBERING = re.compile(r"^\s*(?:q(?:uestion)?\s*)?\d+(?:\.\d+)*\s*[.):\-]?\s+", re.IGNORECASE)
_GRID = re.compile(r"\[([^\[\]]+)\]\s*$")


def fold_heading(text: str) -> str:
    """Text as the matcher compares it: Unicode-normalised, case-folded, punctuation and runs of
    space turned into single spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_PUNCT.sub(" ", folded).split())


def heading_forms(*texts: str) -> list[str]:
    """The ways a heading (and a second label) may name an item: as written, without a leading
    question number, the part in brackets of a grid question ``Question [Row]``, and the parts
    after a `` - `` of a Qualtrics label ``Question - Row``."""
    forms: list[str] = []
    for k, text in enumerate(texts):
        forms += [fold_heading(text), fold_heading(_NUMBERING.sub("", text))]
        grid = _GRID.search(text)
        if grid:
            forms.append(fold_heading(grid.group(1)))
        if k:
            forms += [fold_heading(part) for part in label_forms(text)]
    return [f for f in dict.fromkeys(forms) if f]


def label_forms(label: str) -> list[str]:
    """The statement parts of a Qualtrics matrix label ``Question - Statement``: every text
    after a `` - ``, longest first, since a statement may hold a dash of its own."""
    parts = label.split(" - ")
    return [" - ".join(parts[k:]) for k in range(1, len(parts))]


def find_column(
    names: Sequence[str], wanted: str, what: str, source: str, labels: Sequence[str] = ()
) -> int:
    """The index of the column headed ``wanted`` (exactly, then ignoring case and punctuation;
    the second labels too).

    Raises:
        DataImportError: No column has that heading; the message lists the closest ones.
    """
    import difflib

    for candidates in (names, labels):
        for i, name in enumerate(candidates):
            if name == wanted:
                return i
    key = fold_heading(wanted)
    for candidates in (names, labels):
        for i, name in enumerate(candidates):
            if fold_heading(name) == key:
                return i
    close = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.5)
    hint = f"; the closest headings are {', '.join(map(repr, close))}" if close else ""
    raise DataImportError(
        f"no {what} column {wanted[:60]!r} among the file's {len(names)} columns{hint}",
        source=source,
    )


#: The most bytes a mapping file may hold: a heading and an id for thousands of columns.
MAX_MAPPING_BYTES = 1_000_000


def read_mapping(path: str | os.PathLike[str]) -> dict[str, str]:
    """Read a mapping of column headings to item ids from a ``.toml`` or ``.csv`` file.

    TOML: ``"Heading as in the export" = "item-id"`` pairs, at the top or under ``[columns]``.
    CSV: two columns, heading then item id; a first row ``column,item`` is taken as a header.

    Raises:
        DataImportError: The file cannot be read or holds something else.
    """
    from .._arguments import expect
    from .._decoding import decode_text
    from .._files import read_limited
    from ..errors import FileError

    expect("read_mapping", "path", path, (str, os.PathLike), "the path of a .toml or .csv file")
    source = os.fspath(path)
    if not isinstance(source, str) or "\0" in source:
        raise DataImportError("not a file path: expected the path of a .toml or .csv file")
    try:
        raw = read_limited(source, limit=MAX_MAPPING_BYTES, what="mapping file")
    except FileError as exc:
        raise DataImportError(exc.reason, source=source) from None
    try:
        text = decode_text(raw, fallback=True)
    except UnicodeDecodeError:
        raise DataImportError(
            "the mapping file is not UTF-8 or UTF-16 text", source=source
        ) from None
    if source.lower().endswith(".toml"):
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise DataImportError(f"not valid TOML: {exc}", source=source) from None
        except RecursionError:  # tomllib recurses into nested lists and tables
            raise DataImportError(
                "not a mapping: lists or tables nest too deeply to read", source=source
            ) from None
        except ValueError:  # an integer of more than 4,300 digits, which Python will not read
            raise DataImportError(
                "not a mapping: it holds a number too long to read", source=source
            ) from None
        table = data.get("columns", data)
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in table.items()
        ):
            raise DataImportError(
                'expected "column heading" = "item-id" pairs (optionally under [columns])',
                source=source,
            )
        return dict(table)
    mapping: dict[str, str] = {}
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) != 2:
                raise DataImportError(
                    f"expected two cells (column heading, item id), got {len(row)}",
                    source=source,
                    row=number,
                )
            if number == 1 and fold_heading(row[0]) == "column" and fold_heading(row[1]) == "item":
                continue
            mapping[row[0]] = row[1].strip()
    except csv.Error as exc:
        raise DataImportError(f"not a readable CSV file ({exc})", source=source) from None
    return mapping


def other_statements(
    catalog: Catalog, items: Sequence[ItemInfo], packs: Iterable[str]
) -> dict[str, str]:
    """Normalised id and wording -> item reference of every statement of the ``packs`` that is not
    among ``items``: a column matching one belongs to a checklist that was not imported."""
    chosen = {info.ref for info in items}
    out: dict[str, str] = {}
    for pack_id in packs:
        for checklist in catalog.pack(pack_id).checklists:
            for item in checklist.items:
                ref = f"{pack_id}:{item.id}"
                if ref not in chosen:
                    out.setdefault(fold_heading(item.id), ref)
                    out.setdefault(fold_heading(item.text), ref)
                    out.setdefault(fold_heading(_NUMBERING.sub("", item.text)), ref)
    return out


def match_items(
    names: Sequence[str],
    labels: Sequence[str],
    items: Sequence[ItemInfo],
    taken: set[int],
    mapping: Mapping[str, str] | str | os.PathLike[str] | None,
    source: str,
) -> tuple[dict[int, int], dict[int, MatchedBy]]:
    """Column index -> item index, by mapping, then id, then wording; and how each
    matched. Columns in ``taken`` (group, wave, identifier...) are not matched.

    Raises:
        DataImportError: A mapping names an unknown column or item, two columns match one item,
            or no column matches any item.
    """
    by_ref = {info.ref: k for k, info in enumerate(items)}
    by_id: dict[str, int] = {}
    by_text: dict[str, int] = {}
    for index, info in enumerate(items):
        by_id.setdefault(fold_heading(info.id), index)
        by_id.setdefault(fold_heading(info.ref), index)
        by_text.setdefault(fold_heading(info.text), index)
        by_text.setdefault(fold_heading(_NUMBERING.sub("", info.text)), index)
    out: dict[int, int] = {}
    how: dict[int, MatchedBy] = {}
    if mapping is not None:
        mapping_source = source
        if not isinstance(mapping, Mapping):
            mapping_source = os.path.basename(os.fspath(mapping))
            mapping = read_mapping(mapping)
        for heading, target in mapping.items():
            i = find_column(names, heading, "mapped", source, labels)
            k: int | None = by_ref.get(target) if ":" in target else by_id.get(fold_heading(target))
            if k is None:
                k = by_id.get(fold_heading(split_ref(target)[1]))
            if k is None:
                raise DataImportError(
                    f"the mapping sends {heading[:60]!r} to {target[:60]!r}, which is not an "
                    "item of the checklists imported",
                    source=mapping_source,
                )
            out[i], how[i] = k, MatchedBy.MAPPING
    for i, (name, label) in enumerate(zip(names, labels, strict=True)):
        if i in taken or i in out:
            continue
        forms = heading_forms(name, label) if label != name else heading_forms(name)
        if forms and forms[0] in IDENTIFYING_HEADINGS:
            continue
        for form in forms:
            if form in by_id:
                out[i], how[i] = by_id[form], MatchedBy.ID
                break
            if form in by_text:
                out[i], how[i] = by_text[form], MatchedBy.TEXT
                break
    seen: dict[int, int] = {}
    for i, k in sorted(out.items()):
        if k in seen:
            raise DataImportError(
                f"columns {names[seen[k]][:60]!r} and {names[i][:60]!r} both match item "
                f"{items[k].ref!r}: map one of them to the item with a mapping",
                source=source,
            )
        seen[k] = i
    if not out:
        examples = "; ".join(f"{i.id} ({i.text!r})" for i in items[:3])
        raise DataImportError(
            "no column matches an item of the checklists: expected headings that are item ids "
            f"or item wording, such as {examples}, or a mapping from headings to item ids",
            source=source,
        )
    return out, how
