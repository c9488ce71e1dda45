"""Import responses from a forms-tool export (CSV, spreadsheet, Parquet or Arrow IPC), a DataFrame
or an Arrow table.

What the import does, column by column:

- the file's layout (Microsoft Forms, Google Forms, Qualtrics, SurveyMonkey, LimeSurvey or a
  plain one-row header) is recognised from its header, or taken as given, and its header rows
  read (see ``layouts``);
- a column is an answer to a checklist item when its heading is the item's id or wording, or a
  mapping says so (see ``matching``); a statement of a checklist that was not imported is
  recognised as such and dropped;
- the group columns, the wave column, the respondent-token column and any dimension columns are
  the ones the caller names; a column that identifies people is refused for any of these roles;
- direct identifiers and the tool's metadata columns are dropped at once and listed; so is every
  column that matches nothing.

And row by row: an answer is matched to the scale by its value or its label (ignoring case and
punctuation); a blank answer is missing, not an error. Group and wave values spelt differently
("Team A", "team a ") are one group, and the reconciliation lists what was merged. A row is
rejected, with its row number, column and reason, when an answer is not on the scale, a group or
wave value is blank or only it holds a wave value, its respondent token was already used in that
wave, or it has a different number of cells from the header. Rows read = rows accepted + rows
rejected. A group or dimension value that one accepted row alone holds is reported under
"(other)" beside its siblings, and the reconciliation lists the row as pooled (see ``grouping``).

Row numbers are those a spreadsheet shows: the header is row 1 (rows 1-3 for Qualtrics), blank
rows count, and a row with a line break inside a quoted answer is still one row. For a DataFrame,
an Arrow table, or a Parquet or Arrow file the first row of data is row 1.

The work is vectorised: each column's distinct values are matched once, then turned into codes
with numpy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from .._arguments import expect
from .._words import noun
from ..errors import ArgumentError, DataImportError, ElementNotFoundError
from ..model._ids import split_ref
from . import _csvfile as csvfile
from ._coding import (
    Fault,
    code_answers,
    code_group,
    pool_singles,
    refuse_repeats,
    refuse_single_wave,
    refuse_text,
)
from ._columnar import columnar_kind, open_columnar
from ._grouping import fold_column, refuse_identifying
from ._inputs import Input, opened
from ._layouts import HEADER_ROWS_READ, Header, read_header
from ._matching import (
    IDENTIFYING_HEADINGS,
    find_column,
    fold_heading,
    heading_forms,
    match_items,
    other_statements,
    read_mapping,
)
from ._spreadsheets import is_spreadsheet, read_sheet
from ._tables import Column, Loaded, frame_columns, frame_header
from .import_result import (
    ColumnMatch,
    GroupMerge,
    ImportResult,
    MatchedBy,
    Pooled,
    Reconciliation,
    Rejection,
)
from .options import ImportOptions, Layout
from .responses import MISSING, ItemInfo, Responses, checklist_items, encode_paths

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..packs.catalog import Catalog

__all__ = [
    "IDENTIFYING_HEADINGS",
    "NOT_GIVEN",
    "ImportOptions",
    "Layout",
    "fold_heading",
    "import_csv",
    "import_frame",
    "read_mapping",
]

#: The value a blank dimension cell takes: a category of its own, so groups still add up.
NOT_GIVEN = "(not given)"


def _options(
    where: str,
    options: ImportOptions | None,
    keywords: dict[str, Any],
    catalog: Catalog,
    source: str | None,
) -> ImportOptions:
    """The options, from ``options`` and the keywords, after checking every argument's kind."""
    from ..packs.catalog import Catalog

    expect(where, "catalog", catalog, Catalog, "a Catalog (make_host().catalog())")
    if source is not None:
        expect(where, "source", source, str, "a name for messages, or None")
    if options is not None:
        expect(where, "options", options, ImportOptions, "ImportOptions or None")
    known = {f.name for f in attrs.fields(ImportOptions)}
    unknown = sorted(set(keywords) - known)
    if unknown:
        raise ArgumentError(
            f"{where}: unknown {noun(len(unknown), 'option')} {', '.join(unknown)}: the options "
            f"are {', '.join(sorted(known))}"
        )
    if options is None:
        missing = [k for k in ("checklists", "group_columns") if k not in keywords]
        if missing:
            raise ArgumentError(
                f"{where}: give {' and '.join(f'{k}=...' for k in missing)}, or "
                "options=ImportOptions(...)"
            )
        return ImportOptions(**keywords)
    return attrs.evolve(options, **keywords) if keywords else options


def import_csv(
    data: Input,
    options: ImportOptions | None = None,
    *,
    catalog: Catalog,
    source: str | None = None,
    **keywords: Any,
) -> ImportResult:
    """Import a forms tool's export: a CSV file, a spreadsheet (``.xlsx``, ``.ods``), or a
    Parquet or Arrow IPC file (``.parquet``, ``.arrow``, ``.feather``).

    Args:
        data: A path, the file's bytes, or a binary file object (an upload, say). A byte-order
            mark, UTF-16, cp1252, quoted line breaks, any line ends and a semicolon, tab or
            pipe delimiter are all handled; a spreadsheet, a Parquet and an Arrow file are
            recognised by their content. A Parquet or Arrow file is read in batches of its
            needed columns (see ``columnar``), its values as text and its rows numbered from 1,
            as for :func:`import_frame`.
        options: How to read it (:class:`ImportOptions`); or give its fields as keywords
            (``checklists=..., group_columns=...``), which also override those of ``options``.
        catalog: The loaded content.
        source: The name to use in messages and the reconciliation (``"upload.csv"``); by
            default the file's name, never its folders.

    Returns:
        The responses and the import's reconciliation.

    Raises:
        DataImportError: The file is empty or cannot be read, a named column is missing or
            identifies people, or the options do not fit together.
    """
    chosen = _options("import_csv", options, keywords, catalog, source)
    with opened(data, source) as (raw, name):
        kind = columnar_kind(raw, name)
        if kind is not None:
            table = open_columnar(raw, kind, name)
            header = read_header([table.names], chosen.layout, source=name)
            return _import(
                attrs.evolve(header, rows=0),
                lambda needed: table.load(needed, name),
                source=name,
                options=chosen,
                catalog=catalog,
            )
        if is_spreadsheet(raw):
            sheet = read_sheet(bytes(raw), chosen.sheet, name)
            header = read_header(sheet.rows(HEADER_ROWS_READ), chosen.layout, source=name)
            names = list(header.names)
            return _import(
                header,
                lambda needed: sheet.load(header.rows, needed, names),
                source=name,
                options=chosen,
                catalog=catalog,
            )
        encoding, fallback = csvfile.choose_encoding(raw, chosen.encoding)
        rows, sep = csvfile.first_rows(raw, encoding, chosen.delimiter, HEADER_ROWS_READ, name)
        header = read_header(rows, chosen.layout, source=name)

        def load(needed: list[int]) -> Loaded:
            return csvfile.parse(
                raw,
                encoding=encoding,
                fallback=fallback,
                sep=sep,
                header=header.names,
                skip=header.rows,
                needed=needed,
                source=name,
            )

        return _import(header, load, source=name, options=chosen, catalog=catalog)


def import_frame(
    data: Any,
    options: ImportOptions | None = None,
    *,
    catalog: Catalog,
    source: str = "<DataFrame>",
    **keywords: Any,
) -> ImportResult:
    """Import a pandas DataFrame or a pyarrow Table, with the same rules as :func:`import_csv`.

    Values are read as text (a number 4 is ``"4"``); a null is a blank. Rows are numbered from 1.
    The layout is recognised from the column names (a table has one header row).

    Raises:
        DataImportError: The table is empty or a named column is missing.
    """
    chosen = _options("import_frame", options, keywords, catalog, source)
    names = frame_header(data, source)
    header = read_header([names], chosen.layout, source=source)
    return _import(
        attrs.evolve(header, rows=0),
        lambda needed: frame_columns(data, needed),
        source=source,
        options=chosen,
        catalog=catalog,
    )


# -- the steps ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Roles:
    """Which column plays which part, as the caller named them."""

    matches: dict[int, ColumnMatch]
    groups: list[int]
    wave: int | None
    token: int | None
    dimensions: list[int]


def _assign_roles(header: Header, options: ImportOptions, source: str) -> _Roles:
    """Find the columns the caller named, and the layout's metadata columns."""
    names, labels = header.names, header.labels

    def find(wanted: str, what: str) -> int:
        return find_column(names, wanted, what, source, labels)

    matches = {
        i: ColumnMatch(column=names[i], matched_by=MatchedBy.IDENTIFIER) for i in header.metadata
    }
    groups = [find(g, "group") for g in options.group_columns]
    wave = None if options.wave_column is None else find(options.wave_column, "wave")
    token = (
        None if options.respondent_column is None else find(options.respondent_column, "respondent")
    )
    dimensions = [find(d, "dimension") for d in options.dimension_columns]
    for i in groups:
        matches[i] = ColumnMatch(column=names[i], matched_by=MatchedBy.GROUP)
    if wave is not None:
        matches[wave] = ColumnMatch(column=names[wave], matched_by=MatchedBy.WAVE)
    if token is not None:
        matches[token] = ColumnMatch(column=names[token], matched_by=MatchedBy.RESPONDENT)
    for i in dimensions:
        matches[i] = ColumnMatch(column=names[i], matched_by=MatchedBy.DIMENSION)
    for name in options.identifier_columns:
        i = find(name, "identifier")
        matches[i] = ColumnMatch(column=names[i], matched_by=MatchedBy.IDENTIFIER)
    return _Roles(matches=matches, groups=groups, wave=wave, token=token, dimensions=dimensions)


def _import(
    header: Header,
    load: Callable[[list[int]], Loaded],
    *,
    source: str,
    options: ImportOptions,
    catalog: Catalog,
) -> ImportResult:
    import numpy as np

    try:
        items = checklist_items(catalog, options.checklists, pack=options.pack)
    except ElementNotFoundError as exc:
        raise DataImportError(str(exc), source=source) from None
    roles = _assign_roles(header, options, source)
    item_of_column, matched_by = match_items(
        header.names, header.labels, items, set(roles.matches), options.mapping, source
    )
    identifying = {i for i, m in roles.matches.items() if m.matched_by is MatchedBy.IDENTIFIER}
    needed = sorted({*roles.matches, *item_of_column} - identifying)
    loaded = load(needed)
    if loaded.n_rows == 0 and not loaded.ragged:
        raise DataImportError(
            "the file has a header but no responses: expected one row per response under it",
            source=source,
        )
    columns = loaded.columns
    _refuse_identifying(columns, header, roles, source)

    bad = np.zeros(loaded.n_rows, dtype=bool)
    faults: list[Fault] = []
    chosen_items = sorted(set(item_of_column.values()))
    answers = code_answers(columns, item_of_column, items, chosen_items, bad, faults)
    merges: list[GroupMerge] = []
    group_names, group_codes = [], []
    for level, i in enumerate(roles.groups):
        what = f"a {options.level_names[level]}"
        names, codes = code_group(columns[i], what, bad, faults, merges, i)
        group_names.append(names)
        group_codes.append(codes)
    waves: list[str | None] = [options.wave]
    wave_codes = np.zeros(loaded.n_rows, dtype=np.int32)
    if roles.wave is not None:
        wave_names, wave_codes = code_group(
            columns[roles.wave], "a wave", bad, faults, merges, roles.wave
        )
        if options.rows_are_people:
            refuse_single_wave(columns[roles.wave], wave_codes, bad, faults, roles.wave)
        waves = list(wave_names)
    for k, i in enumerate(roles.dimensions):
        refuse_text(columns[i], f"a {options.dimension_columns[k]}", bad, faults, i)
    numbers = (
        loaded.row_numbers
        if loaded.row_numbers is not None
        else np.arange(header.rows + 1, header.rows + 1 + loaded.n_rows, dtype=np.int64)
    )
    if roles.token is not None:
        # int64: the key of a token in a wave, wave x tokens, outgrows the int32 codes.
        waves64 = wave_codes.astype(np.int64)
        refuse_repeats(columns[roles.token], roles.token, waves64, bad, faults, numbers, waves)

    keep = ~bad
    pooled: list[Fault] = []
    dimensions = _pool(columns, roles, options, group_names, group_codes, keep, pooled)
    reconciliation = _reconcile(
        header=header,
        loaded=loaded,
        source=source,
        roles=roles,
        items=items,
        item_of_column=item_of_column,
        matched_by=matched_by,
        others=other_statements(catalog, items, {split_ref(i.ref)[0] or "" for i in items} - {""}),
        faults=faults,
        numbers=numbers,
        kept_answers=answers if keep.all() else answers[keep],
        accepted=int(keep.sum()),
        merges=merges,
        pooled=pooled,
    )
    # The account is made first, while the cells are at hand for its excerpts; then they are
    # freed, so that the responses are built beside the codes alone, not the whole table too.
    del loaded, columns
    responses = _responses(
        keep=keep,
        items=[items[k] for k in chosen_items],
        options=answers,
        levels=options.level_names,
        group_names=group_names,
        group_codes=group_codes,
        waves=waves,
        wave_codes=wave_codes,
        dimensions=dimensions,
        catalog=catalog,
    )
    return ImportResult(responses=responses, reconciliation=reconciliation)


def _pool(
    columns: dict[int, Column],
    roles: _Roles,
    options: ImportOptions,
    group_names: list[list[str]],
    group_codes: list[NDArray[Any]],
    keep: NDArray[Any],
    pooled: list[Fault],
) -> list[tuple[list[str], NDArray[Any], NDArray[Any], str]]:
    """Put group values (in place) and dimension values held by one accepted row under
    "(other)" (see ``grouping``); the dimensions' names, codes, blanks and level names.

    Counted once the refusals are known, so that a value shared only with a refused row is not
    published either."""
    people = options.rows_are_people
    for level, i in enumerate(roles.groups if people else ()):
        group_names[level], group_codes[level] = pool_singles(
            columns[i], group_names[level], group_codes[level], keep, pooled, i
        )
    dimensions = []
    for k, i in enumerate(roles.dimensions):
        names, codes, blank, _merged = fold_column(columns[i], columns[i].name)
        if people:
            names, codes = pool_singles(columns[i], names, codes, keep, pooled, i)
        dimensions.append((names, codes, blank, options.dimension_columns[k]))
    return dimensions


def _refuse_identifying(
    columns: dict[int, Column], header: Header, roles: _Roles, source: str
) -> None:
    """Refuse a group, wave or dimension column that identifies people (see ``grouping``)."""
    named = [(i, "group") for i in roles.groups] + [(i, "dimension") for i in roles.dimensions]
    if roles.wave is not None:
        named.append((roles.wave, "wave"))
    for i, role in named:
        refuse_identifying(columns[i], header.names[i], role, source)


def _reconcile(
    *,
    header: Header,
    loaded: Loaded,
    source: str,
    roles: _Roles,
    items: tuple[ItemInfo, ...],
    item_of_column: dict[int, int],
    matched_by: dict[int, MatchedBy],
    others: dict[str, str],
    faults: list[Fault],
    numbers: NDArray[Any],
    kept_answers: NDArray[Any],
    accepted: int,
    merges: list[GroupMerge],
    pooled: list[Fault],
) -> Reconciliation:
    """The import's account: every row read, accepted or rejected with why, every column."""

    columns = loaded.columns
    found: list[tuple[int, int, Rejection]] = []
    for row, i, value, reason in _listed(faults, columns, numbers):
        found.append(
            (row, i, Rejection(row=row, column=header.names[i], value=value, reason=reason))
        )
    pooled_rows = sorted(
        (
            (row, i, Pooled(row=row, column=header.names[i], value=value, reason=reason))
            for row, i, value, reason in _listed(pooled, columns, numbers)
        ),
        key=lambda t: t[:2],
    )
    width = len(header.names)
    for row, cells in loaded.ragged:
        reason = (
            f"has {cells} cells where the header has {width}: check the delimiter and the "
            "quoting (a value with the delimiter in it needs quotes)"
        )
        found.append((row, -1, Rejection(row=row, column="(whole row)", reason=reason)))
    found.sort(key=lambda t: (t[0], t[1]))
    match_list = []
    for i, name in enumerate(header.names):
        if i in roles.matches:
            match_list.append(roles.matches[i])
        elif i in item_of_column:
            target = items[item_of_column[i]].ref
            match_list.append(ColumnMatch(column=name, matched_by=matched_by[i], target=target))
        else:
            forms = heading_forms(name, header.labels[i])
            other = next((others[f] for f in forms if f in others), None)
            if forms and forms[0] in IDENTIFYING_HEADINGS:
                match_list.append(ColumnMatch(column=name, matched_by=MatchedBy.IDENTIFIER))
            elif other is not None:
                match_list.append(
                    ColumnMatch(column=name, matched_by=MatchedBy.NOT_SELECTED, target=other)
                )
            else:
                match_list.append(ColumnMatch(column=name, matched_by=MatchedBy.UNMATCHED))
    rows_read = loaded.n_rows + len(loaded.ragged)
    used = set(item_of_column.values())
    return Reconciliation(
        source=source,
        rows_read=rows_read,
        rows_accepted=accepted,
        rows_rejected=rows_read - accepted,
        rejections=tuple(r for _, _, r in found),
        dropped_columns=tuple(m.column for m in match_list if m.dropped),
        columns=tuple(match_list),
        items_not_found=tuple(info.ref for k, info in enumerate(items) if k not in used),
        answers=int(kept_answers.size),
        missing=int((kept_answers == MISSING).sum()),
        layout=header.layout.value,
        header_rows=max(header.rows, 0),
        encoding=loaded.encoding,
        encoding_fallback=loaded.encoding_fallback,
        blank_rows=loaded.blank_rows,
        merged_groups=tuple(merges),
        pooled=tuple(p for _, _, p in pooled_rows),
    )


def _listed(
    faults: list[Fault], columns: dict[int, Column], numbers: NDArray[Any]
) -> list[tuple[int, int, str | None, str]]:
    """Each row of each fault: its row number, column, excerpt of its value and the reason."""
    import numpy as np

    listed = []
    for mask, i, shown, reason in faults:
        for r in np.nonzero(mask)[0].tolist():
            value = shown[int(columns[i].codes[r])] if shown else None
            listed.append((int(numbers[r]), i, value, reason))
    return listed


def _responses(
    *,
    keep: NDArray[Any],
    items: list[ItemInfo],
    options: NDArray[Any],
    levels: tuple[str, ...],
    group_names: list[list[str]],
    group_codes: list[NDArray[Any]],
    waves: list[str | None],
    wave_codes: NDArray[Any],
    dimensions: list[tuple[list[str], NDArray[Any], NDArray[Any], str]],
    catalog: Catalog,
) -> Responses:
    """The accepted rows as :class:`Responses`, without a Python loop over rows."""
    import numpy as np

    rows = int(keep.sum())
    # Every row accepted, as in most imports: the columns are used as they are, not copied.
    kept: NDArray[Any] | slice = slice(None) if rows == len(keep) else keep
    paths, groups = encode_paths(group_names, [codes[kept] for codes in group_codes])
    # Only waves that some accepted row has, in order (a count is cheaper than a sort).
    used = (
        np.flatnonzero(np.bincount(wave_codes[kept], minlength=len(waves)))
        if rows
        else np.zeros(0, dtype=np.int64)
    )
    if not used.size:
        used = np.zeros(1, dtype=np.int64)
    remap = np.zeros(max(len(waves), 1), dtype=np.int16)
    remap[used] = np.arange(len(used), dtype=np.int16)
    dim_values: list[tuple[str, ...]] = []
    dim_codes = np.zeros((rows, len(dimensions)), dtype=np.int16)
    for d, (names, codes, blank, _) in enumerate(dimensions):
        values = [*names, NOT_GIVEN] if blank[kept].any() else names
        ordered = sorted(values)
        rank = np.asarray([ordered.index(v) for v in values], dtype=np.int16)
        coded = np.where(blank, len(names), codes)[kept] if rows else np.zeros(0, dtype=np.int64)
        dim_codes[:, d] = rank[coded] if rows and len(rank) else 0
        dim_values.append(tuple(ordered))
    packs = sorted({split_ref(i.ref)[0] or "" for i in items})
    return Responses(
        items=tuple(items),
        levels=levels,
        paths=paths,
        groups=groups,
        waves=tuple(waves[int(w)] for w in used.tolist()),
        wave=remap[wave_codes[kept]],
        dimensions=tuple(name for *_, name in dimensions),
        dimension_values=tuple(dim_values),
        dimension_codes=dim_codes,
        option=np.ascontiguousarray(options[kept]).reshape(-1),
        packs=tuple((p, catalog.pack(p).version) for p in packs if p),
    )
