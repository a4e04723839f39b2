"""Static files of the docs_dir reach site/ as hard links, not copies.

MkDocs empties site/ and copies every file that is not a page on every build: at 1,000 raw
files that is ~3,000 files (raw sources, their UTF-8 copies, cleaning logs, downloads) and
seconds of a rebuild. build/ is archivegen's own output and every file in it is replaced,
never written in place (site/emit.py writes a new file and renames it), so site/ can share
its files: a hard link costs no copying, and a file changed in build/ is a new file that
the next build links again. Theme files (Material's own, in site-packages) are copied as
MkDocs does: a link there would let a change in site/ reach the installed theme. Where a
link cannot be made (another file system, a file system without links) the file is copied.
"""

from __future__ import annotations

import os
import shutil
import types
from pathlib import Path


def link_static_files(files, docs_dir: str) -> set[str]:
    """Make every static file from docs_dir link instead of copy; their paths in the site."""
    root = os.path.normpath(os.path.abspath(docs_dir)) + os.sep
    linked = set()
    for f in files:
        if f.is_documentation_page() or f.abs_src_path is None or not f.abs_src_path.startswith(root):
            continue
        f.copy_file = types.MethodType(_link_file, f)
        linked.add(f.dest_uri)
    return linked


def _link_file(file, dirty: bool = False) -> None:
    if file._content is not None or (dirty and not file.is_modified()):
        return type(file).copy_file(file, dirty)
    dest = Path(file.abs_dest_path)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(Path(file.abs_src_path), dest)
    except OSError:
        type(file).copy_file(file, dirty)


def link_or_copy(source: Path, dest: Path) -> None:
    """`dest` becomes a hard link to `source` (whatever was there goes), or a copy where a
    link cannot be made (another file system, one without links). A `dest` that is already
    `source` (a site kept from the last build, kept_site.py) stays as it is."""
    try:
        if os.path.samestat(os.lstat(dest), os.stat(source)):
            return
        dest.unlink()
    except FileNotFoundError:
        pass
    try:
        os.link(source, dest)
    except OSError:
        shutil.copyfile(source, dest)
