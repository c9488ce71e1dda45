"""The release ledger's part in writing a report: what was published before, and the record.

``wellbeing report`` and ``wellbeing demo`` both make a report from a staff file (and perhaps
a leaders' file) through the ledger; this is the one place that says what "the same data" is.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import attrs

from ..errors import PrivacyError

if TYPE_CHECKING:
    from ..analysis.audit import Release
    from ..analysis.import_result import ImportResult
    from ..analysis.ledger import FileHashing, Ledger


@attrs.frozen(kw_only=True)
class Prior:
    """What the ledger holds for a report about to be made.

    Attributes:
        data: The fingerprint of the staff data (the file's bytes and the rows refused).
        source: The fingerprint of the staff file's bytes alone.
        rejected: The rows of the staff file the import refused.
        leaders: The fingerprint of the leaders' data, when there is a leaders' file.
        leaders_source, leaders_rejected: As ``source`` and ``rejected``, of the leaders' file.
        earlier: Every earlier report of the same staff data.
        organisational: Every earlier organisational survey of the same leaders' data.
    """

    data: str
    source: str
    rejected: tuple[int, ...]
    leaders: str | None
    leaders_source: str | None = None
    leaders_rejected: tuple[int, ...] = ()
    earlier: tuple[Release, ...]
    organisational: tuple[Release, ...]


def _keys(
    file: str, imported: ImportResult, hashing: FileHashing | None = None
) -> tuple[str, str, tuple[int, ...]]:
    """The data's fingerprint, the file's, and the rows refused. The same data is the same
    file with the same rows accepted. ``hashing``, when given, is the file already being read
    (``analysis.ledger.FileHashing``)."""
    from ..analysis.ledger import file_fingerprints

    rejected = tuple(sorted({r.row for r in imported.reconciliation.rejections}))
    extra = json.dumps(list(rejected)).encode()
    data, source = (
        file_fingerprints(file, extra) if hashing is None else hashing.fingerprints(extra)
    )
    return data, source, rejected


def prior(
    ledger: Ledger,
    file: str,
    imported: ImportResult,
    leaders_file: str | None = None,
    leaders: ImportResult | None = None,
    *,
    hashing: FileHashing | None = None,
) -> Prior:
    """What was published before from the same staff data and the same leaders' data;
    ``hashing`` is the staff file being read already, if it is.

    Raises:
        PrivacyError: An earlier report of the staff file refused other rows of it.
    """
    data, source, rejected = _keys(file, imported, hashing)
    _same_rows(ledger, file, source, rejected)
    leaders_data = leaders_source = None
    leaders_rejected: tuple[int, ...] = ()
    if leaders_file is not None and leaders is not None:
        leaders_data, leaders_source, leaders_rejected = _keys(leaders_file, leaders)
        _same_rows(ledger, leaders_file, leaders_source, leaders_rejected, leaders=True)
    return Prior(
        data=data,
        source=source,
        rejected=rejected,
        leaders=leaders_data,
        leaders_source=leaders_source,
        leaders_rejected=leaders_rejected,
        earlier=tuple(ledger.releases(data)),
        organisational=(
            () if leaders_data is None else tuple(ledger.organisational_releases(leaders_data))
        ),
    )


def _same_rows(
    ledger: Ledger, file: str, source: str, rejected: tuple[int, ...], *, leaders: bool = False
) -> None:
    """Refuse a report of a file that an earlier one made of other rows of it.

    Which rows an import refuses depends on the options (a blank team refuses its row when Team
    is a group column, not otherwise; a bad answer only when its statement's checklist is
    read). Two such reports are of other data to the ledger, yet differ by those rows alone:
    set side by side, one's service of 25 beside the other's 24 is that one person, answers
    and all. The same holds of a leaders' file answered as a survey.
    """
    for entry, theirs in ledger.other_rows(source, rejected, leaders=leaders):
        differ = sorted(set(theirs) ^ set(rejected))
        rows = ", ".join(map(str, differ[:10])) + (", ..." if len(differ) > 10 else "")
        one = len(differ) == 1
        raise PrivacyError(
            f"{file}: ledger entry {entry} is a report of this file that refused other rows "
            f"(row{'' if one else 's'} {rows} {'is' if one else 'are'} refused by one and not "
            "the other): set side by side, the two reports would show those rows' answers. "
            "Make this report with the group, wave and statement choices of that one, or put "
            "those rows right in the file (see 'wellbeing import ... --check'); if that report "
            f"was never shared, 'wellbeing ledger forget {entry}'"
        )


def record(ledger: Ledger, prior: Prior, published: str, description: str) -> int:
    """Record a report as published (its JSON text); its entry's id."""
    return ledger.record(
        prior.data,
        published,
        description,
        organisational=prior.leaders,
        source=prior.source,
        rejected=prior.rejected,
        leaders_source=prior.leaders_source,
        leaders_rejected=prior.leaders_rejected,
    )
