"""build/'s writer: exactly the files asked for, stale ones and emptied folders removed,
hidden files kept, a record that is not written again when nothing changed; files put as
they are made, and build/ left as it was by a build that fails."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archivegen import site
from archivegen.site.emit import MARKER, Derived, Streamed, TreeWriter, write_tree
from tests.conftest import ROOT


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


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_ino)
            for p in folder.rglob("*") if p.is_file()}


def test_files_are_put_as_they_are_made_and_build_changes_only_on_commit(tmp_path):
    build = tmp_path / "build"
    write_tree(build, {"index.md": "旧", "gone.md": "去", "data.json": "[1, 2, 3]\n"})
    before = _snapshot(build)
    writer = TreeWriter(build)
    writer["index.md"] = "新"
    writer["new/page.md"] = "页"
    writer["data.json"] = Streamed(lambda: iter([b"[1, ", b"2, 3]\n"]))      # the same bytes, in pieces
    stage = writer.stage.relative_to(build).as_posix()
    assert stage.startswith(".")                           # hidden: MkDocs never reads it
    assert _snapshot(build) == before | {f"{stage}/index.md": (b"\xe6\x96\xb0", ANY),
                                         f"{stage}/new/page.md": ("页".encode(), ANY)}
    writer["new/page.md"] = "页（改）"
    writer["new/page.md"] = "页（又改）"                   # put again: the last one counts
    assert writer.commit() == (2, 1)                      # index.md, new/page.md; gone.md removed
    after = _snapshot(build)
    assert after["data.json"] == before["data.json"]     # not written again: the same inode
    assert after["index.md"][0] == "新".encode() and after["new/page.md"][0] == "页（又改）".encode()
    assert "gone.md" not in after and not writer.stage.exists()


@pytest.mark.parametrize("pieces", [[b"[1, 2, 3]\n", b"4"], [b"[1, 2, 3]"], [b"[1, 2, 4]\n"], [b""], []])
def test_a_streamed_file_that_differs_anywhere_is_written(tmp_path, pieces):
    build = tmp_path / "build"
    write_tree(build, {"data.json": "[1, 2, 3]\n"})
    assert write_tree(build, {"data.json": Streamed(lambda: iter(pieces))}) == (1, 0)
    assert (build / "data.json").read_bytes() == b"".join(pieces)


def test_a_build_that_fails_leaves_build_as_it_was(tmp_path, monkeypatch):
    content, build = tmp_path / "content", tmp_path / "build"
    import shutil

    shutil.copytree(ROOT / "content", content)
    info = site.SiteInfo(url="https://archive.example.org/")
    site.build(content, build, info)
    before = _snapshot(build)
    doc = sorted((content / "documents").rglob("*.md"))[0]
    doc.write_text(doc.read_text("utf-8").replace("title: ", "title: 改过的", 1), "utf-8")

    def fail(*args, **kwargs):
        raise OSError("the disk is full")

    monkeypatch.setattr(site.run, "log_page", fail)        # after every document's page was put
    with pytest.raises(OSError):
        site.build(content, build, info)
    assert _snapshot(build) == before                             # nothing half-written, nothing staged
    monkeypatch.undo()
    result = site.build(content, build, info)
    assert result.written >= 1 and "改过的".encode() in (build / "downloads" / "archive.json").read_bytes()


class _Any:
    def __eq__(self, other):
        return True


ANY = _Any()


@pytest.mark.parametrize("pieces", [[b"[1, ", b"2]"], [b""], []])
def test_a_streamed_file_new_to_build_is_written(tmp_path, pieces):
    assert write_tree(tmp_path / "build", {"d/data.json": Streamed(lambda: iter(pieces))}) == (1, 0)
    assert (tmp_path / "build" / "d" / "data.json").read_bytes() == b"".join(pieces)


def test_a_build_beside_another_leaves_its_staged_files_alone_and_a_killed_ones_are_removed(tmp_path, monkeypatch):
    build = tmp_path / "build"
    write_tree(build, {"a.md": "甲", "b.md": "乙"})
    (build / ".kept-folder").mkdir()
    (build / ".kept-folder" / "note.txt").write_text("kept", "utf-8")
    first = TreeWriter(build)
    first["a.md"] = "甲（改）"
    monkeypatch.setattr(os, "getpid", lambda: 999999)      # another build, started meanwhile
    second = TreeWriter(build)
    second["a.md"] = "甲"
    second["b.md"] = "乙（改）"
    assert first.stage.exists() and second.stage != first.stage
    assert second.commit() == (1, 0)
    assert first.commit() == (1, 1)                        # its a.md; b.md was not put by it
    assert (build / "a.md").read_text("utf-8") == "甲（改）"
    assert (build / ".kept-folder" / "note.txt").exists()  # a hidden folder is left alone

    killed = build / f"{TreeWriter.STAGE}4242"
    (killed / "documents").mkdir(parents=True)
    (killed / "documents" / "x.md").write_text("x", "utf-8")
    TreeWriter(build).abort()
    assert killed.exists()                                 # it may be a build still running
    day_ago = killed.stat().st_mtime - TreeWriter.STALE_AFTER - 60
    os.utime(killed, (day_ago, day_ago))
    TreeWriter(build).abort()
    assert not killed.exists()
