"""Packs: the plugin host, the catalog, and the Markdown pack format.

Reading and writing pack folders (:func:`read_pack`, :func:`write_pack`), checking them
(:func:`validate_pack`), adapting another organisation's pack (:func:`apply_overlay`), starting
a new one (:func:`new_pack`) and giving its items ids (:func:`stamp_ids`); the host that loads
installed packs through entry points (:func:`make_host`) and the :class:`Catalog` it builds.
"""

from typing import TYPE_CHECKING

from .._lazy import attach

if TYPE_CHECKING:  # what a type checker sees; the table below loads each name on first use
    from ._loaded import LoadedPack as LoadedPack
    from ._loaded import LoadProblem as LoadProblem
    from ._loaded import LoadReport as LoadReport
    from .catalog import Catalog as Catalog
    from .catalog import Found as Found
    from .hookspecs import hookimpl as hookimpl
    from .manager import PackHost as PackHost
    from .manager import PackLoadWarning as PackLoadWarning
    from .manager import make_host as make_host
    from .overlay import apply_overlay as apply_overlay
    from .reader import inspect_pack as inspect_pack
    from .reader import read_pack as read_pack
    from .scaffold import new_pack as new_pack
    from .stamp import stamp_ids as stamp_ids
    from .validate import validate_pack as validate_pack
    from .writer import pack_to_files as pack_to_files
    from .writer import write_pack as write_pack

#: Each public name and the module that holds it: the one list of this package's face.
_PUBLIC: dict[str, str] = {
    **dict.fromkeys(["Catalog", "Found"], "catalog"),
    "hookimpl": "hookspecs",
    **dict.fromkeys(["LoadProblem", "LoadReport", "LoadedPack"], "_loaded"),
    **dict.fromkeys(["PackHost", "PackLoadWarning", "make_host"], "manager"),
    "apply_overlay": "overlay",
    **dict.fromkeys(["inspect_pack", "read_pack"], "reader"),
    "new_pack": "scaffold",
    "stamp_ids": "stamp",
    "validate_pack": "validate",
    **dict.fromkeys(["pack_to_files", "write_pack"], "writer"),
}

__getattr__, __dir__, __all__ = attach(__name__, _PUBLIC)
