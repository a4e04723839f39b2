"""The site folder emptied without the build waiting for it (`mkdocs build`, POSIX).

MkDocs empties site/ before every build (utils.clean_directory: every entry but hidden
ones), one file at a time, before it writes the first page: 5.3 s of a rebuild at 10,000
raw files (68,000 files), ~0.7 s at 1,000. Just before that (on_pre_build) the plugin
moves those same entries out of the way instead, one rename each, into a hidden folder
beside site/, and a separate `rm -rf` removes that folder while MkDocs builds. MkDocs
then finds site/ holding only its hidden entries (a gh-pages checkout's .git stays where
it is) and has nothing to remove.

An entry that cannot be moved (site/ on a mount point of its own, no permission) is left
where it is, for MkDocs to remove as before; so is everything on a system without `rm`.
A folder left by a build that was stopped is removed by the next one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

MARK = ".archivegen-old-"            # beside site/: .site.archivegen-old-<pid>-<ns>
_running: list[subprocess.Popen] = []     # kept so each is waited for (reaped) once done


def clear_in_background(site_dir: Path) -> bool:
    """Move what MkDocs would remove from `site_dir` aside and start removing it; True if
    a removal was started."""
    site_dir = Path(site_dir)
    try:
        entries = [site_dir / e for e in sorted(os.listdir(site_dir)) if not e.startswith(".")]
    except OSError:
        entries = []
    return remove_in_background(site_dir, entries)


def remove_in_background(site_dir: Path, paths: list[Path]) -> bool:
    """Move `paths` (in or under `site_dir`) into one hidden folder beside it and start
    removing that folder, with any left by a stopped build; True if a removal was started.
    A path that cannot be moved is left where it is."""
    _running[:] = [p for p in _running if p.poll() is None]
    rm = shutil.which("rm")
    if os.name != "posix" or rm is None:
        return False
    site_dir = Path(site_dir)
    parent = site_dir.parent
    leftovers = [str(p) for p in parent.glob(f".{site_dir.name}{MARK}*")] if parent.is_dir() else []
    if not paths and not leftovers:
        return False
    aside = parent / f".{site_dir.name}{MARK}{os.getpid()}-{time.time_ns()}"
    moved = 0
    if paths:
        try:
            aside.mkdir()
        except OSError:
            paths = []
        for n, path in enumerate(paths):
            try:
                os.rename(path, aside / f"{n}-{path.name}")
                moved += 1
            except OSError:
                pass                     # left for MkDocs' own emptying
        if paths and not moved:
            try:
                aside.rmdir()
            except OSError:
                pass
    targets = ([str(aside)] if moved else []) + sorted(leftovers)
    if not targets:
        return False
    try:
        _running.append(subprocess.Popen([rm, "-rf", "--", *targets], stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    except OSError:
        return False                     # the moved entries wait for the next build
    return True


def wait_for_clearing(timeout: float | None = None) -> None:
    """Wait for the removals this process started (tests; a process may also just exit)."""
    for proc in _running:
        proc.wait(timeout)
    _running.clear()
