"""The optional keys added to the pack format: what a tool addresses, an agenda that is only a
suggested shape, a size that is advice, and a schedule by time in role. Each reads, writes back
the same, and fails with the file, the line and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from wellbeing_framework import PackFormatError, SessionType, Theme, Tool, read_pack, write_pack
from wellbeing_framework.model import Cadence

PACK_TOML = """id = "nights"
title = "Nights"
version = "1.0.0"
summary = "Rest on nights."

[[sources]]
title = "Our own guide"
publisher = "Us"
"""

THEME = """+++
kind = "theme"
id = "rest"
+++
# Rest

## I statements

- `rest-i-breaks` I get my breaks.
"""

CHECKLIST = """+++
kind = "checklist"
id = "rest-me"
theme = "rest"
scope = "individual"
scale = "frequency-5"
+++
# Rest: how often

- `rest-ind-breaks` I take the breaks I am due.
"""

TOOL = """+++
kind = "tool"
id = "break-plan"
themes = ["rest"]
addresses = ["rest", "rest-ind-breaks", "rest-i-breaks"]
+++
# Planning breaks

Agree who covers whom.
"""

SESSION = """+++
kind = "session-type"
id = "debrief"
cadence = "monthly"
max_participants = 8
max_participants_advice = true
agenda_fixed = false
closing = "db-close"
schedule = [
  { until_week = 6, cadence = "weekly" },
  { until_week = 26, cadence = "fortnightly" },
]
+++
# Debrief

## Agenda

1. `db-open` Open.
2. `db-close` Close.
"""


def _pack(folder: Path, **files: str) -> Path:
    contents = {"theme.md": THEME, "checklist.md": CHECKLIST, "tool.md": TOOL}
    contents["session.md"] = SESSION
    contents.update(files)
    folder.mkdir(exist_ok=True)
    (folder / "pack.toml").write_text(PACK_TOML, encoding="utf-8")
    for name, text in contents.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_new_keys_read_and_write_back_the_same(tmp_path: Path) -> None:
    pack = read_pack(_pack(tmp_path / "in"))
    tool = pack.element("break-plan")
    assert isinstance(tool, Tool)
    assert tool.addresses == ("rest", "rest-ind-breaks", "rest-i-breaks")
    session = pack.element("debrief")
    assert isinstance(session, SessionType)
    assert (session.agenda_fixed, session.max_participants_advice) == (False, True)
    assert [(s.until_week, s.cadence) for s in session.schedule] == [
        (6, Cadence.WEEKLY),
        (26, Cadence.FORTNIGHTLY),
    ]
    write_pack(pack, tmp_path / "out")
    assert read_pack(tmp_path / "out") == pack


def test_a_pack_without_the_new_keys_means_what_it_always_did(tmp_path: Path) -> None:
    plain_tool = TOOL.replace('addresses = ["rest", "rest-ind-breaks", "rest-i-breaks"]\n', "")
    plain_session = "\n".join(
        line
        for line in SESSION.splitlines()
        if not line.startswith(("max_participants_advice", "agenda_fixed", "schedule", "  {", "]"))
    )
    pack = read_pack(_pack(tmp_path / "p", **{"tool.md": plain_tool, "session.md": plain_session}))
    session = pack.element("debrief")
    assert isinstance(session, SessionType)
    assert session.agenda_fixed is True
    assert session.max_participants_advice is False
    assert session.schedule == ()
    assert session.cadence_at(2) is Cadence.MONTHLY
    assert pack.element("break-plan").addresses == ()  # type: ignore[union-attr]


def test_the_cadence_by_weeks_in_the_role(tmp_path: Path) -> None:
    session = read_pack(_pack(tmp_path / "p")).element("debrief")
    assert isinstance(session, SessionType)
    assert [session.cadence_at(w) for w in (0, 5.9, 6, 25, 26, 100)] == [
        Cadence.WEEKLY,
        Cadence.WEEKLY,
        Cadence.FORTNIGHTLY,
        Cadence.FORTNIGHTLY,
        Cadence.MONTHLY,
        Cadence.MONTHLY,
    ]
    assert session.cadence_at(None) is Cadence.MONTHLY  # not new to the role


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        ('[{ until_week = 0, cadence = "weekly" }]', "until_week: must be at least 1, got 0"),
        (
            '[{ until_week = 26, cadence = "weekly" }, { until_week = 6, cadence = "weekly" }]',
            "schedule: the steps of a schedule go in order of until_week",
        ),
        ('[{ until_week = 6, cadence = "ad-hoc" }]', "needs a regular cadence, not ad-hoc"),
        ('[{ until_week = 6, cadence = "daily" }]', "expected one of 'weekly'"),
        ('[{ until = 6, cadence = "weekly" }]', "unknown key until: expected only"),
    ],
)
def test_a_bad_schedule_names_the_file_and_line(
    tmp_path: Path, schedule: str, expected: str
) -> None:
    start = SESSION.index("schedule = [")
    end = SESSION.index("]\n+++") + 2
    session = SESSION[:start] + f"schedule = {schedule}\n" + SESSION[end:]
    with pytest.raises(PackFormatError) as caught:
        read_pack(_pack(tmp_path / "p", **{"session.md": session}))
    message = str(caught.value)
    assert "session.md:" in message
    assert expected in message


def test_addresses_must_name_something_in_the_pack(tmp_path: Path) -> None:
    tool = TOOL.replace('"rest-i-breaks"]', '"rest-i-breaks", "no-such-item", "break-plan"]')
    with pytest.raises(PackFormatError) as caught:
        read_pack(_pack(tmp_path / "p", **{"tool.md": tool}))
    message = str(caught.value)
    assert "tool.md:5: addresses: 'no-such-item' is nothing a tool can address" in message
    # A tool does not address another tool (or itself).
    assert "addresses: 'break-plan' is nothing a tool can address" in message


THEME_WITH_PROMPTS = """+++
kind = "theme"
id = "rest"

[prompt_addresses]
rest-prompt-last = ["rest-ind-breaks"]
+++
# Rest

## I statements

- `rest-i-breaks` I get my breaks.

## Reflective prompts

- `rest-prompt-last` When did you last take a full break? What made it possible?
- `rest-prompt-cover` Who covers for you, and for whom do you cover?
"""


def test_what_a_prompt_addresses_reads_and_writes_back_the_same(tmp_path: Path) -> None:
    pack = read_pack(_pack(tmp_path / "in", **{"theme.md": THEME_WITH_PROMPTS}))
    theme = pack.element("rest")
    assert isinstance(theme, Theme)
    assert [(p.id, p.addresses) for p in theme.prompts] == [
        ("rest-prompt-last", ("rest-ind-breaks",)),
        ("rest-prompt-cover", ()),
    ]
    write_pack(pack, tmp_path / "out")
    written = (tmp_path / "out" / "themes" / "01-rest.md").read_text(encoding="utf-8")
    assert '[prompt_addresses]\nrest-prompt-last = ["rest-ind-breaks"]\n+++' in written
    assert read_pack(tmp_path / "out") == pack


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (
            'rest-prompt-gone = ["rest"]',
            "theme.md:6: prompt_addresses: 'rest-prompt-gone' is not a prompt of this element "
            "(rest-prompt-last, rest-prompt-cover)",
        ),
        ('rest-prompt-last = "rest"', "theme.md:6: prompt_addresses: rest-prompt-last expected"),
        (
            'rest-prompt-last = ["nothing-here"]',
            "prompt_addresses: 'nothing-here' is nothing a prompt can address in this pack",
        ),
        ('rest-prompt-last = ["Not An Id"]', "'Not An Id' is not a valid reference"),
    ],
)
def test_a_bad_prompt_address_names_the_file_and_line(
    tmp_path: Path, table: str, expected: str
) -> None:
    theme = THEME_WITH_PROMPTS.replace('rest-prompt-last = ["rest-ind-breaks"]', table)
    with pytest.raises(PackFormatError) as caught:
        read_pack(_pack(tmp_path / "p", **{"theme.md": theme}))
    assert expected in str(caught.value)
