"""Completed checklists (assessments) coded as answers, for :meth:`Responses.from_assessments
<wellbeing_framework.analysis.responses.Responses.from_assessments>`: each assessment's group
path and respondent token checked, and each answer turned into item and option codes, checked
against the catalog, with errors that name the record and field."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from .._words import plural
from ..errors import ElementNotFoundError, RecordError
from ..model.content import Checklist
from .responses import MISSING, ItemInfo, checklist_items

if TYPE_CHECKING:
    from ..model.assessment import Assessment
    from ..packs.catalog import Catalog

__all__ = ["AnswerCoder", "check_row"]


def check_row(
    r: int,
    a: Assessment,
    level_names: tuple[str, ...],
    tokens: dict[tuple[str | None, str], int],
) -> None:
    """Refuse an assessment whose group path has the wrong depth, or whose respondent token
    was used before in the same wave (``tokens`` remembers where each was first seen)."""
    if len(a.group) != len(level_names):
        raise RecordError(
            f"the group path {list(a.group)} has {plural(len(a.group), 'level')}; expected "
            f"{len(level_names)} ({', '.join(level_names)})",
            field=f"$[{r}].group",
        )
    if a.respondent is not None:
        key = (a.wave, a.respondent)
        if key in tokens:
            raise RecordError(
                f"the respondent token is used again in wave {a.wave!r} (first at "
                f"$[{tokens[key]}]): one response per respondent and wave",
                field=f"$[{r}].respondent",
            )
        tokens[key] = r


@attrs.define
class AnswerCoder:
    """Turns assessments' answers into item and option codes, checked against the catalog.

    Items are numbered in the order their checklists are first met; each answer becomes one
    entry of ``rows``, ``codes`` and ``options``.
    """

    catalog: Catalog
    items: list[ItemInfo] = attrs.Factory(list)
    item_index: dict[tuple[str, str], int] = attrs.Factory(dict)
    option_index: list[dict[str, int]] = attrs.Factory(list)
    packs: dict[str, str] = attrs.Factory(dict)
    resolved: dict[tuple[str, str], tuple[str, str]] = attrs.Factory(dict)
    rows: list[int] = attrs.Factory(list)
    codes: list[int] = attrs.Factory(list)
    options: list[int] = attrs.Factory(list)

    def add(self, r: int, a: Assessment) -> None:
        """Code the answers of assessment ``r``."""
        checklist_ref = self._checklist(r, a)
        # Locals, not attributes, in the loop over answers: it runs once an answer.
        item_index, option_index = self.item_index, self.option_index
        rows, codes, options = self.rows, self.codes, self.options
        for j, answer in enumerate(a.answers):
            code = item_index.get((checklist_ref, answer.item))
            if code is None:
                raise RecordError(
                    f"checklist {checklist_ref!r} has no item {answer.item!r}",
                    field=f"$[{r}].answers[{j}].item",
                )
            value = answer.value
            option = MISSING if value is None else option_index[code].get(value)
            if option is None:
                raise self._off_scale(code, value, f"$[{r}].answers[{j}].value")
            rows.append(r)
            codes.append(code)
            options.append(option)

    def _checklist(self, r: int, a: Assessment) -> str:
        """The assessment's checklist as ``pack-id:checklist-id``, its items numbered.

        Each pack and checklist named is looked up in the catalog once, not once a record.
        """
        known = self.resolved.get((a.pack, a.checklist))
        if known is None:
            try:
                pack = self.catalog.pack(a.pack)
                found = self.catalog.find(a.checklist, pack=a.pack)
            except ElementNotFoundError as exc:
                raise RecordError(str(exc), field=f"$[{r}].checklist") from None
            if not isinstance(found.element, Checklist) or found.item is not None:
                raise RecordError(f"{a.checklist!r} is not a checklist", field=f"$[{r}].checklist")
            known = (pack.id, f"{found.pack.id}:{found.element.id}")
            self.resolved[(a.pack, a.checklist)] = known
            self._number_items(known[1])
        self.packs.setdefault(known[0], a.pack_version)
        return known[1]

    def _number_items(self, checklist_ref: str) -> None:
        """Give the items of a checklist met for the first time their codes, in order."""
        if any(i.checklist == checklist_ref for i in self.items):
            return  # the same checklist, named another way (an old id)
        for info in checklist_items(self.catalog, [checklist_ref]):
            self.item_index[(checklist_ref, info.id)] = len(self.items)
            self.option_index.append({o.value: k for k, o in enumerate(info.scale.options)})
            self.items.append(info)

    def _off_scale(self, code: int, value: str | None, field: str) -> RecordError:
        """The error for an answer to item ``code`` that is not on its scale."""
        allowed = ", ".join(self.option_index[code])
        return RecordError(
            f"{value!r} is not on the scale {self.items[code].scale.id!r} "
            f"(expected one of {allowed})",
            field=field,
        )
