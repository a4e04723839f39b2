"""Rendered pages kept between `mkdocs build`s (site/page_cache.py): a warm build is byte
for byte a build without the cache, an edit renders only the pages whose Markdown it
changes, and a page that warned is never served from the cache."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

RENDERED = re.compile(r"archivegen: rendered (\S+)")
COUNTS = re.compile(r"archivegen: (\d+) pages from the build cache, (\d+) rendered")
HELPED = re.compile(r"archivegen: (\d+) pages rendered by a helper process")


def _project(folder: Path, cache: bool = True, helper: bool = False, search: str | None = None) -> Path:
    """A copy of the seed project. The render helper is off unless asked for: which pages
    it renders depends on timing, and these tests count the pages MkDocs renders itself
    (tests/site/test_render_helper.py tests the helper, in a fixed order)."""
    shutil.copytree(ROOT / "content", folder / "content")
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    if not helper:
        config = config.replace("      content_dir: content\n", "      content_dir: content\n      render_helper: false\n")
        assert "render_helper: false" in config
    if not cache:
        config = config.replace("      content_dir: content\n", "      content_dir: content\n      cache_dir: ''\n")
        assert "cache_dir: ''" in config
    if search:
        config = config.replace("      content_dir: content\n", f"      content_dir: content\n      search: {search}\n")
        assert f"search: {search}" in config
    (folder / "mkdocs.yml").write_text(config, "utf-8")
    (folder / "build").mkdir()
    return folder


def _build(project: Path, strict: bool = True, env: dict | None = None
           ) -> tuple[subprocess.CompletedProcess, set[str], tuple[int, int]]:
    """The build, the pages MkDocs rendered itself, and (pages from the cache, pages rendered
    by this process); a cold build's pages from the cache are the render helper's."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", **(env or {})}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-v", *(["--strict"] if strict else [])],
                            cwd=project, capture_output=True, text=True, env=env)
    counts = COUNTS.search(result.stderr)
    return result, set(RENDERED.findall(result.stderr)), (int(counts[1]), int(counts[2])) if counts else (-1, -1)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _edit(project: Path, text: str) -> Path:
    """Add a sentence to the first paragraph of the first document's body."""
    doc = sorted((project / "content" / "documents").rglob("*.md"))[0]
    source = doc.read_text("utf-8")
    body = source.index("\n---\n", 4) + 5
    end = source.index("。", body) + 1
    doc.write_text(source[:end] + text + source[end:], "utf-8")
    return doc


def test_warm_builds_equal_builds_without_the_cache_and_render_only_what_an_edit_changes(tmp_path):
    cached, plain = _project(tmp_path / "cached"), _project(tmp_path / "plain", cache=False)

    cold, rendered, (hits, misses) = _build(cached)
    assert cold.returncode == 0, cold.stderr
    total = hits + misses
    helped = HELPED.search(cold.stderr)
    # a cold build's hits are pages the render helper kept (it may finish one MkDocs has just rendered)
    assert hits <= (int(helped[1]) if helped else 0)
    assert total > 100 and len(rendered) == misses
    assert len(list((cached / ".cache" / "archivegen" / "pages").rglob("*"))) > total   # the folder and its pages
    reference, _, _ = _build(plain)
    assert reference.returncode == 0, reference.stderr
    assert not (plain / ".cache").exists()
    assert _tree(cached / "site") == _tree(plain / "site")

    warm, rendered, (hits, misses) = _build(cached)
    assert warm.returncode == 0, warm.stderr
    assert (hits, misses, rendered) == (total, 0, set())
    assert "search index from the build cache" in warm.stderr     # the same pages: the kept bundle
    assert _tree(cached / "site") == _tree(plain / "site")

    # an edit that uses a glossary term: the document, its edit-free neighbours stay cached
    for project in (cached, plain):
        doc = _edit(project, "推进“两旧一村”改造，这是编辑测试加上的句子。")
    warm, rendered, (hits, misses) = _build(cached)
    reference, _, _ = _build(plain)
    assert warm.returncode == reference.returncode == 0, warm.stderr + reference.stderr
    assert "search index from the build cache" not in warm.stderr     # a page changed: indexed again
    assert _tree(cached / "site") == _tree(plain / "site")
    page = doc.relative_to(plain / "content").as_posix()
    assert page in rendered
    assert any(p.startswith("glossary/") for p in rendered)     # the term's page quotes the new use
    assert 0 < misses == len(rendered) < total // 4 and hits + misses == total


def test_a_page_that_warned_is_rendered_again_and_a_damaged_entry_is_a_miss(tmp_path):
    project = _project(tmp_path / "p")
    first, _, _ = _build(project)
    assert first.returncode == 0, first.stderr
    expected = _tree(project / "site")

    doc = _edit(project, "参见[不存在的文件](../nowhere.md)。")
    for _ in range(2):                      # a --strict build fails every time, not once
        broken, rendered, _ = _build(project)
        assert broken.returncode == 1 and "nowhere.md" in broken.stderr
        assert doc.relative_to(project / "content").as_posix() in rendered

    shutil.copy(ROOT / "content" / doc.relative_to(project / "content"), doc)
    damaged = set()
    for entry in sorted(p for p in (project / ".cache" / "archivegen" / "pages").rglob("*") if p.is_file())[:30]:
        entry.write_bytes(b"not a cache entry")
        damaged.add(entry.name.split(".")[0])
    again, rendered, (hits, misses) = _build(project)
    assert again.returncode == 0, again.stderr
    helped = HELPED.search(again.stderr)           # damaged entries are misses: rendered again, maybe by the helper
    assert misses + (int(helped[1]) if helped else 0) >= len(damaged) >= 10 and hits > 0
    assert _tree(project / "site") == expected


def test_a_changed_mkdocs_yml_renders_every_page_again(tmp_path):
    project = _project(tmp_path / "p")
    first, _, (hits, misses) = _build(project)
    assert first.returncode == 0, first.stderr
    total = hits + misses
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("site_name: 中国政策文献注释档案", "site_name: 另一个档案"), "utf-8")
    again, rendered, (hits, misses) = _build(project)
    assert again.returncode == 0, again.stderr
    helped = HELPED.search(again.stderr)          # all rendered again, by MkDocs or its helper
    assert hits + misses == total and hits <= (int(helped[1]) if helped else 0)
    assert "另一个档案" in (project / "site" / "index.html").read_text("utf-8")


def test_the_cache_serves_a_project_moved_elsewhere_with_its_templates_at_other_times(tmp_path):
    """As in CI: a fresh clone and a new virtual environment put the same templates in
    other folders, with other times; only a template's bytes count."""
    project = _project(tmp_path / "here")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  name: material\n", "  name: material\n  custom_dir: theme-extra\n", 1),
                      "utf-8")
    template = project / "theme-extra" / "extra-note.html"
    template.parent.mkdir()
    template.write_text("<p>备注</p>\n", "utf-8")
    first, _, (hits, misses) = _build(project)
    assert first.returncode == 0, first.stderr
    total = hits + misses

    moved = project.rename(tmp_path / "elsewhere")
    os.utime(moved / "theme-extra" / "extra-note.html", (1_000_000_000, 1_000_000_000))
    again, rendered, counts = _build(moved)
    assert again.returncode == 0, again.stderr
    assert counts == (total, 0) and not rendered

    (moved / "theme-extra" / "extra-note.html").write_text("<p>另一条备注</p>\n", "utf-8")
    _, _, (hits, misses) = _build(moved)
    assert hits + misses == total and misses > 0            # a template's bytes changed: rendered again


def test_an_unknown_plugin_turns_page_caching_off(tmp_path):
    project = _project(tmp_path / "p")
    config = project / "mkdocs.yml"
    # Material's "offline" plugin (shipped, disabled here): a plugin archivegen does not know
    config.write_text(config.read_text("utf-8").replace("  - tags\n", "  - tags\n  - offline:\n      enabled: false\n"),
                      "utf-8")
    for _ in range(2):
        result, rendered, (hits, misses) = _build(project)
        assert result.returncode == 0, result.stderr
        assert hits == 0 and misses == len(rendered) > 100
        assert "pages are not cached" in result.stderr and "offline" in result.stderr
    assert not (project / ".cache" / "archivegen" / "pages").exists()


def test_with_materials_search_a_warm_build_indexes_every_page_as_a_cold_one(tmp_path):
    # With Pagefind a cached page's HTML is never read back (nothing reads it); Material's
    # search indexes it, so in that mode it must be
    cached, plain = _project(tmp_path / "cached", search="material"), _project(tmp_path / "plain", cache=False, search="material")
    cold, _, _ = _build(cached)
    reference, _, _ = _build(plain)
    assert cold.returncode == reference.returncode == 0, cold.stderr + reference.stderr
    warm, rendered, (hits, misses) = _build(cached)
    assert warm.returncode == 0, warm.stderr
    assert misses == 0 and hits > 100 and not rendered
    index = json.loads((cached / "site" / "search" / "search_index.json").read_text("utf-8"))
    assert len([d for d in index["docs"] if d["location"].startswith("documents/")]) > 50
    assert _tree(cached / "site") == _tree(plain / "site")


def test_a_hits_page_is_read_without_its_html_and_an_entry_gone_mid_build_is_named(tmp_path):
    import pytest

    from archivegen.site.page_cache import CacheVanished, PageCache

    first = PageCache(tmp_path / "pages", "fingerprint")       # a build that renders the page
    assert first.spill("k", "<p>正文</p>")
    first.keep("k", {"toc": [], "title": "题", "anchors": [], "links": {}}, "<html>整页</html>")
    first.close()
    cache = PageCache(tmp_path / "pages", "fingerprint")       # the next build: a hit
    assert cache.lookup("k") == {"toc": [], "title": "题", "anchors": [], "links": {}}
    assert cache.output("k") == "<html>整页</html>"              # without content() first
    assert cache.content("k") == "<p>正文</p>" and cache.output("k") == "<html>整页</html>"
    for read in (cache.output, cache.content):
        (tmp_path / "pages" / "k").write_bytes(b"not an entry")
        with pytest.raises(CacheVanished, match="build again"):
            read("k")
        assert not (tmp_path / "pages" / "k").exists()           # a miss in the next build
