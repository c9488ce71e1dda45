"""The plugin host: finds packs, loads each on its own, and builds the catalog.

pluggy's own ``load_setuptools_entrypoints`` stops at the first broken plugin. Here each entry
point is loaded, registered and called on its own: a pack that fails is recorded with its name,
distribution, version and the reason, a :class:`PackLoadWarning` is issued, and the others load.
Strict mode (``strict=True`` or ``WELLBEING_STRICT_PACKS=1``) turns any failure into an error.

Nothing happens at import time: build a host with :func:`make_host`, then call
:meth:`PackHost.load`.
"""

from __future__ import annotations

import inspect
import os
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from .._words import plural
from ..errors import (
    DuplicatePackError,
    DuplicateScaleError,
    PackFormatError,
    PackLoadError,
    WellbeingError,
)
from . import hookspecs

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path  # loaded where a folder is read, not on import (it costs ~3 ms)

    from ..model.content import Pack, ResponseScale
    from ..model.rules import SessionRule
    from ._loaded import LoadedPack, LoadProblem, LoadReport, Plugin
    from .catalog import Catalog

# What loading finds (LoadReport and the records in it) and the content models are imported by
# the methods that load, not here: ``from wellbeing_framework import make_host`` builds none of
# their attrs classes until packs are loaded.

__all__ = ["PackHost", "PackLoadWarning", "make_host"]

ENV_STRICT = "WELLBEING_STRICT_PACKS"
ENV_DISABLED = "WELLBEING_DISABLED_PACKS"
ENV_NO_AUTOLOAD = "WELLBEING_DISABLE_PACK_AUTOLOAD"

_HOOK_NAMES = frozenset(
    name
    for name in dir(hookspecs)
    if name.startswith("wellbeing_") and callable(getattr(hookspecs, name))
)


class PackLoadWarning(UserWarning):
    """A pack failed to load and was left out; the others loaded."""


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


class PackHost:
    """A typed facade over the pluggy plugin manager. Build one with :func:`make_host`."""

    def __init__(
        self,
        pm: pluggy.PluginManager,
        *,
        strict: bool,
        autoload: bool,
        disabled: frozenset[str],
        pack_dirs: Sequence[Path],
        cache_dir: Path | None = None,
    ) -> None:
        self.pm = pm
        self.strict = strict
        self.autoload = autoload
        self.disabled = disabled
        for name in disabled:  # pluggy then refuses the name however the plugin would come
            pm.set_blocked(name)
        self.pack_dirs = tuple(pack_dirs)
        self.cache_dir = cache_dir
        self._reader: Callable[[Traversable | Path], Pack] | None = None
        self._plugins: dict[str, Plugin] = {}
        self._problems: list[LoadProblem] = []
        # Problems found while importing and registering entry points: that happens once, so
        # they are kept and repeated in every later report.
        self._registration_problems: tuple[LoadProblem, ...] = ()
        self._entry_points_loaded = False
        self._report: LoadReport | None = None
        self._scale_ids: frozenset[str] = frozenset()
        # One lock for loading and registering: without it, threads that ask for the first
        # catalog at once each load every entry point, and pluggy refuses the second
        # registration of each (issue 13, D5).
        self._lock = threading.RLock()

    def register(self, plugin: object, name: str | None = None) -> None:
        """Register a plugin (a module or object with hook implementations) by hand.

        Useful for embedding and tests. A misspelt hook, a hook function without
        ``@hookimpl`` or a bad signature fails here with :class:`PackLoadError`. Registering
        after :meth:`load` is supported: the next :meth:`load` or :meth:`catalog` builds a new
        catalog that includes the plugin, without loading the entry points again.
        """
        from ._loaded import Plugin

        name = name or getattr(plugin, "__name__", None) or repr(plugin)
        with self._lock:
            self._register(plugin, Plugin(name))
            self._report = None

    def load(self) -> LoadReport:
        """Load every pack, once, and return what loaded and what did not.

        Safe to call from several threads at once: the first call loads, the others wait for it
        and get the same report.
        """
        report = self._report
        if report is None:
            with self._lock:
                if self._report is None:
                    self._report = self._load()
                report = self._report
        return report

    def catalog(self) -> Catalog:
        """The catalog of every pack that loaded."""
        return self.load().catalog

    def scales(self) -> tuple[ResponseScale, ...]:
        """Scales contributed by plugins through ``wellbeing_scales`` that the catalog took: a
        scale that clashes with another, or is not a :class:`ResponseScale`, is a problem of
        the plugin that gave it (see :attr:`LoadReport.problems`)."""
        from ..model.scales import CORE_SCALES

        return tuple(s for s in self.catalog().shared_scales if s.id not in CORE_SCALES)

    def session_rules(self) -> tuple[SessionRule, ...]:
        """Session rules contributed by plugins through ``wellbeing_session_rules``, collected
        when the packs load.

        Anything else a plugin yields is left out, with a :class:`PackLoadWarning` (an error in
        strict mode) naming the plugin.
        """
        return self.load().session_rules

    # -- loading -------------------------------------------------------------------------------

    def _load(self) -> LoadReport:
        if not self._entry_points_loaded:
            self._problems = []
            if self.autoload:
                self._load_entry_points()
            self._entry_points_loaded = True
            self._registration_problems = tuple(self._problems)
        self._problems = list(self._registration_problems)
        # Contributed scales first: a pack's checklists may use them.
        scales = self._contributed_scales()
        self._scale_ids = frozenset(s.id for s in scales)
        from importlib.resources.abc import Traversable
        from pathlib import Path

        from ._loaded import LoadedPack, LoadReport
        from .catalog import Catalog

        loaded: list[LoadedPack] = []
        folders: list[tuple[str | None, Traversable | Path]] = []
        for plugin, item in self._call("wellbeing_packs"):
            if isinstance(item, Traversable | os.PathLike | str):
                folders.append((plugin.name, item if isinstance(item, Traversable) else Path(item)))
            pack = self._read(item, plugin.name, plugin)
            if pack is not None:
                if plugin.version and pack.version != plugin.version:
                    # The distribution is the unit that is released, so its version wins.
                    pack = attrs.evolve(pack, version=plugin.version)
                origin = (
                    f"{plugin.distribution} {plugin.version}"
                    if plugin.distribution
                    else plugin.name
                )
                loaded.append(
                    LoadedPack(
                        pack=pack,
                        origin=origin,
                        plugin=plugin.name,
                        distribution=plugin.distribution,
                        version=plugin.version,
                    )
                )
        for folder in self.pack_dirs:
            folders.append((None, folder))
            pack = self._read(folder, str(folder), None)
            if pack is not None:
                loaded.append(LoadedPack(pack=pack, origin=f"folder {folder}"))
        loaded = self._drop_duplicates(loaded)
        loaded = self._resolve_overlays(loaded)
        # Duplicate packs and scales were left out above, so this cannot raise.
        catalog = Catalog(
            (lp.pack for lp in loaded),
            scales=scales,
            origins={lp.pack.id: lp.origin for lp in loaded},
        )
        rules = self._contributed_rules()
        return LoadReport(
            packs=tuple(loaded),
            problems=tuple(self._problems),
            disabled=tuple(sorted(self.disabled)),
            catalog=catalog,
            folders=tuple(folders),
            session_rules=rules,
        )

    def _contributed_rules(self) -> tuple[SessionRule, ...]:
        rules: list[SessionRule] = []
        for plugin, rule in self._call("wellbeing_session_rules"):
            # Imported with the first rule a plugin gives: SessionRule brings the session
            # models, which a host whose packs contribute no rules never needs.
            from ..model.rules import SessionRule

            if isinstance(rule, SessionRule):
                rules.append(rule)
            else:
                self._fail(
                    _problem(
                        plugin,
                        f"wellbeing_session_rules yielded {type(rule).__name__}, not a SessionRule",
                    )
                )
        return tuple(rules)

    def _contributed_scales(self) -> list[ResponseScale]:
        """Every scale plugins contribute, each checked on its own: one that is not a scale, or
        whose id a core scale or an earlier plugin holds, is blamed on its plugin and left out,
        and the others are kept (issue 13, D7)."""
        from ..model.content import ResponseScale
        from ..model.scales import CORE_SCALES

        kept: dict[str, tuple[ResponseScale, Plugin]] = {}
        for plugin, scale in self._call("wellbeing_scales"):
            if not isinstance(scale, ResponseScale):
                self._fail(
                    _problem(
                        plugin,
                        f"wellbeing_scales yielded {type(scale).__name__}, not a ResponseScale",
                    )
                )
                continue
            if scale.id in CORE_SCALES:
                holder = "a core scale"
            elif scale.id in kept:
                holder = _describe(kept[scale.id][1])
            else:
                kept[scale.id] = (scale, plugin)
                continue
            message = (
                f"two scales claim the id {scale.id!r}: {holder} and this plugin's; "
                "this plugin's is left out: give it an id of its own"
            )
            self._fail(_problem(plugin, message), DuplicateScaleError(message))
        return [scale for scale, _ in kept.values()]

    def _load_entry_points(self) -> None:
        from importlib import metadata  # costly to import; only needed when packs load

        from ._loaded import Plugin

        for ep in metadata.entry_points(group=hookspecs.PROJECT):
            # Registered already: by a load that strict mode stopped part way, say.
            if self.pm.is_blocked(ep.name) or ep.name in self._plugins:
                continue
            # Distribution.metadata parses the METADATA file anew on every use (and .version
            # is metadata["Version"]): read it once for both.
            meta = ep.dist.metadata if ep.dist is not None else None
            plugin = Plugin(
                ep.name,
                meta["Name"] if meta is not None else None,
                meta["Version"] if meta is not None else None,
            )
            try:
                module = ep.load()
            except Exception as exc:
                self._fail(_problem(plugin, f"failed to import: {type(exc).__name__}: {exc}"), exc)
                continue
            try:
                self._register(module, plugin)
            except WellbeingError as exc:
                self._fail(_problem(plugin, str(exc)), exc)

    def _register(self, plugin: object, info: Plugin) -> None:
        """Register one plugin, after checking that every hook it seems to offer is a real one
        and is marked as a hook: pluggy itself ignores a function it does not recognise, so a
        typo would otherwise leave a pack out without a word (issue 13, D8)."""
        if self.pm.is_blocked(info.name):
            return  # disabled: left out, as WELLBEING_DISABLED_PACKS asks
        _check_hook_names(plugin, self.pm)
        try:
            self.pm.register(plugin, name=info.name)
        except ValueError as exc:  # pluggy: the name or the plugin is registered already
            raise PackLoadError(f"already registered: {exc}") from None
        except pluggy.PluginValidationError as exc:
            raise PackLoadError(f"a hook does not match its specification: {exc}") from None
        try:
            # Catches what the name checks above cannot: a marked hook under a name of its own.
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            self.pm.unregister(plugin)
            raise PackLoadError(f"not a hook of wellbeing_framework: {exc}") from None
        self._plugins[info.name] = info

    def _call(self, hook: str) -> Iterator[tuple[Plugin, Any]]:
        """Call each plugin's implementation of ``hook`` on its own, so one that raises is
        recorded and the others still count."""
        from ._loaded import Plugin

        for impl in reversed(getattr(self.pm.hook, hook).get_hookimpls()):
            plugin = self._plugins.get(impl.plugin_name, Plugin(impl.plugin_name))
            try:
                results = list(impl.function() or ())
            except Exception as exc:
                self._fail(_problem(plugin, f"{hook} raised {type(exc).__name__}: {exc}"), exc)
                continue
            for result in results:
                yield plugin, result

    def _read(self, item: object, name: str, plugin: Plugin | None) -> Pack | None:
        from importlib.resources.abc import Traversable

        from ..model.content import Pack
        from ._loaded import Plugin

        if isinstance(item, Pack):
            return item
        who = plugin or Plugin(name)
        if not isinstance(item, Traversable | os.PathLike | str):
            self._fail(
                _problem(
                    who, f"wellbeing_packs yielded {type(item).__name__}, not a pack or a folder"
                )
            )
            return None
        from pathlib import Path

        folder: Traversable | Path = item if isinstance(item, Traversable) else Path(item)
        try:
            return self._reader_fn()(folder)
        except PackFormatError as exc:
            details = tuple(str(p) for p in exc.problems)
            self._fail(
                _problem(
                    who, f"{plural(len(details), 'problem')} in the pack's files", details=details
                ),
                exc,
            )
        except WellbeingError as exc:
            self._fail(_problem(who, str(exc)), exc)
        return None

    def _reader_fn(self) -> Callable[[Traversable | Path], Pack]:
        if self._reader is None:
            cache_dir = self.cache_dir
            if cache_dir is not None:
                from ._cache import read_pack_cached

                self._reader = lambda folder: read_pack_cached(
                    folder, scales=self._scale_ids, directory=cache_dir
                )
            else:
                from .reader import read_pack  # the Markdown reader is only needed for folders

                self._reader = lambda folder: read_pack(folder, scales=self._scale_ids)
        return self._reader

    def _drop_duplicates(self, loaded: list[LoadedPack]) -> list[LoadedPack]:
        from ._loaded import LoadProblem

        kept: dict[str, LoadedPack] = {}
        for lp in loaded:
            first = kept.get(lp.pack.id)
            if first is None:
                kept[lp.pack.id] = lp
                continue
            message = (
                f"two packs claim the id {lp.pack.id!r}: {first.origin} and {lp.origin}; "
                f"the second is left out"
            )
            self._fail(
                LoadProblem(
                    name=lp.plugin or lp.origin,
                    reason=message,
                    distribution=lp.distribution,
                    version=lp.version,
                ),
                DuplicatePackError(message),
            )
        return list(kept.values())

    def _resolve_overlays(self, loaded: list[LoadedPack]) -> list[LoadedPack]:
        if not any(lp.pack.extends for lp in loaded):
            return loaded
        from ._loaded import LoadProblem
        from .overlay import apply_overlay

        by_id = {lp.pack.id: lp for lp in loaded}
        resolved: dict[str, LoadedPack] = {}

        def resolve(pack_id: str, chain: tuple[str, ...]) -> LoadedPack | None:
            if pack_id in resolved:
                return resolved[pack_id]
            lp = by_id[pack_id]
            base_id = lp.pack.extends
            if base_id is None:
                resolved[pack_id] = lp
                return lp
            name = lp.plugin or lp.origin
            if base_id in chain:
                self._fail(
                    LoadProblem(
                        name=name,
                        reason="overlays extend each other in a loop: "
                        + " -> ".join((*chain, base_id)),
                    )
                )
                return None
            if base_id not in by_id:
                self._fail(
                    LoadProblem(
                        name=name,
                        reason=f"extends {base_id!r}, which is not loaded; "
                        "install it or pass its folder with --pack-dir",
                    )
                )
                return None
            base = resolve(base_id, (*chain, pack_id))
            if base is None:
                return None
            try:
                merged = apply_overlay(base.pack, lp.pack, scales=self._scale_ids)
            except PackFormatError as exc:
                details = tuple(str(p) for p in exc.problems)
                self._fail(
                    LoadProblem(
                        name=name, reason=f"does not apply to {base_id!r}", details=details
                    ),
                    exc,
                )
                return None
            resolved[pack_id] = attrs.evolve(lp, pack=merged)
            return resolved[pack_id]

        out = []
        for lp in loaded:
            result = resolve(lp.pack.id, ())
            if result is not None:
                out.append(result)
        return out

    def _fail(self, problem: LoadProblem, cause: BaseException | None = None) -> None:
        if self.strict:
            raise PackLoadError(
                # Strict mode may come from strict=True, --strict or the environment: say what
                # it does rather than how it was asked for.
                f"pack {problem} (strict mode stops at the first pack that fails; without it, "
                "this one is left out and the others load)"
                + "".join(f"\n  {d}" for d in problem.details)
            ) from cause
        self._problems.append(problem)
        warnings.warn(f"pack {problem}; the other packs still load", PackLoadWarning, stacklevel=3)


def _check_hook_names(plugin: object, pm: pluggy.PluginManager) -> None:
    """Refuse a plugin with a function named almost like a hook (``welbeing_packs``,
    ``wellbeing_pakcs``), or named exactly like one but not marked with ``@hookimpl``."""
    problems: list[str] = []
    for name in dir(plugin):
        # Looked up without running a property, which could raise or take its time.
        if name.startswith("__") or not callable(inspect.getattr_static(plugin, name, None)):
            continue
        if name in _HOOK_NAMES:
            if pm.parse_hookimpl_opts(plugin, name) is None:
                problems.append(
                    f"{name} is not marked as a hook: decorate it with @hookimpl "
                    "(from wellbeing_framework import hookimpl)"
                )
            continue
        import difflib  # only for a method that is not a hook: kept out of the import

        close = difflib.get_close_matches(name, _HOOK_NAMES, n=1, cutoff=0.8)
        if name.startswith("wellbeing_") or close:
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(f"{name}{hint}: not a hook of wellbeing_framework")
    if problems:
        raise PackLoadError("; ".join(problems) + f" (hooks: {', '.join(sorted(_HOOK_NAMES))})")


def _describe(plugin: Plugin) -> str:
    return (
        f"{plugin.name} ({plugin.distribution} {plugin.version})"
        if plugin.distribution
        else (plugin.name)
    )


def _problem(plugin: Plugin, reason: str, details: tuple[str, ...] = ()) -> LoadProblem:
    from ._loaded import LoadProblem

    return LoadProblem(
        name=plugin.name,
        reason=reason,
        distribution=plugin.distribution,
        version=plugin.version,
        details=details,
    )


def make_host(
    *,
    strict: bool | None = None,
    autoload: bool | None = None,
    disabled: Iterable[str] | None = None,
    pack_dirs: Iterable[str | os.PathLike[str]] = (),
    plugins: Iterable[ModuleType | object] = (),
    cache_dir: str | os.PathLike[str] | None = None,
) -> PackHost:
    """Build a plugin host. Nothing loads until :meth:`PackHost.load` is called.

    Args:
        strict: Raise :class:`PackLoadError` when any pack fails, instead of warning. Defaults
            to the ``WELLBEING_STRICT_PACKS`` environment variable.
        autoload: Load packs registered under the ``wellbeing_framework`` entry-point group.
            Defaults to true unless ``WELLBEING_DISABLE_PACK_AUTOLOAD`` is set.
        disabled: Entry-point names to skip. Defaults to the comma-separated
            ``WELLBEING_DISABLED_PACKS``.
        pack_dirs: Pack folders to read that are not installed.
        plugins: Plugin modules or objects to register by hand.
        cache_dir: A folder to keep the packs read from folders in, so that a later host
            (in another run) finds each unchanged folder's pack there instead of parsing its
            Markdown again. Off by default: a library writes no files unless asked; the
            command line keeps its packs in the user's cache folder.
    """
    from pathlib import Path

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    if disabled is None:
        disabled = [n.strip() for n in os.environ.get(ENV_DISABLED, "").split(",") if n.strip()]
    host = PackHost(
        pm,
        strict=_env_flag(ENV_STRICT) if strict is None else strict,
        autoload=(not _env_flag(ENV_NO_AUTOLOAD)) if autoload is None else autoload,
        disabled=frozenset(disabled),
        pack_dirs=[Path(p) for p in pack_dirs],
        cache_dir=None if cache_dir is None else Path(cache_dir),
    )
    for plugin in plugins:
        host.register(plugin)
    return host
