"""What each prompt addresses, written in an element file's front matter.

A prompt is one line of a list, with no room for keys of its own, so an element that holds
prompts (a theme, a session type, a reflective model) may say what each is for in a table keyed
by the prompt's id::

    [prompt_addresses]
    su-prompt-held-back = ["su-i-raise-worry", "su-check-raise"]

The reader moves each list onto its prompt's ``addresses``; the writer gathers them back. The
references themselves are checked across the pack, with those of tools and models.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..model._ids import ID_RULE, is_ref
from ..model.content import Element, Prompt, ReflectiveModel, SessionType, Theme

if TYPE_CHECKING:  # the reader's state; .elements lists this key among the kinds' keys
    from ._kinds import FileState

__all__ = ["KEY", "KINDS", "attach", "prompts_of", "table"]

#: The front-matter key.
KEY = "prompt_addresses"

#: The kinds of element whose prompts may have one.
KINDS = frozenset({"theme", "session-type", "reflective-model"})


def _prompt_data(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield from data.get("prompts", ())
    for stage in data.get("stages", ()):
        yield from stage.get("prompts", ())


def attach(state: FileState, data: dict[str, Any], lines: dict[tuple[str | int, ...], int]) -> None:
    """Move the ``prompt_addresses`` table of ``data`` onto its prompts, reporting each entry
    that names no prompt of the element or is not a list of references, at its own line."""
    found = data.pop(KEY, None)
    if found is None:
        return
    line = lines.get((KEY,), 1)
    if not isinstance(found, dict):
        state.report(
            line,
            f"{KEY}: expected a table of prompt ids, like [{KEY}] then "
            'my-prompt = ["my-item"], after the other keys',
        )
        return
    prompts = {p["id"]: p for p in _prompt_data(data)}
    for prompt_id, refs in found.items():
        at = lines.get((KEY, prompt_id), line)
        if prompt_id not in prompts:
            listed = ", ".join(prompts) or "it has none"
            state.report(at, f"{KEY}: {prompt_id!r} is not a prompt of this element ({listed})")
            continue
        if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
            state.report(at, f'{KEY}: {prompt_id} expected a list of ids, like ["my-item"]')
            continue
        for ref in refs:
            if not is_ref(ref):
                state.report(
                    at,
                    f"{KEY}: {ref!r} is not a valid reference: expected an id or "
                    f"pack-id:element-id ({ID_RULE})",
                )
        prompts[prompt_id]["addresses"] = [r for r in refs if is_ref(r)]


def prompts_of(element: Element) -> tuple[Prompt, ...]:
    """Every prompt an element holds, in order (a model's stage by stage)."""
    if isinstance(element, Theme | SessionType | ReflectiveModel):
        return element.prompts
    return ()


def table(element: Element) -> dict[str, list[str]]:
    """The ``prompt_addresses`` table for an element's front matter; empty when no prompt of it
    says what it addresses."""
    return {p.id: list(p.addresses) for p in prompts_of(element) if p.addresses}
