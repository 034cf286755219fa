"""How the command line fails: one line a facilitator can act on, a non-zero exit, no traceback."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.explained import ExplainedError
from kiosk.paths import DataPaths, resolve_data_paths


class CliError(ExplainedError):
    """A mistake or a condition the user can fix, in one line. Exit status 1.

    ``str()`` is the English text; ``key`` and the values word it in ``--lang`` (``kiosk.i18n.explain``).
    """

    exit_code = 1


def plan_problem(path: Path, exc: Exception) -> CliError:
    """A plan that cannot be used, in one line: its first problem, and where to see the rest."""
    problems = [str(p) for p in getattr(exc, "problems", ())] or [str(exc)]
    more = len(problems) - 1
    if not more:
        return CliError(problems[0])
    return CliError(f"{problems[0]} (and {more} more problem{'s' if more > 1 else ''}; 'ux-kiosk check {path}' "
                    "lists them)", key="cli.plan_more_problems", problem=problems[0], count=more, path=path)


def os_problem(exc: OSError) -> CliError:
    """A file or folder the system refused (the reason is the system's own words)."""
    reason = exc.strerror or str(exc)
    if exc.filename:
        return CliError(f"cannot use {exc.filename}: {reason}", key="cli.cannot_use", path=exc.filename,
                        reason=reason)
    return CliError(f"cannot use: {reason}", key="cli.cannot_use_unnamed", reason=reason)


def cannot_write(path: Path, exc: OSError) -> CliError:
    if exc.errno == errno.ENOSPC:
        return CliError(f"cannot write {path}: No space left on the disk; free some space or choose another place",
                        key="cli.disk_full", path=path)
    reason = exc.strerror or str(exc)
    return CliError(f"cannot write {path}: {reason}", key="cli.cannot_write", path=path, reason=reason)


@contextmanager
def writing(target: Path, folder: Path) -> Iterator[None]:
    """Turn a failed write into one line and remove any ``.part`` file the attempt left in ``folder``.

    The writers use ``name.part`` and rename on success; on a full disk the rename never happens.
    """
    before = set(folder.glob("*.part")) if folder.is_dir() else set()
    try:
        yield
    except OSError as exc:
        for leftover in set(folder.glob("*.part")) - before if folder.is_dir() else ():
            leftover.unlink(missing_ok=True)
        raise cannot_write(target, exc) from None


def data_paths(cli_data_dir: str | None) -> DataPaths:
    """The data folder from ``--data-dir`` or ``UX_KIOSK_HOME``, refused if it names a file."""
    paths = resolve_data_paths(cli_data_dir)
    for folder in (paths.root, *paths.root.parents):
        if folder.exists():
            if not folder.is_dir():
                source = "--data-dir" if cli_data_dir else "UX_KIOSK_HOME" if os.environ.get("UX_KIOSK_HOME") else ""
                if not source:
                    raise CliError(f"the data folder {folder} is a file, not a folder; give a folder (it is created "
                                   "if missing)", key="cli.data_folder_is_file", folder=folder)
                raise CliError(f"{source} {folder} is a file, not a folder; give a folder (it is created if missing)",
                               key="cli.data_dir_is_file", source=source, folder=folder)
            break
    return paths


def out_file(path: Path) -> Path:
    """``--out`` for a single file: not a folder, and its folder creatable."""
    if path.is_dir():
        raise out_is_folder(path)
    if path.exists() and not path.is_file():  # a device or a pipe: the atomic rename would replace it
        raise CliError(f"--out {path} is not a regular file; give a file name such as report.pdf",
                       key="cli.out_not_regular", path=path)
    _refuse_a_file_in_the_way(path, path.parent)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    return path


def _refuse_a_file_in_the_way(path: Path, folder: Path) -> None:
    """A file where ``--out`` needs a folder (``afile/x.pdf``): named, rather than the system's "File exists"."""
    for ancestor in (folder, *folder.parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                raise CliError(f"--out {path}: {ancestor} is a file, not a folder; choose another place",
                               key="cli.out_under_file", path=path, file=ancestor)
            return


def out_is_folder(path: Path) -> CliError:
    return CliError(f"--out {path} is a folder; give a file name such as {path / 'report.pdf'}",
                    key="cli.out_is_folder", path=path, example=path / "report.pdf")


def out_folder(path: Path) -> Path:
    """``--out`` for a folder of files: created if missing, refused if it is a file."""
    if path.exists() and not path.is_dir():
        raise CliError(f"--out {path} is not a folder; give a folder for the files (it is created if missing)",
                       key="cli.out_not_folder", path=path)
    _refuse_a_file_in_the_way(path, path.parent)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    return path
