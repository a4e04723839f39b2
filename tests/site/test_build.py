"""A real `mkdocs build --strict` of the seed archive in a temporary folder."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, mkdocs_build

THIRD_PARTY = re.compile(r"""(?:src|href)=["'](?:https?:)?//(?!127\.0\.0\.1|localhost)""")


def test_every_document_has_a_page(built_site):
    docs = sorted((built_site / "content" / "documents").rglob("*.md"))
    assert len(docs) == 11
    for doc in docs:
        rel = doc.relative_to(built_site / "content").with_suffix("")
        page = built_site / "site" / rel / "index.html"
        assert page.exists(), page
        html = page.read_text(encoding="utf-8")
        from archivegen.markdown_io import read

        meta, _ = read(doc)
        assert meta["title"] in html
        assert ("编辑说明" in html) == bool(meta.get("editor_note")), doc.name


def test_no_html_file_loads_anything_from_a_third_party_host(built_site):
    """Nothing a page loads (scripts, styles, images, fonts, frames) comes from another
    host. Links a reader may follow are not loads: the source page of a news item, and the
    canonical address of each page, which starts with site_url."""
    offenders = []
    for page in (built_site / "site").rglob("*.html"):
        for tag in re.findall(r"<(?:script|img|iframe|link|source|video|audio|embed|object)\b[^>]*>",
                              page.read_text(encoding="utf-8")):
            if re.search(r'\brel="(?:canonical|alternate)"', tag):
                continue
            if THIRD_PARTY.search(tag):
                offenders.append(f"{page}: {tag}")
    assert not offenders, offenders[:5]


def test_two_builds_are_byte_identical(built_site, tmp_path):
    import shutil

    first = {p.relative_to(built_site / "site"): p.read_bytes() for p in (built_site / "site").rglob("*") if p.is_file()}
    result = mkdocs_build(built_site, {"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0
    second = {p.relative_to(built_site / "site"): p.read_bytes() for p in (built_site / "site").rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    differing = [k for k in first if first[k] != second[k]]
    assert not differing, differing[:5]


def test_dataset_download_and_raw_sources(built_site):
    import json

    data = json.loads((built_site / "site" / "downloads" / "archive.json").read_text(encoding="utf-8"))
    assert len(data["documents"]) == 11
    raw = built_site / "site" / "downloads" / "sources"
    originals = sorted(p for p in (ROOT / "content" / "sources").iterdir() if not p.name.endswith(".json"))
    published = sorted(p.name for p in raw.iterdir() if not p.name.endswith(".json"))
    assert published == sorted([p.name for p in originals] + [p.name[:-4] + ".utf-8.txt" for p in originals])
    for p in originals:
        assert (raw / p.name).read_bytes() == p.read_bytes()            # the raw file, byte for byte
        copy = (raw / (p.name[:-4] + ".utf-8.txt")).read_bytes()
        assert copy.startswith(b"\xef\xbb\xbf")                         # a browser reads it as UTF-8
        assert copy[3:].decode("utf-8") == p.read_bytes().decode("utf-8")


def test_a_gbk_source_gets_a_utf8_copy():
    from archivegen.site.editlog import utf8_copy

    text = "浦东新区政府工作报告\r\n各位代表：\r\n"
    copy = utf8_copy(text.encode("gb18030"), "gb18030")
    assert copy == b"\xef\xbb\xbf" + text.encode("utf-8")
    assert utf8_copy("\ufeff正文".encode("utf-8"), "utf-8-sig") == b"\xef\xbb\xbf" + "正文".encode("utf-8")


def test_bad_front_matter_fails_the_build_with_the_file_named(fresh_project):
    doc = next((fresh_project / "content" / "documents").rglob("*.md"))
    doc.write_text("---\ntitle: [unclosed\n---\n正文\n", encoding="utf-8")
    (fresh_project / "build").mkdir()
    result = mkdocs_build(fresh_project)
    assert result.returncode != 0
    assert doc.name in result.stderr
    assert "Traceback" not in result.stderr


def test_a_full_disk_stops_the_build_with_a_clear_message_and_build_as_it_was(fresh_project):
    # a disk that fills while build/ is written: no traceback, no "internal error", and
    # build/ holds the last finished build's files (the new ones were only staged)
    (fresh_project / "build").mkdir()
    assert mkdocs_build(fresh_project).returncode == 0
    build = fresh_project / "build"
    before = {p: p.read_bytes() for p in build.rglob("*") if p.is_file()}
    doc = next((fresh_project / "content" / "documents").rglob("*.md"))
    doc.write_text(doc.read_text("utf-8").replace("title: ", "title: 改过的", 1), "utf-8")
    script = ("import errno, sys\n"
              "from archivegen.site import emit\n"
              "put = emit.TreeWriter.__setitem__\n"
              "def full(self, rel, value):\n"
              "    if rel.startswith('downloads/'):\n"
              "        raise OSError(errno.ENOSPC, 'No space left on device', str(self.stage / rel))\n"
              "    put(self, rel, value)\n"
              "emit.TreeWriter.__setitem__ = full\n"
              "from mkdocs.__main__ import cli\n"
              "sys.argv = ['mkdocs', 'build', '--strict']\n"
              "cli()\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=fresh_project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert "No space left on device" in result.stderr and "build again" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert {p: p.read_bytes() for p in build.rglob("*") if p.is_file()} == before


def test_edit_button_opens_the_content_file(fresh_project):
    """With the repository's address in mkdocs.yml, "edit this page" opens the file in
    content/ that the page was generated from, never the generated one in build/."""
    config = fresh_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "\nrepo_url: https://example.org/archive\nedit_uri: edit/main/\n", encoding="utf-8")
    (fresh_project / "build").mkdir(exist_ok=True)
    result = mkdocs_build(fresh_project)
    assert result.returncode == 0, result.stderr
    site = fresh_project / "site"
    cases = {
        "documents/pudong/2024-pudong-zheng-fu-gong-zuo-bao-gao": "content/documents/pudong/2024-pudong-zheng-fu-gong-zuo-bao-gao.md",
        "glossary/liang-jiu-yi-cun-gai-zao": "content/glossary/liang-jiu-yi-cun-gai-zao.md",
    }
    for page, source in cases.items():
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert f'href="https://example.org/archive/edit/main/{source}"' in html, page
        assert (fresh_project / source).is_file()


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_in_one_process_equal_a_fresh_process(tmp_path):
    """`mkdocs serve` builds again in the same process: the second build must not carry
    anything from the first (jieba's words, caches). A glossary term removed between the
    builds leaves no trace: build/ is what a new process makes of the same content."""
    from archivegen import site

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    site.build(content, tmp_path / "build")
    removed = [p for p in (content / "glossary").glob("*.md") if "两旧一村" in p.read_text(encoding="utf-8")[:200]]
    assert removed
    for p in removed:
        p.unlink()
    site.build(content, tmp_path / "build")
    code = "import sys; from pathlib import Path; from archivegen import site; site.build(Path(sys.argv[1]), Path(sys.argv[2]))"
    subprocess.run([sys.executable, "-c", code, str(content), str(tmp_path / "fresh")], check=True)
    again, fresh = _tree(tmp_path / "build"), _tree(tmp_path / "fresh")
    assert again.keys() == fresh.keys()
    assert [k for k in again if again[k] != fresh[k]] == []
    assert "两旧一村" not in again[".jieba_userdict.txt"].decode("utf-8")


def test_a_site_without_site_url_stops_with_a_clear_message(fresh_project):
    config = fresh_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"^site_url:.*$", 'site_url: ""', text, flags=re.M), encoding="utf-8")
    (fresh_project / "build").mkdir()
    result = mkdocs_build(fresh_project)
    assert result.returncode != 0
    assert "site_url" in result.stderr and "citation" in result.stderr and "Traceback" not in result.stderr


def test_static_files_from_build_are_hard_links_and_theme_files_copies(built_site):
    """site/static_links.py: raw sources and downloads share build/'s files (MkDocs copies
    them on every build otherwise); Material's own files are copied, as MkDocs does."""
    site, build = built_site / "site", built_site / "build"
    linked = [p for p in (build / "downloads").rglob("*") if p.is_file()]
    assert len(linked) > 10
    for path in linked:
        assert os.path.samefile(path, site / path.relative_to(build)), path
    theme = sorted((site / "assets" / "javascripts").glob("bundle.*.js"))
    assert theme and all(p.stat().st_nlink == 1 for p in theme)


def test_a_file_replaced_in_build_reaches_site_and_the_old_link_is_not_written_through(tmp_path):
    """build/ files are replaced, never written in place: a rebuild after the raw file's
    download changed links the new file; the old one is untouched."""
    project = tmp_path / "p"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "build").mkdir()
    assert mkdocs_build(project).returncode == 0
    archive = project / "site" / "downloads" / "archive.json"
    before = archive.read_bytes()
    old = project / "old-archive.json"
    os.link(archive, old)                                   # keep the first build's file
    doc = sorted((project / "content" / "documents").rglob("*.md"))[0]
    doc.write_text(doc.read_text("utf-8").replace("title: ", "title: 改过的", 1), "utf-8")
    assert mkdocs_build(project).returncode == 0
    assert "改过的".encode() in archive.read_bytes() and old.read_bytes() == before
    assert os.path.samefile(archive, project / "build" / "downloads" / "archive.json")
