"""A new pack to start from: a folder that validates as it stands, for an author to rewrite.

It holds ``pack.toml``, a ``README.md`` for the people who will look after the pack, and one of
the commonest elements: a theme with 'I' and 'We' statements and reflective prompts, a checklist
for that theme, and a tool. The words are placeholders that say what belongs where.
"""

from __future__ import annotations

from pathlib import Path

from .._files import write_new_folder
from ..errors import WellbeingError
from ..model._ids import ID_RULE, is_id
from ._tomlwrite import toml_value

__all__ = ["new_pack"]

_PACK_TOML = """\
# The pack's details. Every key is explained in docs/pack-format.md.
id = {id}
title = {title}
version = "0.1.0"
summary = "What this pack is for, who it is for, and where its content comes from."
language = "en-GB"
sectors = []

[[sources]]
title = "The document or framework this pack's content comes from"
publisher = "Who published it"
"""

_README = """\
# {title}

This folder is a wellbeing_framework pack. Each `.md` file in it (apart from this one) is one
element of the pack: a theme, a checklist, a tool, a reflective model or a session type.

Check your changes with:

    wellbeing validate {folder}

and add ids to new statements, items and prompts with:

    wellbeing stamp-ids {folder}

The format is described in full in the library's docs/pack-format.md.
"""

_THEME = """\
+++
kind = "theme"
id = "example-theme"
order = 1
+++
# Example theme

A few sentences that say what this theme is about and why it matters to the people it is for.
Rename the file, the id and the title to suit your own theme.

## What good looks like

Describe how things are when this theme is going well, for people and for the organisation.

## I statements

- `ex-i-time-to-reflect` I have time in my working week to stop and think about my work.
- `ex-i-can-ask` I can ask for support when I need it, and I know who to ask.

## We statements

- `ex-we-protect-time` We protect time for reflection, even when the service is busy.
- `ex-we-respond` We respond to requests for support quickly and without judgement.

## Reflective prompts

- `ex-prompt-last-pause` When did you last have time to pause and think about your work?
- `ex-prompt-one-change` What one change would make it easier to ask for support here?
"""

_CHECKLIST = """\
+++
kind = "checklist"
id = "example-checklist"
theme = "example-theme"
scope = "individual"
scale = "agree-5"
order = 1
+++
# Example theme: how it is for me

A short self-assessment for anyone in the team. Answer for how things usually are.

## Items

- `ex-item-time` I have time to reflect on my work most weeks.

  A note under an item is guidance: an example to think of, or the evidence to look for.

- `ex-item-support` I know how to get support when my work affects me.
"""

_TOOL = """\
+++
kind = "tool"
id = "example-tool"
themes = ["example-theme"]
uses = ["team"]
+++
# Example tool

A practical tool is free Markdown: a guide, an exercise or a plan to fill in.

## How to use it

1. Read it through with your team.
2. Agree one thing to try before you next meet.
"""


def new_pack(folder: str | Path, pack_id: str, *, title: str | None = None) -> Path:
    """Create a new pack folder that validates as it stands.

    Args:
        folder: Where to create it; it must not exist yet, or be empty.
        pack_id: The pack's id.
        title: The pack's title (default: made from the id).

    Returns:
        The folder.

    Raises:
        WellbeingError: The id is not valid.
        FileError: The folder is not empty, or cannot be written.
    """
    if not is_id(pack_id):
        raise WellbeingError(f"{pack_id!r} is not a valid pack id: {ID_RULE}")
    target = Path(folder)
    title = title or pack_id.replace("-", " ").capitalize()
    files = {
        "pack.toml": _PACK_TOML.format(id=toml_value(pack_id), title=toml_value(title)),
        "README.md": _README.format(title=title, folder=target.as_posix()),
        "themes/example-theme.md": _THEME,
        "checklists/example-checklist.md": _CHECKLIST,
        "tools/example-tool.md": _TOOL,
    }
    write_new_folder(target, files, what="pack")
    return target
