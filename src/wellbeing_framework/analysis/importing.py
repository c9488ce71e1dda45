"""Import responses from a forms-tool export (CSV), a pandas DataFrame or an Arrow table.

What the import does, column by column:

- a column is an answer to a checklist item when its heading is the item's id, the item's wording
  (ignoring case, spacing, punctuation, a leading question number, and a ``Question [item]``
  grid heading), or when a mapping (a dict, or a CSV or TOML file of heading -> item id) says so;
- the group columns, the wave column, the respondent-token column and any dimension columns are
  the ones the caller names;
- direct identifiers are dropped at once and listed: names, emails, response ids, IP addresses,
  timestamps and any column the caller marks; so is every column that matches nothing.

And row by row: an answer is matched to the scale by its value or its label (ignoring case and
punctuation); a blank answer is missing, not an error. A row is rejected, with its row number,
column and reason, when an answer is not on the scale, a group or wave value is blank, or its
respondent token was already used in that wave. Rows read = rows accepted + rows rejected.

Row numbers are those a spreadsheet shows: the header is row 1, the first response row 2 (a row
with a line break inside a quoted answer is still one row). For a DataFrame or Arrow table the
first row is row 1.

The work is vectorised: each column's distinct values are matched once, then turned into codes
with numpy. A CSV is parsed with pyarrow where it is installed (the ``analysis`` extra), else with
the standard library.
"""

from __future__ import annotations

import contextlib
import csv
import io
import mmap
import os
import re
import tomllib
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import DataImportError, ElementNotFoundError, FileError
from ..files import read_limited
from ..model.ids import split_ref
from .responses import MISSING, ItemInfo, Responses, checklist_items
from .results import ColumnMatch, ImportResult, MatchedBy, Reconciliation, Rejection
from .tables import (
    Column,
    decode,
    frame_columns,
    frame_header,
    has_pyarrow,
    map_file,
    parse_arrow,
    parse_python,
    sniff,
)

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..packs.catalog import Catalog

__all__ = ["IDENTIFYING_HEADINGS", "import_csv", "import_frame", "normalise", "read_mapping"]

#: Headings (normalised) that are taken as direct identifiers and dropped at import.
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
    }
)

#: Bytes read to find the header and the delimiter.
_HEAD = 1 << 16

#: The value a blank dimension cell takes: a category of its own, so groups still add up.
NOT_GIVEN = "(not given)"

_PUNCT = re.compile(r"[\W_]+", re.UNICODE)
_NUMBERING = re.compile(r"^\s*(?:q(?:uestion)?\s*)?\d+(?:\.\d+)*\s*[.):\-]?\s+", re.IGNORECASE)
_GRID = re.compile(r"\[([^\[\]]+)\]\s*$")


def normalise(text: str) -> str:
    """Text as the matcher compares it: Unicode-normalised, case-folded, punctuation and runs of
    space turned into single spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_PUNCT.sub(" ", folded).split())


def _heading_forms(heading: str) -> list[str]:
    """The ways a heading may name an item: as written, without a leading question number, and
    the part in brackets of a grid question ``Question [Row]``."""
    forms = [normalise(heading), normalise(_NUMBERING.sub("", heading))]
    grid = _GRID.search(heading)
    if grid:
        forms.append(normalise(grid.group(1)))
    return [f for f in dict.fromkeys(forms) if f]


#: The most bytes a mapping file may hold: a heading and an id for thousands of columns.
MAX_MAPPING_BYTES = 1_000_000


def read_mapping(path: str | os.PathLike[str]) -> dict[str, str]:
    """Read a mapping of column headings to item ids from a ``.toml`` or ``.csv`` file.

    TOML: ``"Heading as in the export" = "item-id"`` pairs, at the top or under ``[columns]``.
    CSV: two columns, heading then item id; a first row ``column,item`` is taken as a header.

    Raises:
        DataImportError: The file cannot be read or holds something else.
    """
    source = os.fspath(path)
    try:
        raw = read_limited(source, limit=MAX_MAPPING_BYTES, what="mapping file")
    except FileError as exc:
        raise DataImportError(exc.reason, source=source) from None
    text = raw.decode("utf-8-sig", errors="replace")
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
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            raise DataImportError(
                f"expected two cells (column heading, item id), got {len(row)}",
                source=source,
                row=number,
            )
        if number == 1 and normalise(row[0]) == "column" and normalise(row[1]) == "item":
            continue
        mapping[row[0]] = row[1].strip()
    return mapping


def import_csv(
    path: str | os.PathLike[str],
    *,
    catalog: Catalog,
    checklists: Sequence[str],
    group_columns: Sequence[str],
    pack: str | None = None,
    levels: Sequence[str] | None = None,
    wave_column: str | None = None,
    wave: str | None = None,
    respondent_column: str | None = None,
    dimension_columns: Sequence[str] = (),
    identifier_columns: Sequence[str] = (),
    mapping: Mapping[str, str] | str | os.PathLike[str] | None = None,
    delimiter: str | None = None,
    encoding: str = "utf-8-sig",
) -> ImportResult:
    """Import a CSV export of a forms tool.

    Args:
        path: The CSV file. A byte-order mark, quoted line breaks, Windows line ends and a
            semicolon, tab or pipe delimiter are all handled.
        catalog: The loaded content.
        checklists: The checklists the form asked, as ``pack-id:checklist-id`` (or bare ids
            within ``pack``).
        group_columns: The columns that place a respondent, top first (organisation, service,
            team...). At least one.
        pack: The pack that bare checklist ids belong to.
        levels: Names of the group levels; by default the group column headings.
        wave_column: A column holding the survey round, if any.
        wave: One wave for every row, when there is no wave column.
        respondent_column: A column of pseudonymous tokens, used to refuse a second response
            in one wave, then dropped.
        dimension_columns: Extra columns kept for cross-tabs and filters (a role, say).
        identifier_columns: Further columns to drop as identifying.
        mapping: Column heading -> item id, or a ``.csv`` / ``.toml`` file of them.
        delimiter: The delimiter; found from the header when None.
        encoding: The text encoding (a UTF-16 byte-order mark is recognised whatever this says).

    Returns:
        The responses and the import's reconciliation.

    Raises:
        DataImportError: The file is empty or cannot be read, or a named column is missing.
    """
    source = os.fspath(path)
    raw = map_file(source)
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16"
    head = decode(raw[:_HEAD], encoding, source, partial=len(raw) > _HEAD).removeprefix("\ufeff")
    if not head.strip():
        raise DataImportError(
            "the file is empty: expected a header row naming the columns, then one row per "
            "response",
            source=source,
        )
    sep = delimiter or sniff(head)
    header = next(csv.reader(io.StringIO(head, newline=""), delimiter=sep))

    def load(needed: list[int]) -> tuple[dict[int, Column], int]:
        if has_pyarrow():
            parsed = parse_arrow(raw, encoding, sep, header, needed)
            if parsed is not None:
                return parsed
        text = decode(bytes(raw), encoding, source, partial=False).removeprefix("\ufeff")
        return parse_python(text, sep, header, source)

    try:
        return _import(
            header,
            load,
            source=source,
            first_row=2,
            catalog=catalog,
            checklists=checklists,
            group_columns=group_columns,
            pack=pack,
            levels=levels,
            wave_column=wave_column,
            wave=wave,
            respondent_column=respondent_column,
            dimension_columns=dimension_columns,
            identifier_columns=identifier_columns,
            mapping=mapping,
        )
    finally:
        if isinstance(raw, mmap.mmap):
            # pyarrow may still hold a view for a moment; the map is then freed with it.
            with contextlib.suppress(BufferError):
                raw.close()


def import_frame(
    data: Any,
    *,
    catalog: Catalog,
    checklists: Sequence[str],
    group_columns: Sequence[str],
    source: str = "<DataFrame>",
    pack: str | None = None,
    levels: Sequence[str] | None = None,
    wave_column: str | None = None,
    wave: str | None = None,
    respondent_column: str | None = None,
    dimension_columns: Sequence[str] = (),
    identifier_columns: Sequence[str] = (),
    mapping: Mapping[str, str] | str | os.PathLike[str] | None = None,
) -> ImportResult:
    """Import a pandas DataFrame or a pyarrow Table, with the same rules as :func:`import_csv`.

    Values are read as text (a number 4 is ``"4"``); a null is a blank. Rows are numbered from 1.

    Raises:
        DataImportError: The table is empty or a named column is missing.
    """
    header = frame_header(data, source)
    return _import(
        header,
        lambda needed: frame_columns(data, needed),
        source=source,
        first_row=1,
        catalog=catalog,
        checklists=checklists,
        group_columns=group_columns,
        pack=pack,
        levels=levels,
        wave_column=wave_column,
        wave=wave,
        respondent_column=respondent_column,
        dimension_columns=dimension_columns,
        identifier_columns=identifier_columns,
        mapping=mapping,
    )


# -- matching and coding ------------------------------------------------------------------------


def _find(columns: list[Column], wanted: str, what: str, source: str) -> int:
    for i, column in enumerate(columns):
        if column.name == wanted:
            return i
    for i, column in enumerate(columns):
        if normalise(column.name) == normalise(wanted):
            return i
    have = ", ".join(repr(c.name) for c in columns)
    raise DataImportError(f"no {what} column {wanted!r}: the file has {have}", source=source)


def _import(
    header: list[str],
    load: Callable[[list[int]], tuple[dict[int, Column], int]],
    *,
    source: str,
    first_row: int,
    catalog: Catalog,
    checklists: Sequence[str],
    group_columns: Sequence[str],
    pack: str | None,
    levels: Sequence[str] | None,
    wave_column: str | None,
    wave: str | None,
    respondent_column: str | None,
    dimension_columns: Sequence[str],
    identifier_columns: Sequence[str],
    mapping: Mapping[str, str] | str | os.PathLike[str] | None,
) -> ImportResult:
    import numpy as np

    if not header:
        raise DataImportError("the file has no columns: expected a header row", source=source)
    # Until the needed columns are loaded, only their headings are known.
    columns = [Column(name=h, values=[], codes=np.zeros(0, dtype=np.int32)) for h in header]
    if not group_columns:
        raise DataImportError("name at least one group column (such as the team)", source=source)
    if levels is not None and len(levels) != len(group_columns):
        raise DataImportError(
            f"{len(levels)} level name(s) for {len(group_columns)} group column(s)", source=source
        )
    if wave_column is not None and wave is not None:
        raise DataImportError("give a wave column or a fixed wave, not both", source=source)
    try:
        items = checklist_items(catalog, checklists, pack=pack)
    except ElementNotFoundError as exc:
        raise DataImportError(str(exc), source=source) from None

    roles: dict[int, ColumnMatch] = {}
    group_idx = [_find(columns, g, "group", source) for g in group_columns]
    for i in group_idx:
        roles[i] = ColumnMatch(column=columns[i].name, matched_by=MatchedBy.GROUP)
    wave_idx = None
    if wave_column is not None:
        wave_idx = _find(columns, wave_column, "wave", source)
        roles[wave_idx] = ColumnMatch(column=columns[wave_idx].name, matched_by=MatchedBy.WAVE)
    token_idx = None
    if respondent_column is not None:
        token_idx = _find(columns, respondent_column, "respondent", source)
        roles[token_idx] = ColumnMatch(
            column=columns[token_idx].name, matched_by=MatchedBy.RESPONDENT
        )
    dim_idx = [_find(columns, d, "dimension", source) for d in dimension_columns]
    for i in dim_idx:
        roles[i] = ColumnMatch(column=columns[i].name, matched_by=MatchedBy.DIMENSION)
    for name in identifier_columns:
        i = _find(columns, name, "identifier", source)
        roles[i] = ColumnMatch(column=columns[i].name, matched_by=MatchedBy.IDENTIFIER)

    item_of_column, matched_by = _match_items(columns, items, roles, mapping, source)
    identifying = {i for i, m in roles.items() if m.matched_by is MatchedBy.IDENTIFIER}
    needed = sorted({*roles, *item_of_column} - identifying)
    loaded, n_rows = load(needed)
    for i, column in loaded.items():
        columns[i] = column
    if n_rows == 0:
        raise DataImportError(
            "the file has a header but no responses: expected one row per response under it",
            source=source,
        )

    # -- code every column ---------------------------------------------------------------------
    bad = np.zeros(n_rows, dtype=bool)
    faults: list[tuple[NDArray[Any], int, list[str | None], str]] = []
    chosen_items = sorted(set(item_of_column.values()))
    options = np.full((n_rows, len(chosen_items)), MISSING, dtype=np.int8)
    position = {item: k for k, item in enumerate(chosen_items)}
    for i, item in sorted(item_of_column.items()):
        info = items[item]
        lut, shown = _scale_lookup(columns[i].values, info)
        codes = lut[columns[i].codes]
        wrong = codes == -2
        if wrong.any():
            allowed = ", ".join(o.label for o in info.scale.options)
            faults.append(
                (
                    wrong,
                    i,
                    shown,
                    f"is not an answer on the scale {info.scale.id!r} (expected one of: {allowed})",
                )
            )
            bad |= wrong
            codes = np.where(wrong, MISSING, codes)
        options[:, position[item]] = codes
    group_codes = []
    group_names = []
    for level, i in enumerate(group_idx):
        names, codes, blank = _stripped(columns[i])
        if blank.any():
            label = (levels or group_columns)[level]
            faults.append(
                (
                    blank,
                    i,
                    [None] * len(columns[i].values),
                    f"is blank: expected a {label} for every row",
                )
            )
            bad |= blank
        group_codes.append(codes)
        group_names.append(names)
    if wave_idx is not None:
        wave_names, wave_codes, blank = _stripped(columns[wave_idx])
        if blank.any():
            faults.append(
                (
                    blank,
                    wave_idx,
                    [None] * len(columns[wave_idx].values),
                    "is blank: expected a wave for every row",
                )
            )
            bad |= blank
        row_waves: list[str | None] = list(wave_names)
    else:
        row_waves, wave_codes = [wave], np.zeros(n_rows, dtype=np.int64)

    if token_idx is not None:
        _refuse_repeats(columns, token_idx, wave_codes, bad, faults, first_row, row_waves)

    # -- reconcile -----------------------------------------------------------------------------
    rejections = []
    for mask, i, shown, reason in faults:
        for r in np.nonzero(mask)[0].tolist():
            value = shown[int(columns[i].codes[r])] if shown else None
            rejections.append(
                (
                    r,
                    i,
                    Rejection(
                        row=r + first_row, column=columns[i].name, value=value, reason=reason
                    ),
                )
            )
    rejections.sort(key=lambda t: (t[0], t[1]))
    keep = ~bad
    accepted = int(keep.sum())

    match_list = []
    for i, column in enumerate(columns):
        if i in roles:
            match_list.append(roles[i])
        elif i in item_of_column:
            match_list.append(
                ColumnMatch(
                    column=column.name,
                    matched_by=matched_by[i],
                    target=items[item_of_column[i]].ref,
                )
            )
        elif normalise(column.name) in IDENTIFYING_HEADINGS:
            match_list.append(ColumnMatch(column=column.name, matched_by=MatchedBy.IDENTIFIER))
        else:
            match_list.append(ColumnMatch(column=column.name, matched_by=MatchedBy.UNMATCHED))

    kept_items = [items[k] for k in chosen_items]
    responses = _build(
        keep=keep,
        items=kept_items,
        options=options,
        levels=tuple(levels or group_columns),
        group_names=group_names,
        group_codes=group_codes,
        waves=row_waves,
        wave_codes=wave_codes,
        dimensions=[(columns[i].name, dimension_columns[k]) for k, i in enumerate(dim_idx)],
        dimension_columns=[columns[i] for i in dim_idx],
        catalog=catalog,
    )
    kept_options = options[keep]
    reconciliation = Reconciliation(
        source=source,
        rows_read=n_rows,
        rows_accepted=accepted,
        rows_rejected=n_rows - accepted,
        rejections=tuple(r for _, _, r in rejections),
        dropped_columns=tuple(m.column for m in match_list if m.dropped),
        columns=tuple(match_list),
        items_not_found=tuple(
            info.ref for k, info in enumerate(items) if k not in set(item_of_column.values())
        ),
        answers=int(kept_options.size),
        missing=int((kept_options == MISSING).sum()),
    )
    return ImportResult(responses=responses, reconciliation=reconciliation)


def _match_items(
    columns: list[Column],
    items: tuple[ItemInfo, ...],
    roles: dict[int, ColumnMatch],
    mapping: Mapping[str, str] | str | os.PathLike[str] | None,
    source: str,
) -> tuple[dict[int, int], dict[int, MatchedBy]]:
    """Column index -> item index, by mapping, then id, then wording; and how each matched."""
    by_ref = {info.ref: k for k, info in enumerate(items)}
    by_id: dict[str, int] = {}
    by_text: dict[str, int] = {}
    for index, info in enumerate(items):
        by_id.setdefault(normalise(info.id), index)
        by_id.setdefault(normalise(info.ref), index)
        by_text.setdefault(normalise(info.text), index)
        by_text.setdefault(normalise(_NUMBERING.sub("", info.text)), index)
    out: dict[int, int] = {}
    how: dict[int, MatchedBy] = {}
    if mapping is not None:
        mapping_source = source
        if not isinstance(mapping, Mapping):
            mapping_source = os.fspath(mapping)
            mapping = read_mapping(mapping)
        for heading, target in mapping.items():
            i = _find(columns, heading, "mapped", source)
            k: int | None = by_ref.get(target) if ":" in target else by_id.get(normalise(target))
            if k is None:
                k = by_id.get(normalise(split_ref(target)[1]))
            if k is None:
                raise DataImportError(
                    f"the mapping sends {heading!r} to {target!r}, which is not an item of the "
                    "checklists imported",
                    source=mapping_source,
                )
            out[i] = k
            how[i] = MatchedBy.MAPPING
    for i, column in enumerate(columns):
        if i in roles or i in out:
            continue
        forms = _heading_forms(column.name)
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
                f"columns {columns[seen[k]].name!r} and {columns[i].name!r} both match item "
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


def _scale_lookup(values: list[str], info: ItemInfo) -> tuple[NDArray[Any], list[str | None]]:
    """For each distinct raw value: its option index, -1 blank, -2 not on the scale; and the
    value as a rejection shows it (trimmed)."""
    import numpy as np

    table: dict[str, int] = {}
    for k, option in enumerate(info.scale.options):
        table.setdefault(normalise(option.value), k)
        table.setdefault(normalise(option.label), k)
    lut = np.empty(len(values), dtype=np.int8)
    shown: list[str | None] = []
    for j, raw in enumerate(values):
        key = normalise(raw)
        lut[j] = MISSING if not raw.strip() else table.get(key, -2) if key else -2
        shown.append(raw.strip() or None)
    return lut, shown


def _stripped(column: Column) -> tuple[list[str], NDArray[Any], NDArray[Any]]:
    """Trimmed, sorted distinct values; each row's code into them; which rows are blank."""
    import numpy as np

    trimmed = [v.strip() for v in column.values]
    names = sorted({t for t in trimmed if t})
    index = {n: k for k, n in enumerate(names)}
    lut = np.asarray([index.get(t, -1) for t in trimmed] or [0], dtype=np.int64)
    codes = lut[column.codes] if column.values else np.zeros(len(column.codes), dtype=np.int64)
    return names, codes, codes < 0


def _refuse_repeats(
    columns: list[Column],
    token_idx: int,
    wave_codes: NDArray[Any],
    bad: NDArray[Any],
    faults: list[tuple[NDArray[Any], int, list[str | None], str]],
    first_row: int,
    waves: list[str | None],
) -> None:
    """Reject a second response with one token in one wave (among rows otherwise accepted).
    The token itself is never echoed in a message."""
    import numpy as np

    names, codes, blank = _stripped(columns[token_idx])
    candidates = np.nonzero(~bad & ~blank)[0]
    if not candidates.size:
        return
    key = np.maximum(wave_codes[candidates], 0) * (len(names) + 1) + codes[candidates]
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    firsts = candidates[first[inverse.reshape(-1)]]
    for r, original in zip(candidates.tolist(), firsts.tolist(), strict=True):
        if r == original:
            continue
        mask = np.zeros(len(bad), dtype=bool)
        mask[r] = True
        wave = waves[int(wave_codes[r])] if wave_codes[r] >= 0 else None
        in_wave = f" in wave {wave!r}" if wave is not None else ""
        faults.append(
            (
                mask,
                token_idx,
                [],
                f"repeats the respondent token of row {original + first_row}{in_wave}: one "
                "response per respondent and wave; the first is kept",
            )
        )
        bad[r] = True


def _build(
    *,
    keep: NDArray[Any],
    items: list[ItemInfo],
    options: NDArray[Any],
    levels: tuple[str, ...],
    group_names: list[list[str]],
    group_codes: list[NDArray[Any]],
    waves: list[str | None],
    wave_codes: NDArray[Any],
    dimensions: list[tuple[str, str]],
    dimension_columns: list[Column],
    catalog: Catalog,
) -> Responses:
    """The accepted rows as :class:`Responses`: group paths coded level by level, in sorted
    order, without a Python loop over rows."""
    import numpy as np

    rows = int(keep.sum())
    paths: list[tuple[tuple[str, ...], ...]] = []
    groups = np.zeros((rows, len(levels)), dtype=np.int32)
    prefix = np.zeros(rows, dtype=np.int64)
    prefix_paths: list[tuple[str, ...]] = [()]
    for level, codes in enumerate(group_codes):
        width = len(group_names[level])
        key = prefix * width + codes[keep]
        # The keys are small, so a count replaces a sort: keep the keys in use, in order.
        present = np.bincount(key, minlength=len(prefix_paths) * width) > 0
        unique = np.flatnonzero(present)
        remap = np.cumsum(present) - 1
        prefix_paths = [
            (*prefix_paths[int(k) // width], group_names[level][int(k) % width])
            for k in unique.tolist()
        ]
        prefix = remap[key]
        groups[:, level] = prefix
        paths.append(tuple(prefix_paths))
    # Only waves that some accepted row has, in order.
    used = np.unique(wave_codes[keep]) if rows else np.zeros(0, dtype=np.int64)
    if not used.size:
        used = np.zeros(1, dtype=np.int64)
    remap = np.zeros(max(len(waves), 1), dtype=np.int16)
    remap[used] = np.arange(len(used), dtype=np.int16)
    dim_values: list[tuple[str, ...]] = []
    dim_codes = np.zeros((rows, len(dimension_columns)), dtype=np.int16)
    for d, column in enumerate(dimension_columns):
        trimmed = [v.strip() or NOT_GIVEN for v in column.values]
        names = sorted(set(trimmed))
        index = {n: k for k, n in enumerate(names)}
        lut = np.asarray([index[t] for t in trimmed] or [0], dtype=np.int16)
        dim_codes[:, d] = lut[column.codes[keep]] if column.values else 0
        dim_values.append(tuple(names))
    packs = sorted({split_ref(i.ref)[0] or "" for i in items})
    n_items = len(items)
    return Responses(
        items=tuple(items),
        levels=levels,
        paths=tuple(paths),
        groups=groups,
        waves=tuple(waves[int(w)] for w in used.tolist()),
        wave=remap[wave_codes[keep]],
        dimensions=tuple(name for _, name in dimensions),
        dimension_values=tuple(dim_values),
        dimension_codes=dim_codes,
        row=np.repeat(np.arange(rows, dtype=np.int32), n_items),
        item=np.tile(np.arange(n_items, dtype=np.int16), rows),
        option=np.ascontiguousarray(options[keep]).reshape(-1),
        packs=tuple((p, catalog.pack(p).version) for p in packs if p),
    )
