"""Shared test set-up: hypothesis profiles, a clean environment, and a fresh plugin host."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

# Profiles chosen by an environment variable, as cattrs does: `ci` runs more examples, and the
# same ones on every run, so that whether a change lands never depends on the luck of the draw;
# `dev` draws anew each time, which is where new failing cases are found (and then kept as
# `@example`s).
settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# CI (which sets CI=true) runs the larger profile unless one is named.
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") == "true" else "dev")
)

_ENV = ("WELLBEING_STRICT_PACKS", "WELLBEING_DISABLED_PACKS", "WELLBEING_DISABLE_PACK_AUTOLOAD")


@pytest.fixture(autouse=True, scope="session")
def _no_users_ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Fixtures wider than a test (a module's run of the demo) never reach the user's release
    ledger either: they share one of the session's."""
    patch = pytest.MonkeyPatch()
    patch.setenv("WELLBEING_LEDGER", str(tmp_path_factory.mktemp("ledger") / "ledger.sqlite3"))
    # Nor the user's cache of packs read: the session keeps one of its own, which every command
    # a test runs then reads through, as the command line does.
    patch.setenv("WELLBEING_CACHE_DIR", str(tmp_path_factory.mktemp("pack-cache")))
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def _private_ledger(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Every test's reports go to a release ledger of its own, never the user's."""
    monkeypatch.setenv(
        "WELLBEING_LEDGER", str(tmp_path_factory.mktemp("ledger") / "ledger.sqlite3")
    )


@pytest.fixture(autouse=True)
def _clean_pack_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees a pack switch set in the developer's shell."""
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
