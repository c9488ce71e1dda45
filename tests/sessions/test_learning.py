"""The learning log: by forum and theme, without names, nothing quietly lost."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from wellbeing_framework import Catalog, Session
from wellbeing_framework.errors import RecordError
from wellbeing_framework.model import LearningPoint, SessionStatus
from wellbeing_framework.sessions import learning_log, learning_markdown, long_date
from wellbeing_framework.sessions.learning import forum_title

from .conftest import DAY


def session(id: str, *points: LearningPoint, **kw: Any) -> Session:
    fields: dict[str, Any] = {
        "id": id,
        "session_type": "test-pack:group",
        "status": SessionStatus.HELD,
        "date": DAY,
        "participants": ("p-1", "p-2"),
        "learning": points,
    }
    fields.update(kw)
    return Session(**fields)


def point(
    id: str, text: str, forum: str = "team-meeting", *themes: str, **kw: Any
) -> LearningPoint:
    return LearningPoint(id=id, text=text, forum=forum, themes=themes, **kw)


def test_points_are_grouped_by_forum_then_theme(catalog: Catalog) -> None:
    log = learning_log(
        catalog,
        [
            session("s-one", point("lp-a", "Rotas need slack.", "team-meeting", "team-wellbeing")),
            session(
                "s-two",
                point(
                    "lp-b", "Breaks get skipped on busy days.", "board", "test-pack:team-wellbeing"
                ),
                point("lp-c", "New starters want a buddy.", "team-meeting"),
                date=DAY + dt.timedelta(days=30),
            ),
        ],
    )
    assert [f.forum for f in log.forums] == ["board", "team-meeting"]
    team = log.forums[1]
    assert [(t.theme, t.title) for t in team.themes] == [
        ("test-pack:team-wellbeing", "Team wellbeing"),
        (None, "Other learning"),
    ]
    assert team.count == 2
    assert log.count == 3
    assert log.held_back == ()


def test_the_markdown_shows_dates_and_types_never_ids_or_tokens(catalog: Catalog) -> None:
    log = learning_log(
        catalog, [session("s-one", point("lp-a", "Rotas need slack.", "board", "team-wellbeing"))]
    )
    text = learning_markdown(log)
    assert "## For: Board" in text
    assert "### Team wellbeing" in text
    assert "- Rotas need slack. — Reflective group, 4 March 2025" in text
    for private in ("s-one", "lp-a", "p-1", "p-2"):
        assert private not in text


def test_a_point_that_may_name_someone_is_held_back_and_counted(catalog: Catalog) -> None:
    flagged = point("lp-a", "Ask Sarah Jones to cover nights.")
    log = learning_log(catalog, [session("s-one", flagged, point("lp-b", "Rotas need slack."))])
    assert log.count == 1
    (held,) = log.held_back
    assert (held.session, held.point) == ("s-one", "lp-a")
    assert "may identify someone" in held.reason
    assert "Sarah" not in held.reason
    text = learning_markdown(log)
    assert "Sarah" not in text
    assert "1 further point is held back" in text


def test_once_reviewed_the_point_joins_the_log(catalog: Catalog) -> None:
    reviewed = point("lp-a", "Ask the Duty Desk to cover nights.", reviewed=True)
    log = learning_log(catalog, [session("s-one", reviewed)])
    assert log.count == 1
    assert log.held_back == ()


def test_learning_from_a_session_not_held_is_held_back(catalog: Catalog) -> None:
    planned = session("s-one", point("lp-a", "Rotas need slack."), status=SessionStatus.PLANNED)
    log = learning_log(catalog, [planned])
    assert log.count == 0
    assert log.held_back[0].reason == "the session is marked planned, not held"


def test_one_forum_only(catalog: Catalog) -> None:
    s = session(
        "s-one",
        point("lp-a", "Rotas need slack.", "board"),
        point("lp-b", "Breaks matter.", "team-meeting"),
    )
    log = learning_log(catalog, [s], forum="board")
    assert [f.forum for f in log.forums] == ["board"]


def test_an_unknown_theme_names_the_field(catalog: Catalog) -> None:
    with pytest.raises(RecordError) as caught:
        learning_log(catalog, [session("s-one", point("lp-a", "Rotas.", "board", "nope"))])
    assert caught.value.field == "$.learning[0].themes[0]"


def test_an_empty_log_says_so(catalog: Catalog) -> None:
    assert "No wider learning has been recorded" in learning_markdown(learning_log(catalog, []))


def test_dates_and_forums_read_as_words() -> None:
    assert long_date(dt.date(2025, 6, 3)) == "3 June 2025"
    assert forum_title("safeguarding-practice-learning") == "Safeguarding practice learning"


def test_a_point_full_of_mark_up_is_shown_as_text(catalog: Catalog) -> None:
    from markdown_it import MarkdownIt

    text = "Huddles <script>alert(1)</script> **help** [x](https://evil.example/) <img src=x>"
    log = learning_log(catalog, [session("s-one", point("lp-a", text, "board", reviewed=True))])
    # Rendered with raw HTML on, as a forum's papers might be: the point stays text.
    rendered = MarkdownIt("commonmark").render(learning_markdown(log))
    for live in ("<script", "<img", "<strong>", "href="):
        assert live not in rendered
    assert "Huddles &lt;script&gt;alert(1)&lt;/script&gt; **help** [x](https://evil.example/)" in (
        rendered
    )
