"""The previous build's pages kept in site/ (site/kept_site.py): a rebuild writes only the
pages that changed, removes what the build no longer makes, and ends byte for byte as a
build into an empty site/."""

from __future__ import annotations

import os
import shutil

from archivegen.site.kept_site import KEPT
from archivegen.site.static_links import link_or_copy
from tests.site.test_page_cache import _build, _edit, _project, _tree


def _pages(site) -> dict[str, tuple[int, int]]:
    """Each page's (inode, modification time): what writing it again would change."""
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("index.html")}


def _built(tmp_path):
    """A copy of the seed project, built once (its site/ and build cache made)."""
    project = _project(tmp_path / "kept")
    cold, _, _ = _build(project)
    assert cold.returncode == 0, cold.stderr
    return project


def _reference(tmp_path, name, change=None):
    """The same content built into an empty site/ without any cache."""
    plain = _project(tmp_path / name, cache=False)
    if change:
        change(plain)
    result, _, _ = _build(plain)
    assert result.returncode == 0, result.stderr
    return _tree(plain / "site")


def test_a_rebuild_writes_only_the_pages_that_changed_and_ends_as_an_empty_site_would(tmp_path):
    project = _built(tmp_path)
    site = project / "site"
    before = _pages(site)
    records = list((project / ".cache" / "archivegen" / "site-pages").glob("*.json"))
    assert len(records) == 1

    # nothing changed: no page is written again, and MkDocs says nothing about them
    again, rendered, _ = _build(project)
    assert again.returncode == 0, again.stderr
    assert not rendered and _pages(site) == before
    assert "Page skipped" not in again.stderr
    assert "site/ kept" in again.stderr

    # one document edited: its page is written, every page it does not change is not
    doc = _edit(project, "这是为测试保留的页面所加的一句话。")
    edited, rendered, _ = _build(project)
    assert edited.returncode == 0, edited.stderr
    after = _pages(site)
    written = {page for page in after if after[page] != before.get(page)}
    page = f"documents/{doc.parent.name}/{doc.stem}/index.html"
    assert page in written
    assert written == {f"{src[:-3]}/index.html" if not src.endswith("index.md") else src[:-2] + "html"
                       for src in rendered}
    assert len(written) < len(after) / 10
    assert not (site / KEPT).exists()
    assert _tree(site) == _reference(tmp_path, "plain-edited", lambda p: _edit(p, "这是为测试保留的页面所加的一句话。"))


def test_a_removed_document_stray_files_and_a_page_changed_by_hand_do_not_survive_a_rebuild(tmp_path):
    project = _built(tmp_path)
    site = project / "site"
    # a page changed by hand, whose content did not change, is written again
    by_hand = sorted(site.glob("glossary/*/index.html"))[0]
    by_hand.write_text(by_hand.read_text("utf-8").replace("</body>", "<p>改过</p></body>"), "utf-8")
    same, rendered, _ = _build(project)
    assert same.returncode == 0, same.stderr
    assert not rendered and "改过" not in by_hand.read_text("utf-8")
    by_hand.write_text(by_hand.read_text("utf-8").replace("</body>", "<p>改过</p></body>"), "utf-8")

    doc = sorted((project / "content" / "documents").rglob("*.md"))[-1]
    gone = site / "documents" / doc.parent.name / doc.stem / "index.html"
    assert gone.is_file()
    doc.unlink()
    (site / "stray.txt").write_text("not made by the build", "utf-8")
    (site / ".nojekyll").write_text("", "utf-8")          # hidden: MkDocs leaves it, and so does this
    (site / "documents" / "stray").mkdir()
    (site / "documents" / "stray" / "index.html").write_text("<p>old</p>", "utf-8")

    again, _, _ = _build(project)
    assert again.returncode == 0, again.stderr
    assert not gone.exists() and not gone.parent.exists()
    assert not (site / "stray.txt").exists() and not (site / "documents" / "stray").exists()
    assert (site / ".nojekyll").exists()
    (site / ".nojekyll").unlink()
    assert "改过" not in by_hand.read_text("utf-8")

    def remove(p):
        sorted((p / "content" / "documents").rglob("*.md"))[-1].unlink()
    assert _tree(site) == _reference(tmp_path, "plain-removed", remove)


def test_a_page_that_is_a_hard_link_is_never_written_through(tmp_path):
    """A page whose file in site/ shares its bytes with a file elsewhere is replaced, not
    written in place: the other file keeps its bytes."""
    project = _built(tmp_path)
    doc = _edit(project, "硬链接测试。")
    page = project / "site" / "documents" / doc.parent.name / doc.stem / "index.html"
    outside = tmp_path / "outside.html"
    outside.write_text("somebody else's file", "utf-8")
    page.unlink()
    os.link(outside, page)

    again, _, _ = _build(project)
    assert again.returncode == 0, again.stderr
    assert outside.read_text("utf-8") == "somebody else's file"
    assert "硬链接测试" in page.read_text("utf-8") and page.stat().st_nlink == 1


def test_a_folder_left_by_a_stopped_build_and_a_missing_record(tmp_path):
    project = _built(tmp_path)
    site = project / "site"
    reference = _tree(site)
    # a build stopped after setting site/ aside leaves the hidden folder: the next one removes it
    (site / KEPT / "documents").mkdir(parents=True)
    (site / KEPT / "documents" / "old.html").write_text("old", "utf-8")
    again, _, _ = _build(project)
    assert again.returncode == 0, again.stderr
    assert not (site / KEPT).exists()
    assert _tree(site) == reference
    # without its record a site is emptied and written whole, as before
    shutil.rmtree(project / ".cache" / "archivegen" / "site-pages")
    before = _pages(site)
    third, _, _ = _build(project)
    assert third.returncode == 0, third.stderr
    assert "site/ kept" not in third.stderr
    after = _pages(site)
    assert after.keys() == before.keys() and all(after[p] != before[p] for p in after)
    assert _tree(site) == reference


def test_a_static_file_already_linked_stays_and_another_is_replaced(tmp_path):
    source, dest = tmp_path / "source.txt", tmp_path / "site" / "dest.txt"
    source.write_text("原文", "utf-8")
    dest.parent.mkdir()
    link_or_copy(source, dest)
    assert os.path.samefile(source, dest)
    ctime = dest.stat().st_ctime_ns
    link_or_copy(source, dest)                   # already that file: left alone (no unlink, no link)
    assert dest.stat().st_ctime_ns == ctime and dest.stat().st_nlink == 2
    other = tmp_path / "other.txt"
    other.write_text("另一份", "utf-8")
    link_or_copy(other, dest)
    assert dest.read_text("utf-8") == "另一份" and source.read_text("utf-8") == "原文"
