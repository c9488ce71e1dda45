"""Action plans: overdue and stale actions, counts by status, links resolved."""

from __future__ import annotations

import datetime as dt

import pytest

from wellbeing_framework import ActionPlan, Catalog, Session
from wellbeing_framework.errors import RecordError
from wellbeing_framework.model import Action, ActionStatus, LearningPoint, SessionStatus
from wellbeing_framework.sessions import Origin, action_report

from .conftest import DAY

CREATED = dt.date(2025, 1, 6)


def plan(*actions: Action) -> ActionPlan:
    return ActionPlan(
        id="plan-one", title="Team plan", created=CREATED, co_created_by=8, actions=actions
    )


def action(id: str, **kw: object) -> Action:
    return Action(id=id, text="Do the thing", owner_role="team manager", **kw)  # type: ignore[arg-type]


def test_overdue_and_stale_actions_are_picked_out(catalog: Catalog) -> None:
    report = action_report(
        catalog,
        [
            plan(
                action("a-late", due=dt.date(2025, 2, 1), updated=dt.date(2025, 2, 20)),
                action("a-quiet", due=dt.date(2025, 9, 1), updated=dt.date(2025, 1, 10)),
                action("a-done", due=dt.date(2025, 2, 1), status=ActionStatus.DONE),
                action("a-fresh", due=dt.date(2025, 9, 1), updated=dt.date(2025, 3, 1)),
            )
        ],
        today=dt.date(2025, 3, 20),
        stale_after_days=60,
    )
    assert [line.action.id for line in report.overdue] == ["a-late"]
    assert report.overdue[0].days_overdue == 47
    assert [line.action.id for line in report.stale] == ["a-quiet"]
    assert report.stale[0].days_since_update == 69
    assert report.by_status == {
        ActionStatus.OPEN: 3,
        ActionStatus.IN_PROGRESS: 0,
        ActionStatus.DONE: 1,
        ActionStatus.DROPPED: 0,
    }


def test_an_action_never_updated_is_judged_from_when_it_was_agreed(catalog: Catalog) -> None:
    report = action_report(catalog, [plan(action("a-one"))], today=CREATED + dt.timedelta(days=61))
    assert report.stale[0].days_since_update == 61


def test_links_name_themes_checklist_items_and_learning_points(catalog: Catalog) -> None:
    point = LearningPoint(id="lp-rota", text="Rotas need slack.", forum="board")
    session = Session(
        id="s-one",
        session_type="test-pack:group",
        status=SessionStatus.HELD,
        date=DAY,
        learning=(point,),
        actions=(action("a-s", links=("lp-rota",)),),
    )
    report = action_report(
        catalog,
        [
            plan(
                action(
                    "a-one", links=("test-pack:team-wellbeing", "test-pack:tw-breaks", "lp-rota")
                )
            )
        ],
        [session],
        today=DAY,
    )
    first, second = report.lines
    assert [(link.kind, link.label) for link in first.links] == [
        ("theme", "Team wellbeing"),
        ("checklist item", "We take our breaks."),
        ("learning point", "Rotas need slack."),
    ]
    assert (second.source, second.source_kind) == ("s-one", "session")


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("test-pack:nope", "names nothing loaded"),
        ("lp-nowhere", "not the id of a learning point"),
        ("test-pack:group", "an action links to a theme"),
    ],
)
def test_a_bad_link_names_the_file_and_field(catalog: Catalog, link: str, expected: str) -> None:
    with pytest.raises(RecordError) as caught:
        action_report(
            catalog,
            [plan(action("a-one"), action("a-two", links=("test-pack:team-wellbeing", link)))],
            today=CREATED,
            locate=lambda r: Origin(file="plan.json"),
        )
    assert (caught.value.source, caught.value.field) == ("plan.json", "$.actions[1].links[1]")
    assert expected in str(caught.value)


def test_stale_days_must_be_positive(catalog: Catalog) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        action_report(catalog, today=CREATED, stale_after_days=0)
