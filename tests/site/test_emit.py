"""build/'s writer: exactly the files asked for, stale ones and emptied folders removed,
hidden files kept, and a record that is not written again when nothing changed."""

from __future__ import annotations

from pathlib import Path

from archivegen.site.emit import MARKER, Derived, write_tree


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_write_tree_holds_exactly_the_files_asked_for(tmp_path):
    build, record = tmp_path / "build", tmp_path / "cache" / "build-record.json"
    first = {"index.md": "# 首页\n", "documents/a/one.md": "一", "documents/b/two.md": "二",
             "sources/raw.txt": Derived(lambda: b"raw", version="v1")}
    assert write_tree(build, first, record) == (4, 0)
    (build / "documents" / "c" / "deep").mkdir(parents=True)
    (build / "documents" / "c" / "deep" / "stray.md").write_text("x", "utf-8")
    (build / ".hidden").write_text("kept", "utf-8")
    (build / "documents" / "a" / ".also-hidden").write_text("kept", "utf-8")

    second = {"index.md": "# 首页\n", "documents/a/one.md": "一（改）", "sources/raw.txt": first["sources/raw.txt"]}
    written, removed = write_tree(build, second, record)
    assert (written, removed) == (1, 2)                  # one.md; two.md and the stray
    assert _files(build) == {"index.md", "documents/a/one.md", "sources/raw.txt", ".hidden",
                             "documents/a/.also-hidden", MARKER, ".gitignore"}
    assert not (build / "documents" / "b").exists() and not (build / "documents" / "c").exists()
    assert (build / "documents" / "a" / "one.md").read_text("utf-8") == "一（改）"

    inode = record.stat().st_ino
    assert write_tree(build, second, record) == (0, 0)
    assert record.stat().st_ino == inode                # nothing changed: the record is not rewritten
