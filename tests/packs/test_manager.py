"""The plugin host: each pack loads on its own, and a broken one is named and left out.

Packs here are real distributions: a ``*.dist-info`` folder with an ``entry_points.txt`` and a
module beside it, on ``sys.path``, found through ``importlib.metadata`` as an installed pack is.
"""

from __future__ import annotations

import importlib.metadata
import sys
import textwrap
from pathlib import Path

import pytest

from wellbeing_framework import Catalog, Pack, PackLoadError, ResponseScale, hookimpl, make_host
from wellbeing_framework.errors import DuplicatePackError
from wellbeing_framework.model import ScaleOption
from wellbeing_framework.packs import PackLoadWarning

GROUP = "wellbeing_framework"

GOOD = """
from wellbeing_framework import Pack, hookimpl

@hookimpl
def wellbeing_packs():
    yield Pack(id="{pack_id}", title="{title}", version="0.0.1", summary="A test pack.")
"""


class Dists:
    """Makes fake installed distributions in a temporary folder on ``sys.path``."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        self.names: list[str] = []
        monkeypatch.syspath_prepend(str(root))
        # Only our fake distributions are seen, not the packs installed in the environment.
        monkeypatch.setattr(importlib.metadata, "entry_points", self.entry_points)

    def add(
        self, name: str, source: str, *, version: str = "1.2.3", entry: str | None = None
    ) -> None:
        module = name.replace("-", "_")
        (self.root / f"{module}.py").write_text(textwrap.dedent(source))
        info = self.root / f"{module}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
        (info / "entry_points.txt").write_text(f"[{GROUP}]\n{entry or name} = {module}\n")
        self.names.append(module)

    def entry_points(self, *, group: str) -> list[importlib.metadata.EntryPoint]:
        found = importlib.metadata.distributions(path=[str(self.root)])
        return [ep for dist in found for ep in dist.entry_points if ep.group == group]


@pytest.fixture
def dists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Dists:
    made = Dists(tmp_path, monkeypatch)
    yield made  # type: ignore[misc]
    for module in made.names:
        sys.modules.pop(module, None)


def loaded_ids(host: object) -> list[str]:
    return sorted(lp.pack.id for lp in host.load().packs)  # type: ignore[attr-defined]


def test_hook_wellbeing_packs_loads_each_pack_with_its_distribution_version(dists: Dists) -> None:
    dists.add("pack-one", GOOD.format(pack_id="one", title="One"), version="2.0.1")
    dists.add("pack-two", GOOD.format(pack_id="two", title="Two"))
    report = make_host().load()
    assert loaded_ids(make_host()) == ["one", "two"]
    one = next(lp for lp in report.packs if lp.pack.id == "one")
    assert (one.pack.version, one.distribution, one.origin) == (
        "2.0.1",
        "pack-one",
        "pack-one 2.0.1",
    )
    assert report.catalog.pack("two").title == "Two"
    assert report.problems == ()


def test_a_pack_that_fails_to_import_is_named_and_the_others_load(dists: Dists) -> None:
    dists.add("pack-good", GOOD.format(pack_id="good", title="Good"))
    dists.add("pack-broken", "raise ImportError('no module named wellbeing_extras')\n")
    with pytest.warns(PackLoadWarning, match="pack-broken"):
        report = make_host().load()
    assert [lp.pack.id for lp in report.packs] == ["good"]
    (problem,) = report.problems
    assert (problem.name, problem.distribution, problem.version) == (
        "pack-broken",
        "pack-broken",
        "1.2.3",
    )
    assert problem.reason == "failed to import: ImportError: no module named wellbeing_extras"


def test_a_hook_that_raises_is_that_pack_s_problem_alone(dists: Dists) -> None:
    dists.add("pack-good", GOOD.format(pack_id="good", title="Good"))
    dists.add(
        "pack-raises",
        """
        from wellbeing_framework import hookimpl

        @hookimpl
        def wellbeing_packs():
            raise RuntimeError("content folder missing")
        """,
    )
    with pytest.warns(PackLoadWarning):
        report = make_host().load()
    assert [lp.pack.id for lp in report.packs] == ["good"]
    assert [str(p) for p in report.problems] == [
        "pack-raises (pack-raises 1.2.3): "
        "wellbeing_packs raised RuntimeError: content folder missing"
    ]


def test_a_misspelt_hook_fails_loudly_with_a_suggestion(dists: Dists) -> None:
    dists.add(
        "pack-typo",
        """
        from wellbeing_framework import hookimpl

        @hookimpl
        def wellbeing_pakcs():
            return []
        """,
    )
    with pytest.warns(PackLoadWarning, match="did you mean wellbeing_packs"):
        report = make_host().load()
    assert report.packs == ()
    assert "wellbeing_pakcs (did you mean wellbeing_packs?)" in report.problems[0].reason


def test_a_misspelt_hook_registered_by_hand_is_refused() -> None:
    class Plugin:
        @hookimpl
        def wellbeing_scale(self) -> list[ResponseScale]:
            return []

    with pytest.raises(PackLoadError, match="did you mean wellbeing_scales"):
        make_host(autoload=False, plugins=[Plugin()])


def test_two_packs_claiming_one_id_are_both_named(dists: Dists) -> None:
    dists.add("pack-first", GOOD.format(pack_id="same", title="First"))
    dists.add("pack-second", GOOD.format(pack_id="same", title="Second"))
    with pytest.warns(PackLoadWarning):
        report = make_host().load()
    assert len(report.packs) == 1
    assert "pack-first 1.2.3" in report.problems[0].reason
    assert "pack-second 1.2.3" in report.problems[0].reason


@pytest.mark.parametrize("how", ["argument", "environment"])
def test_strict_mode_turns_a_broken_pack_into_an_error(
    dists: Dists, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    dists.add("pack-broken", "raise ImportError('boom')\n")
    if how == "environment":
        monkeypatch.setenv("WELLBEING_STRICT_PACKS", "1")
        host = make_host()
    else:
        host = make_host(strict=True)
    with pytest.raises(PackLoadError, match=r"pack-broken \(pack-broken 1.2.3\): failed to import"):
        host.load()


def test_strict_mode_refuses_a_duplicate_pack_id(dists: Dists) -> None:
    dists.add("pack-first", GOOD.format(pack_id="same", title="First"))
    dists.add("pack-second", GOOD.format(pack_id="same", title="Second"))
    with pytest.raises(PackLoadError, match="two packs claim the id 'same'"):
        make_host(strict=True).load()


def test_disabled_packs_are_skipped_by_name(dists: Dists, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("pack-a", "pack-b", "pack-c"):
        dists.add(name, GOOD.format(pack_id=name.removeprefix("pack-") + "x", title=name))
    monkeypatch.setenv("WELLBEING_DISABLED_PACKS", "pack-a, pack-c")
    report = make_host().load()
    assert [lp.pack.id for lp in report.packs] == ["bx"]
    assert report.disabled == ("pack-a", "pack-c")


def test_autoload_can_be_switched_off(dists: Dists, monkeypatch: pytest.MonkeyPatch) -> None:
    dists.add("pack-one", GOOD.format(pack_id="one", title="One"))
    monkeypatch.setenv("WELLBEING_DISABLE_PACK_AUTOLOAD", "1")
    assert make_host().load().packs == ()
    assert loaded_ids(make_host(autoload=True)) == ["one"]


def test_nothing_loads_until_asked(dists: Dists) -> None:
    dists.add("pack-broken", "raise ImportError('boom')\n")
    make_host(strict=True)  # building a host must not import any pack
    assert "pack_broken" not in sys.modules


def test_hook_wellbeing_scales_contributes_scales_to_the_catalog() -> None:
    scale = ResponseScale(
        id="met-partly-not",
        title="Met, partly met or not met",
        options=(
            ScaleOption(value="met", label="Met", score=2),
            ScaleOption(value="not-met", label="Not met", score=0),
        ),
    )

    class Scales:
        @hookimpl
        def wellbeing_scales(self) -> list[ResponseScale]:
            return [scale]

    host = make_host(autoload=False, plugins=[Scales()])
    assert host.catalog().scale("met-partly-not") is scale
    assert host.catalog().scale("agree-5").id == "agree-5"


def test_a_scale_reusing_a_core_id_is_refused() -> None:
    class Clash:
        @hookimpl
        def wellbeing_scales(self) -> list[ResponseScale]:
            return [
                ResponseScale(
                    id="agree-5",
                    title="Mine",
                    options=(
                        ScaleOption(value="a", label="A", score=1),
                        ScaleOption(value="b", label="B", score=2),
                    ),
                )
            ]

    with pytest.warns(PackLoadWarning, match="two scales claim the id 'agree-5'"):
        make_host(autoload=False, plugins=[Clash()]).load()


def test_a_hook_yielding_something_else_is_reported() -> None:
    class Odd:
        @hookimpl
        def wellbeing_packs(self) -> list[object]:
            return [42]

    with pytest.warns(PackLoadWarning, match="yielded int, not a pack or a folder"):
        report = make_host(autoload=False, plugins=[Odd()]).load()
    assert report.packs == ()


def test_the_catalog_names_both_sides_of_a_duplicate() -> None:
    one = Pack(id="same", title="First", version="1", summary="S")
    two = Pack(id="same", title="Second", version="2", summary="S")
    with pytest.raises(DuplicatePackError, match=r"'First' 1 .* and 'Second' 2"):
        Catalog([one, two])


def _scale(scale_id: str) -> ResponseScale:
    return ResponseScale(
        id=scale_id,
        title=f"Scale {scale_id}",
        options=(
            ScaleOption(value="yes", label="Yes", score=1),
            ScaleOption(value="no", label="No", score=0),
        ),
    )


SCALES = """
from wellbeing_framework import ResponseScale, hookimpl
from wellbeing_framework.model import ScaleOption

@hookimpl
def wellbeing_scales():
    for scale_id in {ids!r}:
        yield ResponseScale(
            id=scale_id,
            title=scale_id,
            options=(
                ScaleOption(value="yes", label="Yes", score=1),
                ScaleOption(value="no", label="No", score=0),
            ),
        )
"""


def test_first_catalog_from_eight_threads_loads_once(dists: Dists) -> None:
    import threading

    dists.add("pack-one", GOOD.format(pack_id="one", title="One"))
    dists.add("pack-two", GOOD.format(pack_id="two", title="Two"))
    host = make_host(strict=True)  # any spurious problem would raise in a thread
    barrier = threading.Barrier(8)
    catalogs: list[Catalog] = []
    errors: list[BaseException] = []

    def first_catalog() -> None:
        barrier.wait()
        try:
            catalogs.append(host.catalog())
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=first_catalog) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len({id(c) for c in catalogs}) == 1
    assert len(catalogs) == 8
    assert host.load().problems == ()
    assert sorted(p.id for p in catalogs[0]) == ["one", "two"]


def test_register_after_load_adds_the_plugin_without_reloading_entry_points(
    dists: Dists,
) -> None:
    dists.add("pack-one", GOOD.format(pack_id="one", title="One"))
    dists.add("pack-broken", "raise ImportError('boom')\n")

    class Late:
        @hookimpl
        def wellbeing_packs(self) -> list[Pack]:
            return [Pack(id="late", title="Late", version="1", summary="Registered late.")]

    host = make_host()
    with pytest.warns(PackLoadWarning, match="pack-broken"):
        first = host.load()
    host.register(Late(), name="late")
    second = host.load()  # no second warning: the entry points are not loaded again
    assert sorted(lp.pack.id for lp in second.packs) == ["late", "one"]
    # The broken entry point is still reported, once, and nothing says "already registered".
    assert [p.name for p in second.problems] == ["pack-broken"]
    assert [p.name for p in first.problems] == ["pack-broken"]
    assert host.catalog().pack("late").title == "Late"


def test_a_clashing_scale_is_blamed_on_its_distribution_and_the_others_stay(
    dists: Dists,
) -> None:
    dists.add("acme-wellbeing", SCALES.format(ids=["met-partly-not"]), version="2.3.0")
    dists.add("acme-typo", SCALES.format(ids=["agree-5", "yes-no-maybe"]), version="0.1.0")
    dists.add("acme-copy", SCALES.format(ids=["met-partly-not"]), version="0.2.0")
    host = make_host()
    with pytest.warns(PackLoadWarning):
        report = host.load()
    by_plugin = {p.name: p for p in report.problems}
    typo = by_plugin.pop("acme-typo")
    assert (typo.distribution, typo.version) == ("acme-typo", "0.1.0")
    assert "'agree-5': a core scale" in typo.reason
    # Of the two distributions claiming one id, the one found second is blamed, naming the first.
    ((second, problem),) = by_plugin.items()
    first = ({"acme-wellbeing", "acme-copy"} - {second}).pop()
    assert f"'met-partly-not': {first} ({first} " in problem.reason
    # Every scale that did not clash is still there, from either distribution.
    assert report.catalog.scale("met-partly-not").title == "met-partly-not"
    assert report.catalog.scale("yes-no-maybe").id == "yes-no-maybe"
    assert report.catalog.scale("agree-5").title != "agree-5"  # the core scale kept its id
    assert sorted(s.id for s in host.scales()) == ["met-partly-not", "yes-no-maybe"]


def test_a_scale_hook_yielding_something_else_is_blamed_on_its_plugin() -> None:
    class Odd:
        @hookimpl
        def wellbeing_scales(self) -> list[object]:
            return ["agree-5", _scale("kept")]

    host = make_host(autoload=False, plugins=[Odd()])
    with pytest.warns(PackLoadWarning, match="yielded str, not a ResponseScale"):
        catalog = host.catalog()
    assert catalog.scale("kept").id == "kept"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "@hookimpl\ndef welbeing_packs():\n    return []\n",
            "welbeing_packs (did you mean wellbeing_packs?): not a hook",
        ),
        (
            "def welbeing_packs():\n    return []\n",
            "welbeing_packs (did you mean wellbeing_packs?): not a hook",
        ),
        (
            "def wellbeing_packs():\n    return []\n",
            "wellbeing_packs is not marked as a hook: decorate it with @hookimpl",
        ),
        (
            "@hookimpl(specname='wellbeing_pack')\ndef contribute():\n    return []\n",
            "not a hook of wellbeing_framework",
        ),
    ],
    ids=["prefix-typo-marked", "prefix-typo-unmarked", "unmarked", "bad-specname"],
)
def test_a_hook_pluggy_would_ignore_is_reported(dists: Dists, source: str, expected: str) -> None:
    dists.add("pack-good", GOOD.format(pack_id="good", title="Good"))
    dists.add("acme-typo", "from wellbeing_framework import hookimpl\n\n" + source)
    with pytest.warns(PackLoadWarning, match="acme-typo"):
        report = make_host().load()
    assert [lp.pack.id for lp in report.packs] == ["good"]
    (problem,) = report.problems
    assert problem.name == "acme-typo"
    assert expected in problem.reason


def test_session_rules_are_typed_and_a_stray_object_is_reported() -> None:
    from wellbeing_framework.model import SessionRule

    rule = SessionRule(id="online-only", check=lambda sessions, session_type: ())

    class Rules:
        @hookimpl
        def wellbeing_session_rules(self) -> list[object]:
            return [rule, "not a rule"]

    host = make_host(autoload=False, plugins=[Rules()], strict=False)
    with pytest.warns(PackLoadWarning, match="yielded str, not a SessionRule"):
        rules = host.session_rules()
    assert rules == (rule,)


def test_a_second_load_after_a_strict_failure_names_the_same_cause(
    dists: Dists, monkeypatch: pytest.MonkeyPatch
) -> None:
    dists.add("pack-a-good", GOOD.format(pack_id="good", title="Good"))
    dists.add("pack-z-broken", "raise ImportError('boom')\n")
    found = importlib.metadata.entry_points  # the good pack registers before the broken fails
    monkeypatch.setattr(
        importlib.metadata,
        "entry_points",
        lambda *, group: sorted(found(group=group), key=lambda ep: ep.name),
    )
    host = make_host(strict=True)
    for _ in range(2):  # not "already registered" for the pack that loaded the first time
        with pytest.raises(PackLoadError, match=r"pack-z-broken .*failed to import"):
            host.load()


def test_a_plugin_with_a_property_that_raises_still_registers() -> None:
    class Plugin:
        @property
        def settings(self) -> str:
            raise RuntimeError("not configured yet")

        @hookimpl
        def wellbeing_packs(self) -> list[Pack]:
            return [Pack(id="prop", title="P", version="1", summary="S")]

    assert make_host(autoload=False, plugins=[Plugin()]).catalog().pack("prop").title == "P"


def test_each_plugin_is_asked_once_and_its_folders_are_kept(tmp_path: Path) -> None:
    """Finding a pack's folder (for validate and render) used to call every plugin again,
    swallowing what they raised; the host now keeps what it read."""
    from wellbeing_framework.packs.scaffold import new_pack
    from wellbeing_framework.packs.validate import find_pack_folder

    folder = new_pack(tmp_path / "ours", "our-pack")
    calls = []

    class Folder:
        @hookimpl
        def wellbeing_packs(self) -> list[Path]:
            calls.append(1)
            return [folder]

    host = make_host(autoload=False, plugins=[Folder()])
    assert loaded_ids(host) == ["our-pack"]
    assert find_pack_folder(host, "our-pack") == folder
    assert host.session_rules() == ()
    assert len(calls) == 1


def test_a_disabled_plugin_registered_by_hand_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    class Extra:
        @hookimpl
        def wellbeing_packs(self) -> list[Pack]:
            return [Pack(id="extra", title="Extra", version="1", summary="S")]

    monkeypatch.setenv("WELLBEING_DISABLED_PACKS", "extra-plugin")
    host = make_host(autoload=False)
    host.register(Extra(), name="extra-plugin")
    assert loaded_ids(host) == []
