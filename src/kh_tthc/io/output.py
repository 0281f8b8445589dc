"""The one door out: every file the library writes goes through :func:`output_path`.

A write is atomic and durable: the content goes to a temporary file beside the target
(named ``.<name>.<pid>.<random>.tmp``), which is flushed to disk, renamed over the target,
and the folder flushed too; a failure at any point (a full disk included) removes the
temporary file and leaves the previous output as it was. Before anything is written the
target is checked against the command's inputs: an output that is, or links to, a plan,
progress file, template or previous report is refused, because replacing it would destroy
the user's own file.

A site of many files (the dashboard) is written as a whole by :func:`output_folder`: every
file goes into a temporary sibling folder, flushed in one pass, which then takes the
folder's place; a failure leaves the previous folder as it was.

Two overwrite policies: documents and exports (``render``, ``report``, ``schedule -o``)
replace an earlier output (``replace=True``); files people edit by hand (``import``) are
only replaced when asked (``replace=False`` unless ``--force``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kh_tthc.errors import OutputRefused, OutputUnwritable, PlanFileError, SourceUnreadable

__all__ = ["check_output", "output_folder", "output_path", "write_output"]

StrPath = str | os.PathLike[str]
Inputs = Iterable[StrPath | None]


def _same(a: Path, b: Path) -> bool:
    with contextlib.suppress(OSError):
        if os.path.samefile(a, b):  # the same file, through a symlink or a hard link
            return True
    with contextlib.suppress(OSError, RuntimeError):
        return a.resolve() == b.resolve()
    return False


def check_output(path: StrPath, *, inputs: Inputs = (), replace: bool = True) -> Path:
    """Check that ``path`` may be written, before any work is done; returns it as a Path.

    Args:
        path: the file to write.
        inputs: the files the command reads (``None`` entries are skipped).
        replace: whether an existing file may be replaced.

    Raises:
        OutputRefused: ``path`` is one of ``inputs`` (or links to one), or it exists and
            ``replace`` is false.
        OutputUnwritable: ``path`` is a folder, or its folder is missing.

    >>> check_output("plan.toml", inputs=["plan.toml"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kh_tthc.errors.OutputRefused: plan.toml: is an input of this command (plan.toml); ...
    """
    target = Path(path)
    for given in inputs:
        if given is None:
            continue
        source = Path(given)
        if _same(target, source):
            raise OutputRefused(
                target, f"is an input of this command ({source}); choose another output"
            )
    if target.is_dir():
        raise OutputUnwritable(target, "it is a directory; expected a file name to write")
    if not target.parent.is_dir():
        raise OutputUnwritable(target, f"the folder {str(target.parent)!r} does not exist")
    if not replace and (target.exists() or target.is_symlink()):
        raise OutputRefused(target, "already exists; pass --force to replace it")
    return target


def _temp_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"^\.{re.escape(name)}\.(\d+)\.\w+\.tmp$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _remove_stale(target: Path) -> None:
    """Remove temporary files left by an earlier write to ``target`` that was killed."""
    pattern = _temp_pattern(target.name)
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            m = pattern.match(entry.name)
            if m and not _alive(int(m.group(1))):
                if entry.is_dir(follow_symlinks=False):  # a folder of output_folder
                    shutil.rmtree(entry.path, ignore_errors=True)
                    continue
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # a platform that cannot open folders (Windows)
    try:
        with contextlib.suppress(OSError):  # some file systems refuse fsync on a folder
            os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_error(target: Path, exc: OSError) -> OutputUnwritable:
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = "the disk is full"
    return OutputUnwritable(target, f"{reason}; any previous file is kept")


@contextlib.contextmanager
def output_path(path: StrPath, *, inputs: Inputs = (), replace: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block ends well it replaces ``path``.

    Whatever writes to the yielded path (docxtpl, LibreOffice...) may fail halfway: the
    temporary file is then removed and ``path`` is left as it was. An ``OSError`` raised
    in the block or by the rename (a full disk, a folder without write permission) becomes
    :class:`~kh_tthc.errors.OutputUnwritable`.

    Raises:
        OutputRefused: see :func:`check_output`.
        OutputUnwritable: the target is a folder, its folder is missing, or writing failed.
    """
    inputs = tuple(inputs)
    target = check_output(path, inputs=inputs, replace=replace)
    _remove_stale(target)
    try:
        fd, name = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise OutputUnwritable(target, str(exc.strerror or exc)) from None
    os.close(fd)
    tmp = Path(name)
    try:
        try:
            yield tmp
            # The inputs are checked again: the block may have run for a while.
            check_output(target, inputs=inputs, replace=replace)
            _fsync_file(tmp)
            mode = 0o666 & ~_umask()
            with contextlib.suppress(OSError):
                mode = os.stat(target).st_mode & 0o777
            os.chmod(tmp, mode)
            os.replace(tmp, target)
            _fsync_dir(target.parent)
        except SourceUnreadable:
            raise
        except OSError as exc:
            raise _write_error(target, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _write_all(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0))
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


def encode_text(path: StrPath, text: str) -> bytes:
    """``text`` as UTF-8, for the file ``path``.

    Raises:
        PlanFileError: the text holds a lone surrogate, which cannot be written as UTF-8.
    """
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # Only a lone surrogate cannot be encoded; files read by kh-tthc never hold one.
        char = f"U+{ord(exc.object[exc.start]):04X}"
        raise PlanFileError(
            Path(path),
            f"the text to write holds a lone surrogate ({char}), which no file can hold",
        ) from None


def write_output(
    path: StrPath,
    content: bytes | str | Callable[[Path], object],
    *,
    inputs: Inputs = (),
    replace: bool = True,
) -> Path:
    """Write ``content`` to ``path`` through :func:`output_path`; returns ``path``.

    Args:
        path: the file to write.
        content: bytes; text (written as UTF-8 with "\\n" line ends); or a function that
            writes the file at the path it is given.
        inputs: the files the command reads, which ``path`` must not be.
        replace: whether an existing ``path`` may be replaced.

    Raises:
        OutputRefused: ``path`` is an input, or exists and ``replace`` is false.
        OutputUnwritable: the folder is missing or the write failed (a full disk...).
        PlanFileError: the text holds a lone surrogate, which cannot be written as UTF-8.
    """
    if isinstance(content, str):
        content = encode_text(path, content)
    with output_path(path, inputs=inputs, replace=replace) as tmp:
        if isinstance(content, str):
            _write_all(tmp, content.encode("utf-8"))
        elif isinstance(content, bytes):
            _write_all(tmp, content)
        else:
            content(tmp)
    return Path(path)


def _syncfs(root: Path) -> bool:
    """Flush the whole file system holding ``root`` with one ``syncfs`` call (Linux);
    False where there is none, or it failed. One call instead of an fsync per file: for
    the 528 files of a large dashboard, about 10 ms instead of about 2 s."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return False
    try:
        fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return False
    try:
        return int(syncfs(fd)) == 0
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    if _syncfs(root):
        return
    for folder, _dirs, files in os.walk(root):
        for name in files:
            _fsync_file(Path(folder, name))
        _fsync_dir(Path(folder))


def _carry_over(old: Path, new: Path) -> None:
    """Copy into ``new`` what ``old`` holds and ``new`` does not (the user's own files in
    the folder): replacing the folder must not lose them. Hard links when possible."""
    for entry in os.scandir(old):
        src, dst = Path(entry.path), new / entry.name
        if entry.is_dir(follow_symlinks=False):
            if dst.is_dir() and not dst.is_symlink():
                _carry_over(src, dst)
            elif not dst.exists():
                shutil.copytree(src, dst, symlinks=True, copy_function=_link_or_copy)
        elif not dst.exists() and not dst.is_symlink():
            if entry.is_symlink():
                os.symlink(os.readlink(src), dst)
            else:
                _link_or_copy(src, dst)


def _link_or_copy(src: StrPath, dst: StrPath) -> object:
    try:
        os.link(src, dst)
    except OSError:
        return shutil.copy2(src, dst)
    return dst


def _folder_inputs(target: Path, inputs: tuple[StrPath | None, ...]) -> None:
    """Refuse ``target`` when it is, or holds, one of ``inputs``: replacing the folder
    would replace them."""
    try:
        real = target.resolve()
    except (OSError, RuntimeError):
        return
    for given in inputs:
        if given is None:
            continue
        try:
            source = Path(given).resolve()
        except (OSError, RuntimeError):
            continue
        if source == real or real in source.parents:
            raise OutputRefused(
                target,
                f"holds an input of this command ({Path(given)}); choose another folder",
            )


@contextlib.contextmanager
def output_folder(path: StrPath, *, inputs: Inputs = ()) -> Iterator[Path]:
    """Yield a temporary folder beside ``path``; when the block ends well it becomes ``path``.

    The block writes every file of the folder into the yielded one (plainly: it is not
    seen by anyone until the end). Then the files are flushed to disk in one pass, what the
    previous folder held and the new one does not (the user's own files) is carried over,
    and the new folder takes the old one's place by renames; a failure at any point removes
    the temporary folder and leaves the previous one as it was.

    Raises:
        OutputRefused: ``path`` is, or holds, an input of the command.
        OutputUnwritable: ``path`` is a file, its parent folder is missing, or writing failed.
    """
    inputs_t = tuple(inputs)
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()  # replace the folder the link points to, keep the link
    _folder_inputs(target, inputs_t)
    if target.exists() and not target.is_dir():
        raise OutputUnwritable(target, "it is a file; expected a folder")
    parent = target.parent
    if not parent.is_dir():
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _write_error(target, exc) from None
    _remove_stale(target)
    prefix = f".{target.name}.{os.getpid()}."
    try:
        tmp = Path(tempfile.mkdtemp(prefix=prefix, suffix=".tmp", dir=parent))
        old = Path(tempfile.mkdtemp(prefix=prefix, suffix=".tmp", dir=parent))
        os.rmdir(old)  # only its unused name is needed
    except OSError as exc:
        raise OutputUnwritable(target, str(exc.strerror or exc)) from None
    try:
        try:
            yield tmp
            _folder_inputs(target, inputs_t)  # checked again: the block may have run a while
            os.chmod(tmp, 0o777 & ~_umask())
            if target.is_dir():
                _carry_over(target, tmp)
            _fsync_tree(tmp)  # the files and folders of the new one, before it takes the name
            if target.is_dir():
                os.rename(target, old)
                try:
                    os.rename(tmp, target)
                except BaseException:
                    os.rename(old, target)
                    raise
                _fsync_dir(parent)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.rename(tmp, target)
                _fsync_dir(parent)
        except SourceUnreadable:
            raise
        except OSError as exc:
            raise _write_error(target, exc) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
