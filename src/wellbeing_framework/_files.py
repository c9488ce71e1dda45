"""Reading and writing files so that no file can hang the library and no write can lose one.

Every file the library reads from a person (a pack's files, a record, a mapping) comes through
:func:`read_limited`: it must be a regular file, checked before it is opened and opened without
blocking (a FIFO would wait for a writer for ever, and ``/dev/zero`` never ends), and at most one
byte more than its cap is read. Every file the library writes goes through
:func:`write_atomic`: the text goes to a temporary file in the same folder, is flushed to disk,
and only then takes the place of the old file, so a failed write leaves the previous file as it
was. :func:`refuse_overwriting` stops an output from being written over one of the inputs.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import FileError

__all__ = [
    "check_regular",
    "read_limited",
    "refuse_overwriting",
    "same_file",
    "write_atomic",
    "write_new_folder",
]

PathLike = str | os.PathLike[str]

# Not on every platform (Windows has neither); where missing, the stat check alone stands.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 20


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link that leads to itself (a loop), or one that may not be followed"
    return str(exc.strerror or exc).lower()


def check_regular(
    path: PathLike, *, what: str = "file", follow_symlinks: bool = True
) -> os.stat_result:
    """Refuse, before anything opens it, a path that is not a regular file.

    Opening a FIFO waits for a writer, and a device such as ``/dev/zero`` never ends, so a
    reader that maps or reads a whole file (a survey export, say) calls this first.

    Returns:
        The file's status (its size, for one).

    Raises:
        FileError: The path does not exist, is a folder, a FIFO, a device or a socket, a
            symbolic link loop, or (``follow_symlinks=False``) a symbolic link.
    """
    source = os.fspath(path)
    try:
        info = os.stat(source, follow_symlinks=follow_symlinks)
    except OSError as exc:
        raise FileError(f"cannot read the {what}: {_reason(exc)}", source=source) from None
    if stat.S_ISLNK(info.st_mode):
        raise FileError(
            f"cannot read the {what}: it is a symbolic link, which is not followed here",
            source=source,
        )
    if not stat.S_ISREG(info.st_mode):
        raise FileError(
            f"cannot read the {what}: it is {_kind(info.st_mode)}, not a regular file",
            source=source,
        )
    return info


def read_limited(
    path: PathLike, *, limit: int, what: str = "file", follow_symlinks: bool = True
) -> bytes:
    """The bytes of a regular file, refusing anything that could block or never end.

    Args:
        path: The file.
        limit: The most bytes the file may hold.
        what: What the file is, for messages ("element file", "record file").
        follow_symlinks: Whether the file itself may be a symbolic link. Callers that have
            already resolved a link (and checked where it leads) pass False.

    Raises:
        FileError: The file cannot be opened, is not a regular file (a folder, a FIFO, a device,
            a socket), is a symbolic link loop, or is larger than ``limit``.
    """
    source = os.fspath(path)
    info = check_regular(source, what=what, follow_symlinks=follow_symlinks)
    if info.st_size > limit:
        raise FileError(_too_large(what, limit), source=source)
    flags = os.O_RDONLY | _NONBLOCK | _BINARY | (0 if follow_symlinks else _NOFOLLOW)
    try:
        fd = os.open(source, flags)
    except OSError as exc:
        raise FileError(f"cannot read the {what}: {_reason(exc)}", source=source) from None
    try:
        # Checked again on what was opened: the name may have been swapped since the stat.
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise FileError(
                f"cannot read the {what}: it is {_kind(mode)}, not a regular file", source=source
            )
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise FileError(f"cannot read the {what}: {_reason(exc)}", source=source) from None
    finally:
        os.close(fd)
    if size > limit:
        raise FileError(_too_large(what, limit), source=source)
    return b"".join(chunks)


def _too_large(what: str, limit: int) -> str:
    return f"the {what} is larger than the {limit:,} bytes such a file may hold"


def write_atomic(
    path: PathLike, data: str | bytes, *, what: str = "file", inputs: Iterable[PathLike] = ()
) -> None:
    """Write a file whole or not at all.

    The data goes to a temporary file beside ``path``, is flushed to disk, and then replaces
    ``path`` in one step, so a reader sees the old file or the new one, never half of one, and
    a failure (a full disk, an interrupted write) leaves the old file as it was. A symbolic link
    at ``path`` is replaced by the file, never written through. Text is written as UTF-8, with
    its line ends as they are.

    Args:
        path: The file to write. Its folder must exist.
        data: The text or bytes.
        what: What the file is, for messages ("report", "handbook").
        inputs: Files the output was made from, which it must not replace.

    Raises:
        FileError: The file cannot be written (the folder is missing, not writable, full, or
            the text holds a character UTF-8 cannot encode, such as a lone surrogate), or it is
            one of ``inputs``.
    """
    target = os.fspath(path)
    refuse_overwriting(target, inputs, what=what)
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise FileError(
                f"cannot write the {what}: character {exc.start + 1} is not text UTF-8 can hold "
                f"(U+{ord(exc.object[exc.start]):04X}, half of a surrogate pair)",
                source=target,
            ) from None
    if os.path.isdir(target):
        raise FileError(
            f"cannot write the {what}: it is a folder; name a file in it instead", source=target
        )
    folder = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(folder):
        raise FileError(
            f"cannot write the {what}: the folder {folder} does not exist", source=target
        )
    temporary: str | None = None
    try:
        fd, temporary = _create_beside(target, folder)
        try:
            view = memoryview(data)
            while view:  # os.write may write less than it is given
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        _keep_mode(target, temporary)
        os.replace(temporary, target)
        temporary = None
        _sync_folder(folder)
    except OSError as exc:
        raise FileError(f"cannot write the {what}: {_reason(exc)}", source=target) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _create_beside(target: str, folder: str) -> tuple[int, str]:
    """A new, empty temporary file in ``folder``, named after ``target``.

    Made with the usual permissions of a new file (the umask applies), unlike ``mkstemp``'s
    owner-only ones: a report should be as readable as any file the user writes.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY | _NOFOLLOW
    for _ in range(100):
        name = os.path.join(folder, f".{os.path.basename(target)}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", folder)


def _keep_mode(target: str, temporary: str) -> None:
    """Give the new file the permissions of the regular file it replaces, if there is one."""
    with contextlib.suppress(OSError):
        info = os.stat(target, follow_symlinks=False)
        if stat.S_ISREG(info.st_mode):
            os.chmod(temporary, stat.S_IMODE(info.st_mode))


def _sync_folder(folder: str) -> None:
    # The rename is durable only once the folder itself is flushed; not possible on Windows.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def same_file(a: PathLike, b: PathLike) -> bool:
    """Whether two paths name the same file, through links and ``..``; for a file that does not
    exist yet, whether they name the same place."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def refuse_overwriting(
    output: PathLike, inputs: Iterable[PathLike], *, what: str = "output"
) -> None:
    """Refuse to write ``output`` when it is one of ``inputs``.

    Raises:
        FileError: ``output`` names the same file as one of the inputs.
    """
    for source in inputs:
        if same_file(output, source):
            raise FileError(
                f"the {what} would be written over the input {Path(source).as_posix()}: "
                "choose another file name",
                source=os.fspath(output),
            )


def write_new_folder(folder: PathLike, files: Mapping[str, str], *, what: str) -> None:
    """Write ``files`` (relative path to text) into a folder that is new or empty, making the
    sub-folders they need; each file is written whole, by :func:`write_atomic`.

    Raises:
        FileError: The folder holds something already (nothing in it is touched then), or a
            file cannot be written.
    """
    target = os.fspath(folder)
    if os.path.exists(target) and (not os.path.isdir(target) or os.listdir(target)):
        raise FileError(
            f"cannot write the {what}: the folder is not empty; name a new one", source=target
        )
    for relative, text in files.items():
        path = os.path.join(target, relative)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        except OSError as exc:
            raise FileError(f"cannot write the {what}: {_reason(exc)}", source=path) from None
        write_atomic(path, text, what=what)
