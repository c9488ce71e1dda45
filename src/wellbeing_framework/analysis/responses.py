"""Many responses in columnar form: numpy arrays of small integer codes, one entry per answer.

A national survey is tens of millions of answers, so responses are never held as one object per
answer. :class:`Responses` keeps, per answer, the row (the respondent's submission), the item and
the option chosen; per row, the group code at each level of the hierarchy, the wave and any extra
dimension (a role, say); and the dictionaries that turn codes back into names. That is 7 bytes an
answer plus a few per respondent, or 1 byte an answer where the answers are laid out row by row,
every item in order, as an import makes them (the row and item are then implied).

Nothing here holds free text, names or respondent tokens: tokens are used at import to refuse a
second response in one wave, then dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import ElementNotFoundError, RecordError
from ..model._ids import split_ref
from ..model.content import Checklist, ResponseScale, Scope

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ..model.assessment import Assessment
    from ..packs.catalog import Catalog

__all__ = ["ItemInfo", "Responses", "checklist_items", "normalise_scores"]

#: The option code of a blank answer.
MISSING = -1


@attrs.frozen(kw_only=True)
class ItemInfo:
    """One checklist item as the analysis needs it: where it comes from and its scale.

    Attributes:
        ref: ``pack-id:item-id``.
        checklist: ``pack-id:checklist-id``.
        theme: ``pack-id:theme-id`` of the checklist's theme.
        scope: The checklist's scope.
        scale: The response scale; option codes index ``scale.options``.
        text: The item's wording.
        theme_title: The theme's title, when the catalog has the theme.
    """

    ref: str
    checklist: str
    theme: str
    scope: Scope
    scale: ResponseScale
    text: str
    theme_title: str = ""

    @property
    def id(self) -> str:
        return split_ref(self.ref)[1]


def _qualify(ref: str, pack: str) -> str:
    owner, element = split_ref(ref, pack)
    return f"{owner}:{element}"


def checklist_items(
    catalog: Catalog, checklists: Sequence[str], *, pack: str | None = None
) -> tuple[ItemInfo, ...]:
    """Every item of the checklists named, in order, with its theme, scope and scale.

    Args:
        catalog: The loaded content.
        checklists: References ``pack-id:checklist-id`` (or bare ids within ``pack``).
        pack: The pack a bare id belongs to.

    Raises:
        ElementNotFoundError: A reference names no checklist.
    """
    out: list[ItemInfo] = []
    seen: set[str] = set()
    for ref in checklists:
        found = catalog.find(ref, pack=pack)
        checklist = found.element
        if not isinstance(checklist, Checklist) or found.item is not None:
            raise ElementNotFoundError(f"{ref!r} is not a checklist (it is a {checklist.kind})")
        pack_id = found.pack.id
        checklist_ref = f"{pack_id}:{checklist.id}"
        if checklist_ref in seen:
            continue
        seen.add(checklist_ref)
        theme_ref = _qualify(checklist.theme, pack_id)
        try:
            theme_title = catalog.element(theme_ref).title
        except ElementNotFoundError:
            theme_title = ""
        scale = catalog.scale(checklist.scale, pack=pack_id)
        for item in checklist.items:
            out.append(
                ItemInfo(
                    ref=f"{pack_id}:{item.id}",
                    checklist=checklist_ref,
                    theme=theme_ref,
                    scope=checklist.scope,
                    scale=scale,
                    text=item.text,
                    theme_title=theme_title,
                )
            )
    return tuple(out)


def normalise_scores(scale: ResponseScale) -> tuple[list[float], list[bool]]:
    """Each option's score put on 0 to 1, and whether it is scored at all.

    ``(score - min) / (max - min)`` of the scale's scored options, so that a yes/partly/no item and
    a five-point item can sit side by side. A scale whose scored options all share one score puts
    them at 1.
    """
    low, high = scale.min_score, scale.max_score
    span = high - low
    scores = [
        (0.0 if o.score is None else (1.0 if span == 0 else (o.score - low) / span))
        for o in scale.options
    ]
    return scores, [o.score is not None for o in scale.options]


def _check_codes(name: str, codes: NDArray[Any], size: int, *, low: int = 0) -> None:
    if codes.size and (int(codes.min()) < low or int(codes.max()) >= size):
        raise ValueError(f"{name} codes must lie in {low}..{size - 1}")


@attrs.frozen(kw_only=True, eq=False)
class Responses:
    """Many completed checklists, columnar.

    Per answer (length ``n_answers``): ``row`` (int32, the submission), ``item`` (int16, into
    ``items``), ``option`` (int8, into that item's ``scale.options``; -1 for a blank answer).
    Answers laid out row by row, every item in order (as an import and :meth:`from_arrays` make
    them), are given without ``row`` and ``item``, which are then worked out when asked for
    (:attr:`row_by_row`): at a million respondents x 20 items they would hold 120 MB that
    counting never reads.
    Per row (length ``n_rows``): ``groups`` (int32, shape ``(n_rows, len(levels))``: the code of
    the row's group path at each level, into ``paths[level]``), ``wave`` (int16, into ``waves``),
    ``dimension_codes`` (int16, shape ``(n_rows, len(dimensions))``, into ``dimension_values``).

    A row is one respondent's submission: within one wave no respondent appears twice (the import
    and :meth:`from_assessments` refuse a repeated token), so respondents are counted as rows.

    Attributes:
        items: The items answered.
        levels: The names of the group levels, top first.
        paths: For each level, the distinct group paths down to it (``paths[0]`` holds paths of
            length 1), sorted.
        waves: The waves, in order (``(None,)`` when the data have none).
        dimensions: Names of extra per-row categories (for cross-tabs and filters).
        dimension_values: For each dimension, its values, sorted.
        packs: ``(pack id, version)`` of every pack the answers were given in.
    """

    items: tuple[ItemInfo, ...]
    levels: tuple[str, ...]
    paths: tuple[tuple[tuple[str, ...], ...], ...]
    groups: NDArray[Any] = attrs.field(repr=False)
    waves: tuple[str | None, ...] = (None,)
    wave: NDArray[Any] = attrs.field(repr=False)
    dimensions: tuple[str, ...] = ()
    dimension_values: tuple[tuple[str, ...], ...] = ()
    dimension_codes: NDArray[Any] = attrs.field(repr=False)
    _row: NDArray[Any] | None = attrs.field(default=None, repr=False, alias="row")
    _item: NDArray[Any] | None = attrs.field(default=None, repr=False, alias="item")
    option: NDArray[Any] = attrs.field(repr=False)
    packs: tuple[tuple[str, str], ...] = ()

    def __attrs_post_init__(self) -> None:
        rows = self.n_rows
        if self.groups.ndim != 2 or self.groups.shape[1] != len(self.levels):
            raise ValueError("groups must have one column per level")
        if len(self.paths) != len(self.levels):
            raise ValueError("paths must have one entry per level")
        if self.wave.shape != (rows,):
            raise ValueError("wave must have one code per row")
        if self.dimension_codes.shape != (rows, len(self.dimensions)):
            raise ValueError("dimension_codes must have one column per dimension")
        if (self._row is None) != (self._item is None):
            raise ValueError(
                "row and item go together: give both, or neither for answers laid out row by row"
            )
        if self._row is not None and self._item is not None:
            if not (self.option.shape == self._row.shape == self._item.shape):
                raise ValueError("row, item and option must have one entry per answer")
        elif self.option.shape != (rows * len(self.items),):
            raise ValueError("option must have one entry per row and item, row by row")
        for level, paths in enumerate(self.paths):
            _check_codes(f"group (level {level})", self.groups[:, level], len(paths))
        _check_codes("wave", self.wave, len(self.waves))
        for d, values in enumerate(self.dimension_values):
            _check_codes(
                f"dimension {self.dimensions[d]!r}", self.dimension_codes[:, d], len(values)
            )
        if self._row is not None and self._item is not None:
            _check_codes("row", self._row, rows)
            _check_codes("item", self._item, len(self.items))
        if self.items and self.option.size and not self._options_fit():
            raise ValueError("option codes must lie within each item's scale (or be -1)")

    def _options_fit(self) -> bool:
        """Whether every option code is -1 or on its item's scale."""
        import numpy as np

        width = np.asarray([len(i.scale.options) for i in self.items], dtype=np.int16)
        low, high = int(self.option.min()), int(self.option.max())
        if low < MISSING:
            return False
        # Only when some scale is narrower than the largest code is each answer checked.
        if high < int(width.min()):
            return True
        if self.row_by_row:
            return not bool((self.option.reshape(self.n_rows, len(self.items)) >= width).any())
        return not bool((self.option >= width[self.item]).any())

    # -- answers -------------------------------------------------------------------------------

    @property
    def row_by_row(self) -> bool:
        """Whether the answers are laid out row by row with every item in order, their ``row``
        and ``item`` not held but worked out when asked for."""
        return self._row is None

    @property
    def row(self) -> NDArray[Any]:
        """Each answer's row (int32, into the per-row arrays)."""
        if self._row is not None:
            return self._row
        import numpy as np

        return np.repeat(np.arange(self.n_rows, dtype=np.int32), len(self.items))

    @property
    def item(self) -> NDArray[Any]:
        """Each answer's item (int16, into ``items``)."""
        if self._item is not None:
            return self._item
        import numpy as np

        return np.tile(np.arange(len(self.items), dtype=np.int16), self.n_rows)

    # -- sizes ---------------------------------------------------------------------------------

    @property
    def n_rows(self) -> int:
        """Submissions (respondents per wave)."""
        return int(self.groups.shape[0])

    @property
    def n_answers(self) -> int:
        """Answers, blank ones included."""
        return int(self.option.shape[0])

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays."""
        held = (self.groups, self.wave, self.dimension_codes, self._row, self._item, self.option)
        return sum(a.nbytes for a in held if a is not None)

    def __len__(self) -> int:
        return self.n_rows

    def __repr__(self) -> str:
        return (
            f"Responses(rows={self.n_rows}, answers={self.n_answers}, items={len(self.items)}, "
            f"levels={self.levels!r}, waves={self.waves!r})"
        )

    # -- constructors --------------------------------------------------------------------------

    @classmethod
    def from_arrays(
        cls,
        *,
        items: Sequence[ItemInfo],
        levels: Sequence[str],
        group_paths: Sequence[Sequence[str]],
        options: NDArray[Any],
        waves: Sequence[str | None] | None = None,
        dimensions: Mapping[str, Sequence[str]] | None = None,
        packs: Sequence[tuple[str, str]] = (),
    ) -> Responses:
        """Build from one row per respondent: a matrix of option codes, one column per item.

        Args:
            items: The items, one per column of ``options``.
            levels: Names of the group levels.
            group_paths: Each row's group path (one name per level).
            options: ``(rows, items)`` option codes, -1 for blank.
            waves: Each row's wave, or None for data without waves.
            dimensions: Extra per-row categories by name, each a value per row.
            packs: ``(pack id, version)`` pairs.
        """
        import numpy as np

        matrix = np.asarray(options, dtype=np.int8)
        rows = len(group_paths)
        if matrix.shape != (rows, len(items)):
            raise ValueError(f"options must be {rows} x {len(items)}, got {matrix.shape}")
        paths, groups = _encode_paths(group_paths, len(levels))
        wave_names, wave_codes = _encode_values(
            [None] * rows if waves is None else list(waves), sort=True
        )
        dims = dict(dimensions or {})
        dim_values: list[tuple[str, ...]] = []
        dim_codes = np.zeros((rows, len(dims)), dtype=np.int16)
        for d, values in enumerate(dims.values()):
            names, codes = _encode_values(list(values), sort=True)
            dim_values.append(tuple(str(n) for n in names))
            dim_codes[:, d] = codes
        return cls(
            items=tuple(items),
            levels=tuple(levels),
            paths=paths,
            groups=groups,
            waves=tuple(wave_names),
            wave=wave_codes,
            dimensions=tuple(dims),
            dimension_values=tuple(dim_values),
            dimension_codes=dim_codes,
            option=matrix.reshape(-1),
            packs=tuple(packs),
        )

    @classmethod
    def from_assessments(
        cls,
        assessments: Iterable[Assessment],
        catalog: Catalog,
        *,
        levels: Sequence[str] | None = None,
    ) -> Responses:
        """Build from completed checklists, checking each against the catalog.

        Comments are not carried over: free text never reaches an aggregate.

        Args:
            assessments: The completed checklists; their group paths must all have one name per
                level.
            catalog: The content they were answered in.
            levels: Names of the group levels; by default ``level-1``, ``level-2``...

        Raises:
            RecordError: An assessment names a pack, checklist or item that does not exist, an
                answer not on the scale, a group path of the wrong depth, or repeats a
                respondent token within one wave. The field is a path such as
                ``$[3].answers[1].value``.
        """
        import numpy as np

        records = list(assessments)
        if not records:
            raise RecordError("no assessments given: expected at least one completed checklist")
        depth = len(records[0].group) if levels is None else len(levels)
        level_names = (
            tuple(levels) if levels is not None else tuple(f"level-{i + 1}" for i in range(depth))
        )
        from ._answer_coder import AnswerCoder, check_row

        coder = AnswerCoder(catalog)
        tokens: dict[tuple[str | None, str], int] = {}
        for r, a in enumerate(records):
            check_row(r, a, level_names, tokens)
            coder.add(r, a)
        paths, groups = _encode_paths([a.group for a in records], depth)
        wave_names, wave_codes = _encode_values([a.wave for a in records], sort=True)
        return cls(
            items=tuple(coder.items),
            levels=level_names,
            paths=paths,
            groups=groups,
            waves=tuple(wave_names),
            wave=wave_codes,
            dimensions=(),
            dimension_values=(),
            dimension_codes=np.zeros((len(records), 0), dtype=np.int16),
            row=np.asarray(coder.rows, dtype=np.int32),
            item=np.asarray(coder.codes, dtype=np.int16),
            option=np.asarray(coder.options, dtype=np.int8),
            packs=tuple(sorted(coder.packs.items())),
        )

    # -- selections ----------------------------------------------------------------------------

    def select_rows(self, mask: NDArray[Any]) -> Responses:
        """The responses of the rows where ``mask`` is true (dictionaries unchanged)."""
        import numpy as np

        keep = np.asarray(mask, dtype=bool)
        if self.row_by_row:
            # Whole rows are kept, so what is left is laid out row by row too.
            return attrs.evolve(
                self,
                groups=self.groups[keep],
                wave=self.wave[keep],
                dimension_codes=self.dimension_codes[keep],
                option=self.option.reshape(self.n_rows, len(self.items))[keep].reshape(-1),
            )
        new_index = np.cumsum(keep, dtype=np.int64) - 1
        answer_keep = keep[self.row]
        return attrs.evolve(
            self,
            groups=self.groups[keep],
            wave=self.wave[keep],
            dimension_codes=self.dimension_codes[keep],
            row=new_index[self.row[answer_keep]].astype(np.int32),
            item=self.item[answer_keep],
            option=self.option[answer_keep],
        )

    def select_items(self, refs: Iterable[str]) -> Responses:
        """Only the answers to these items (references ``pack-id:item-id``), and only the rows
        that answered (or left blank) at least one of them."""
        import numpy as np

        wanted = set(refs)
        chosen = [i for i, info in enumerate(self.items) if info.ref in wanted]
        remap = np.full(len(self.items), -1, dtype=np.int16)
        remap[chosen] = np.arange(len(chosen), dtype=np.int16)
        if self.row_by_row and chosen:
            # Every row answers (or leaves blank) each chosen item: the rows stay, row by row.
            matrix = self.option.reshape(self.n_rows, len(self.items))
            return attrs.evolve(
                self,
                items=tuple(self.items[i] for i in chosen),
                option=np.ascontiguousarray(matrix[:, chosen]).reshape(-1),
            )
        new_item = remap[self.item]
        keep = new_item >= 0
        narrowed = attrs.evolve(
            self,
            items=tuple(self.items[i] for i in chosen),
            row=self.row[keep],
            item=new_item[keep],
            option=self.option[keep],
        )
        has_answers = np.bincount(narrowed.row, minlength=self.n_rows) > 0
        return narrowed if bool(has_answers.all()) else narrowed.select_rows(has_answers)

    def select_scope(self, scope: Scope) -> Responses:
        """Only the answers to checklists of one scope (individual, team, organisational)."""
        return self.select_items(i.ref for i in self.items if i.scope is scope)

    def path_of(self, level: int, code: int) -> tuple[str, ...]:
        """The group path for a code at a level (0 is the first group column)."""
        return self.paths[level][code]


def _encode_values(values: Sequence[Any], *, sort: bool) -> tuple[list[Any], NDArray[Any]]:
    """Dictionary-encode a column of hashable values; None sorts first."""
    import numpy as np

    names = list(dict.fromkeys(values))
    if sort:
        names.sort(key=lambda v: (v is not None, "" if v is None else str(v)))
    index = {v: k for k, v in enumerate(names)}
    dtype = np.int16 if len(names) < 2**15 else np.int32
    return names, np.fromiter((index[v] for v in values), dtype=dtype, count=len(values))


def encode_paths(
    level_names: Sequence[Sequence[str]], level_codes: Sequence[NDArray[Any]]
) -> tuple[tuple[tuple[tuple[str, ...], ...], ...], NDArray[Any]]:
    """The one group-path encoder: from each level's names and each row's code into them, the
    sorted path prefixes in use at every level and each row's code into them.

    Vectorised: the prefix codes of a level and the names of the next are combined into one
    small integer key per row, and a count over the keys stands in for a sort.
    """
    import numpy as np

    rows = len(level_codes[0]) if level_codes else 0
    groups = np.zeros((rows, len(level_codes)), dtype=np.int32)
    paths: list[tuple[tuple[str, ...], ...]] = []
    prefix = np.zeros(rows, dtype=np.int64)
    prefix_paths: list[tuple[str, ...]] = [()]
    for level, codes in enumerate(level_codes):
        names = level_names[level]
        # Names sorted, so that prefixes come out in sorted order.
        order = sorted(range(len(names)), key=lambda k: names[k])
        rank = np.empty(max(len(names), 1), dtype=np.int64)
        rank[order] = np.arange(len(names))
        width = max(len(names), 1)
        key = prefix * width + rank[np.asarray(codes, dtype=np.int64)]
        present = np.bincount(key, minlength=len(prefix_paths) * width) > 0
        unique = np.flatnonzero(present)
        remap = np.cumsum(present) - 1
        prefix_paths = [
            (*prefix_paths[int(k) // width], names[order[int(k) % width]]) for k in unique.tolist()
        ]
        prefix = remap[key]
        groups[:, level] = prefix
        paths.append(tuple(prefix_paths))
    return tuple(paths), groups


def _encode_paths(
    group_paths: Sequence[Sequence[str]], depth: int
) -> tuple[tuple[tuple[tuple[str, ...], ...], ...], NDArray[Any]]:
    """Codes of each row's path prefix at every level, and the sorted prefixes per level."""
    names: list[list[str]] = []
    codes: list[NDArray[Any]] = []
    for level in range(depth):
        values, level_codes = _encode_values([str(p[level]) for p in group_paths], sort=False)
        names.append(values)
        codes.append(level_codes)
    if not group_paths or not depth:
        import numpy as np

        return tuple(() for _ in range(depth)), np.zeros((len(group_paths), depth), np.int32)
    return encode_paths(names, codes)
