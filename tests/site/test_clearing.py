"""site/ emptied in the background (site/clearing.py): what MkDocs would remove is removed,
its hidden entries stay, and a build gives the same site as one into an empty folder."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from archivegen.site import clearing
from tests.site.test_page_cache import _build, _project, _tree

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the background removal is for POSIX systems")


def _aside(parent: Path) -> list[Path]:
    return sorted(parent.glob(".site.archivegen-old-*"))


def _site(folder: Path) -> Path:
    site = folder / "site"
    (site / "documents" / "a").mkdir(parents=True)
    (site / "documents" / "a" / "index.html").write_text("旧页面", "utf-8")
    (site / "index.html").write_text("旧首页", "utf-8")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", "utf-8")
    (site / ".nojekyll").write_text("", "utf-8")
    return site


def test_entries_are_moved_aside_and_removed_and_hidden_ones_stay(tmp_path):
    site = _site(tmp_path)
    (tmp_path / ".site.archivegen-old-1-2").mkdir()          # left by a build that was stopped
    (tmp_path / ".site.archivegen-old-1-2" / "x.html").write_text("x", "utf-8")
    assert clearing.clear_in_background(site)
    assert sorted(os.listdir(site)) == [".git", ".nojekyll"]  # at once: MkDocs finds nothing to remove
    clearing.wait_for_clearing(timeout=60)
    assert _aside(tmp_path) == []
    assert (site / ".git" / "HEAD").read_text("utf-8").startswith("ref:")
    assert not clearing.clear_in_background(site)           # nothing left to remove


def test_without_rm_or_when_an_entry_cannot_move_it_is_left_for_mkdocs(tmp_path, monkeypatch):
    site = _site(tmp_path)
    monkeypatch.setattr(clearing.shutil, "which", lambda name: None)
    assert not clearing.clear_in_background(site)
    assert (site / "index.html").exists() and _aside(tmp_path) == []
    monkeypatch.undo()

    real = os.rename
    monkeypatch.setattr(clearing.os, "rename",
                        lambda a, b: (_ for _ in ()).throw(OSError("busy")) if Path(a).name == "index.html" else real(a, b))
    assert clearing.clear_in_background(site)
    clearing.wait_for_clearing(timeout=60)
    assert sorted(os.listdir(site)) == [".git", ".nojekyll", "index.html"]
    assert _aside(tmp_path) == []


def test_a_rebuild_over_an_old_site_equals_a_build_into_an_empty_folder(tmp_path):
    # without the build cache: with it, site/ is kept instead (tests/site/test_kept_site.py)
    project = _project(tmp_path / "p", cache=False)
    first, _, _ = _build(project)
    assert first.returncode == 0, first.stderr
    built = _tree(project / "site")
    (project / "site" / "stale.html").write_text("上一版网站留下的页面", "utf-8")
    (project / "site" / ".keep").write_text("部署用的隐藏文件", "utf-8")
    again, _, _ = _build(project)
    assert again.returncode == 0, again.stderr
    assert "site/ moved aside, removed in the background" in again.stderr
    deadline = time.monotonic() + 120
    while _aside(project) and time.monotonic() < deadline:      # the removal runs on after the build
        time.sleep(0.2)
    assert _aside(project) == []
    assert (project / "site" / ".keep").exists()
    assert {k: v for k, v in _tree(project / "site").items() if k != ".keep"} == built
