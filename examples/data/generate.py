"""Make the example data: a synthetic staff survey and leaders' self-assessment, as a forms tool
exports them. Nobody in these files exists; every answer comes from a seeded random generator.

Run it from anywhere (it finds the pack in this repository)::

    python examples/data/generate.py            # rewrites the CSVs next to this file
    python examples/data/generate.py --out DIR  # writes them somewhere else

The same seed gives the same files, byte for byte; the test suite checks that the committed files
are what this script makes.

The organisation
----------------
One NHS-style crisis organisation with three services and seven teams of quite different sizes,
so that a report has to hide some of them. The sizes are of the rows accepted at import:

=================  =====================  ==========  ==========
Service            Team                   2024        2025
=================  =====================  ==========  ==========
Crisis line        Day team               26          24
Crisis line        Night team             14          15
Home treatment     North team             32          30
Home treatment     South team             18          17
Home treatment     Out of hours team      7           6
Crisis house       Residential team       12          13
Crisis house       Peer support team      4           5
=================  =====================  ==========  ==========

What the numbers are made to show
---------------------------------
- Reflective practice and supervision is the weakest theme everywhere (about 40 out of 100).
- Team wellbeing has the largest I/We gap: the services rate what they provide highly (mostly
  "Yes"), while staff score it around 60.
- The Home treatment North team improves on every theme between 2024 and 2025.
- A few cells are wrong, as in any real export, so the import has something to reject: the answers
  "Maybe" and "N/A" (not on the scale), a blank team and a blank service. Some answers are blank
  (counted as missing, not rejected).

The files
---------
``staff-survey.csv``
    Both rounds of the staff survey, stacked into one file with a ``Survey round`` column added.
    Columns as Microsoft Forms exports them: ``ID``, ``Start time``, ``Completion time``,
    ``Email``, ``Name`` (all dropped at import), then the questions: ``Service``, ``Team``,
    ``Role``, the statements of the individual checklists of the crisis-services pack (several
    per theme: agreement, frequency and yes-or-no questions, one of them with a "Does not
    apply" answer), headed by their wording and answered with the scale's labels ("Agree",
    "Often", "Yes"), and a free-text
    question, which the import drops because it matches no statement.
``leaders-self-assessment.csv``
    The organisational checklists, completed by each service's leaders once a round: one row per
    service and round, answered "Yes", "Partly", "No" or "Not sure".

Both are written as Excel writes "CSV UTF-8": a byte-order mark, commas, Windows line ends, and
quotes around any answer that holds a comma or a line break.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from wellbeing_framework.model.content import Checklist, ResponseScale, Scope
from wellbeing_framework.packs.manager import make_host

SEED = 2026
HERE = Path(__file__).resolve().parent
PACK_DIR = (
    HERE.parent.parent
    / "packs"
    / "wellbeing-pack-crisis-services"
    / "src"
    / "wellbeing_pack_crisis_services"
    / "content"
)
PACK = "crisis-services"
THEMES = ("psychological-safety", "reflective-practice", "team-wellbeing", "looking-after-yourself")
ROUNDS = ("2024", "2025")

# (service, team): respondents accepted in each round.
TEAMS: dict[tuple[str, str], tuple[int, int]] = {
    ("Crisis line", "Day team"): (26, 24),
    ("Crisis line", "Night team"): (14, 15),
    ("Home treatment", "North team"): (32, 30),
    ("Home treatment", "South team"): (18, 17),
    ("Home treatment", "Out of hours team"): (7, 6),
    ("Crisis house", "Residential team"): (12, 13),
    ("Crisis house", "Peer support team"): (4, 5),
}

# Where each theme sits on the 1 to 5 agreement scale for a typical person.
THEME_LEVEL = {
    "psychological-safety": 3.75,
    "reflective-practice": 2.6,
    "team-wellbeing": 3.4,
    "looking-after-yourself": 3.5,
}
# A team's own lean, the same in every theme (a friendly team, a stretched one).
TEAM_LEAN = {
    "Day team": 0.15,
    "Night team": -0.25,
    "North team": -0.3,
    "South team": 0.05,
    "Out of hours team": -0.2,
    "Residential team": 0.2,
    "Peer support team": 0.3,
}
# The North team's change from 2024 to 2025, theme by theme: the improvement to find.
NORTH_GAIN = {
    "psychological-safety": 0.6,
    "reflective-practice": 0.55,
    "team-wellbeing": 0.8,
    "looking-after-yourself": 0.45,
}

# Chance that a service's leaders answer "Yes" to an organisational item, by theme; the rest of
# the answers are mostly "Partly". Team wellbeing is rated highly: the I/We gap to find.
ORG_YES = {
    "psychological-safety": 0.5,
    "reflective-practice": 0.2,
    "team-wellbeing": 0.85,
    "looking-after-yourself": 0.3,
}

ROLES = ("Nurse", "Support worker", "Social worker", "Psychologist", "Call handler", "Admin")
ROLE_WEIGHTS = (0.35, 0.25, 0.15, 0.08, 0.1, 0.07)

FIRST = (
    "Sam",
    "Alex",
    "Jo",
    "Priya",
    "Tom",
    "Aisha",
    "Chris",
    "Megan",
    "Ravi",
    "Kate",
    "Dan",
    "Lucy",
    "Owen",
    "Nadia",
    "Ben",
    "Hannah",
    "Femi",
    "Zoe",
    "Imran",
    "Ellie",
)
LAST = (
    "Patel",
    "Jones",
    "Smith",
    "Okafor",
    "Williams",
    "Brown",
    "Khan",
    "Taylor",
    "Evans",
    "Wilson",
    "Hughes",
    "Ahmed",
    "Clarke",
    "Davies",
    "Murphy",
    "Walsh",
)

COMMENTS = (
    "Handovers run over most nights, so breaks get squeezed.",
    "Supervision keeps getting cancelled when we are short-staffed.",
    "The huddles have really helped, thank you.",
    "I'd like more time to think, not just react.\nThe debrief after the March incident was good.",
    "More rest space, please, on the ward and for the community staff.",
    'Some of this felt hard to answer "for the team" rather than for me.',
)
FREE_TEXT = "Is there anything else you would like to tell us?"

# Rows spoiled on purpose (round, service, team, index within the team in that round): the cell,
# and what it holds. The spoiled rows are extra: the team sizes above are of the rows accepted.
SPOILED = (
    ("2024", ("Home treatment", "North team"), "answer", "Maybe"),
    ("2024", ("Crisis line", "Day team"), "Team", ""),
    ("2025", ("Home treatment", "South team"), "answer", "N/A"),
    ("2025", ("Crisis line", "Day team"), "Service", ""),
)


def _checklists(scope: str) -> list[tuple[Checklist, ResponseScale]]:
    """Every checklist of one scope, theme by theme, with its scale (a theme may have several
    checklists, one per scale: agreement, frequency, yes or no)."""
    catalog = make_host(autoload=False, pack_dirs=[PACK_DIR]).catalog()
    out = []
    for theme in THEMES:
        found = catalog.checklists(PACK, theme=theme, scope=Scope(scope))
        if not found:
            raise SystemExit(f"expected a {scope} checklist for {theme}, found none")
        out.extend((c, catalog.scale(c.scale, pack=PACK)) for c in found)
    return out


def _answer(rng: np.random.Generator, scale: ResponseScale, level: float) -> str:
    """One person's answer on an item's scale, given where they sit on a 1 to 5 level."""
    draw = level + rng.normal(0.0, 0.7)
    options = {o.value: o.label for o in scale.options}
    if "does-not-apply" in options and rng.random() < 0.35:
        return options["does-not-apply"]  # not involved in an incident this year
    if "yes" in options and "partly" not in options:
        return options["yes"] if draw > 3.0 else options["no"]
    labels = [o.label for o in scale.options]  # agree-5 or frequency-5, lowest first
    return labels[int(np.clip(np.rint(draw), 1, 5)) - 1]


def _times(rng: np.random.Generator, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time(8)) + dt.timedelta(
        minutes=int(rng.integers(0, 11 * 60)), seconds=int(rng.integers(0, 60))
    )
    return start, start + dt.timedelta(seconds=int(rng.integers(180, 900)))


def _forms_time(t: dt.datetime) -> str:
    """A time as Microsoft Forms writes it: M/D/YY H:MM:SS."""
    return f"{t.month}/{t.day}/{t:%y} {t.hour}:{t:%M:%S}"


def _person(rng: np.random.Generator) -> tuple[str, str]:
    first, last = FIRST[int(rng.integers(len(FIRST)))], LAST[int(rng.integers(len(LAST)))]
    return f"{first.lower()}.{last.lower()}@example.org", f"{first} {last}"


def staff_rows(rng: np.random.Generator) -> tuple[list[str], list[list[str]]]:
    """The staff survey: a header and one row per completed form, both rounds."""
    items = [
        (c.theme, item.text, scale) for c, scale in _checklists("individual") for item in c.items
    ]
    agreement = [k for k, (_, _, scale) in enumerate(items) if scale.id == "agree-5"]
    header = [
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Service",
        "Team",
        "Role",
        "Survey round",
        *(text for _, text, _ in items),
        FREE_TEXT,
    ]
    # Each team's staff, the same people in both rounds (most answer both): who they are, their
    # role, and how they tend to answer. Keeping people from round to round, as in a real team,
    # means a change between rounds reflects the team, not a new draw of people.
    staff: dict[tuple[str, str], list[tuple[str, str, str, float]]] = {}
    for (service, team), sizes in TEAMS.items():
        people = max(sizes) + sum(1 for s in SPOILED if s[1] == (service, team))
        staff[(service, team)] = [
            (
                *_person(rng),
                "Peer support worker"
                if team == "Peer support team"
                else ROLES[int(rng.choice(len(ROLES), p=ROLE_WEIGHTS))],
                float(rng.normal(0.0, 0.45)),
            )
            for _ in range(people)
        ]
    rows: list[list[str]] = []
    for r, wave in enumerate(ROUNDS):
        opened = dt.date(2024 + r, 3, 4)
        export: list[tuple[dt.datetime, list[str]]] = []
        for (service, team), sizes in TEAMS.items():
            spoiled = [s for s in SPOILED if s[0] == wave and s[1] == (service, team)]
            for k in range(sizes[r] + len(spoiled)):
                start, end = _times(rng, opened + dt.timedelta(days=int(rng.integers(0, 21))))
                email, name, role, person = staff[(service, team)][k]
                answers = []
                for theme, _, scale in items:
                    level = THEME_LEVEL[theme] + TEAM_LEAN[team] + person
                    if team == "North team" and wave == ROUNDS[1]:
                        level += NORTH_GAIN[theme]
                    answer = _answer(rng, scale, level)
                    answers.append("" if rng.random() < 0.02 else answer)
                comment = COMMENTS[int(rng.integers(len(COMMENTS)))] if rng.random() < 0.12 else ""
                row = [
                    "",
                    _forms_time(start),
                    _forms_time(end),
                    email,
                    name,
                    service,
                    team,
                    role,
                    wave,
                    *answers,
                    comment,
                ]
                # The spoiled rows are the first rows of their team, in the order listed.
                if k < len(spoiled):
                    _, _, cell, value = spoiled[k]
                    if cell == "answer":
                        # On an agreement item, where "Maybe" and "N/A" are plainly off the
                        # scale ("N/A" could pass for "Does not apply" elsewhere).
                        row[9 + agreement[int(rng.integers(len(agreement)))]] = value
                    else:
                        row[header.index(cell)] = value
                export.append((end, row))
        # Each round is its own export, in the order forms came in, numbered from 1.
        export.sort(key=lambda pair: pair[0])
        for number, (_, row) in enumerate(export, start=1):
            row[0] = str(number)
            rows.append(row)
    return header, rows


def leader_rows(rng: np.random.Generator) -> tuple[list[str], list[list[str]]]:
    """The leaders' self-assessment: one row per service and round."""
    checklists = _checklists("organisational")
    labels = {o.value: o.label for o in checklists[0][1].options}
    items = [(c.theme, item.text) for c, _ in checklists for item in c.items]
    header = [
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Service",
        "Survey round",
        *(text for _, text in items),
    ]
    rows: list[list[str]] = []
    services = list(dict.fromkeys(service for service, _ in TEAMS))
    for r, wave in enumerate(ROUNDS):
        for number, service in enumerate(services, start=1):
            start, end = _times(rng, dt.date(2024 + r, 2, 12) + dt.timedelta(days=number))
            email, name = _person(rng)
            answers = []
            for theme, _ in items:
                draw = rng.random()
                yes = ORG_YES[theme]
                if draw < yes:
                    value = "yes"
                elif draw < yes + (1 - yes) * 0.75:
                    value = "partly"
                elif draw < 0.97:
                    value = "no"
                else:
                    value = "not-sure"
                answers.append(labels[value])
            rows.append(
                [
                    str(number),
                    _forms_time(start),
                    _forms_time(end),
                    email,
                    name,
                    service,
                    wave,
                    *answers,
                ]
            )
    return header, rows


def to_csv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """The table as Excel's "CSV UTF-8" writes it: a byte-order mark and Windows line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def generate() -> dict[str, bytes]:
    """The example files by name, made from the fixed seed."""
    rng = np.random.default_rng(SEED)
    staff = to_csv(*staff_rows(rng))
    leaders = to_csv(*leader_rows(rng))
    return {"staff-survey.csv": staff, "leaders-self-assessment.csv": leaders}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write to")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in generate().items():
        (args.out / name).write_bytes(data)
        print(f"wrote {args.out / name} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
