"""What an import is told about a file: one frozen record, written once, used by every reader.

The command line builds one from its flags; an application builds one in code (or structures it
from TOML or JSON with the library's converter) and passes it to :func:`import_csv` or
:func:`import_frame` for every upload of the same form.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum

import attrs

from .._arguments import expect, expect_mapping_of_names, expect_names
from ..errors import ArgumentError, DataImportError

__all__ = ["ImportOptions", "Layout"]


class Layout(StrEnum):
    """Which forms tool wrote the file, which decides its header rows and metadata columns.

    ``auto`` recognises the tool from the header; ``plain`` is one header row of column names.
    """

    AUTO = "auto"
    PLAIN = "plain"
    MSFORMS = "msforms"
    GOOGLEFORMS = "googleforms"
    QUALTRICS = "qualtrics"
    SURVEYMONKEY = "surveymonkey"
    LIMESURVEY = "limesurvey"


_WHERE = "ImportOptions"


# The converters of the fields that hold names: a lone string is one name, not a sequence of
# letters, and anything but names is refused with the field's name. (mypy's attrs plugin reads
# named functions, not the converters a factory would make.)


def _checklists(value: object) -> tuple[str, ...]:
    return expect_names(_WHERE, "checklists", value)


def _group_columns(value: object) -> tuple[str, ...]:
    return expect_names(_WHERE, "group_columns", value)


def _levels(value: object) -> tuple[str, ...] | None:
    return None if value is None else expect_names(_WHERE, "levels", value)


def _dimension_columns(value: object) -> tuple[str, ...]:
    return expect_names(_WHERE, "dimension_columns", value)


def _identifier_columns(value: object) -> tuple[str, ...]:
    return expect_names(_WHERE, "identifier_columns", value)


def _optional_text(_: object, attribute: attrs.Attribute, value: object) -> None:  # type: ignore[type-arg]
    if value is not None:
        expect(_WHERE, attribute.name, value, str, "a string or None")


def _flag(_: object, attribute: attrs.Attribute, value: object) -> None:  # type: ignore[type-arg]
    expect(_WHERE, attribute.name, value, bool, "True or False")


def _layout(value: object) -> Layout:
    if isinstance(value, str) and value in {m.value for m in Layout}:
        return Layout(value)
    allowed = ", ".join(m.value for m in Layout)
    raise ArgumentError(f"{_WHERE}: layout: expected one of {allowed}, got {value!r:.20}")


def _mapping(_: object, attribute: attrs.Attribute, value: object) -> None:  # type: ignore[type-arg]
    if value is None or isinstance(value, str | os.PathLike):
        return
    table = expect_mapping_of_names(_WHERE, "mapping", value)
    for heading, item in table.items():
        expect(_WHERE, f"mapping[{heading!r:.20}]", item, str, "an item id")


def _delimiter(_: object, attribute: attrs.Attribute, value: str | None) -> None:  # type: ignore[type-arg]
    if value is None:
        return
    expect(_WHERE, "delimiter", value, str, "one character or None")
    if len(value) != 1 or value in '"\r\n' or value.isalnum():
        raise DataImportError(
            f"the delimiter must be one character that is not a letter, a digit, a quote or a "
            f"line break (such as , ; | or a tab), got {value[:5]!r}"
        )


@attrs.frozen(kw_only=True)
class ImportOptions:
    """How to read one forms export.

    Attributes:
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
        layout: The forms tool that wrote the file; ``auto`` recognises it from the header.
        encoding: The text encoding of a CSV; None works it out (a byte-order mark, else UTF-8,
            else cp1252, which the reconciliation then says).
        delimiter: The delimiter of a CSV; found from the header when None.
        sheet: The sheet of a spreadsheet (``.xlsx``, ``.ods``) to read; the first when None.
        rows_are_people: True (the default) for a file of people's responses: a group or
            dimension value that one row alone holds is reported under "(other)", and a wave
            value that one row alone holds is refused (see ``grouping``). False for a file whose
            rows are groups' agreed statements (an organisational self-assessment by consensus,
            one submission per group), where one row per group is the point.
    """

    checklists: tuple[str, ...] = attrs.field(converter=_checklists)
    group_columns: tuple[str, ...] = attrs.field(converter=_group_columns)
    pack: str | None = attrs.field(default=None, validator=_optional_text)
    levels: tuple[str, ...] | None = attrs.field(default=None, converter=_levels)
    wave_column: str | None = attrs.field(default=None, validator=_optional_text)
    wave: str | None = attrs.field(default=None, validator=_optional_text)
    respondent_column: str | None = attrs.field(default=None, validator=_optional_text)
    dimension_columns: tuple[str, ...] = attrs.field(default=(), converter=_dimension_columns)
    identifier_columns: tuple[str, ...] = attrs.field(default=(), converter=_identifier_columns)
    mapping: Mapping[str, str] | str | os.PathLike[str] | None = attrs.field(
        default=None, validator=_mapping
    )
    layout: Layout = attrs.field(default=Layout.AUTO, converter=_layout)
    encoding: str | None = attrs.field(default=None, validator=_optional_text)
    delimiter: str | None = attrs.field(default=None, validator=_delimiter)
    sheet: str | None = attrs.field(default=None, validator=_optional_text)
    rows_are_people: bool = attrs.field(default=True, validator=_flag)

    def __attrs_post_init__(self) -> None:
        if not self.checklists:
            raise DataImportError("name at least one checklist the form asked")
        if not self.group_columns:
            raise DataImportError("name at least one group column (such as the team)")
        if self.levels is not None and len(self.levels) != len(self.group_columns):
            raise DataImportError(
                f"{len(self.levels)} level name(s) for {len(self.group_columns)} group column(s)"
            )
        if self.wave_column is not None and self.wave is not None:
            raise DataImportError("give a wave column or a fixed wave, not both")
        if self.encoding is not None:
            import codecs

            try:
                codecs.lookup(self.encoding)
            except LookupError:
                raise DataImportError(
                    f"{self.encoding[:20]!r} is not a text encoding: try utf-8, utf-16 or cp1252"
                ) from None

    @property
    def level_names(self) -> tuple[str, ...]:
        """The names of the group levels: ``levels``, or else the group column headings."""
        return self.levels or self.group_columns
