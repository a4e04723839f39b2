"""Site search: Material's lunr index for small archives, Pagefind for large ones.

Material's search ships one index file to every reader (megabytes at a few hundred
Chinese documents); Pagefind loads small index chunks per query. See BENCHMARKS.md.

With Pagefind, readers keep Material's own search UI (header box, result list, keyboard,
highlighting): only the backend changes. Material runs search in a web worker whose URL
is in the `#__config` JSON of every page; in Pagefind mode a template override
(overrides/main.html) points it at assets/pagefind-worker.js, which speaks Material's
worker protocol and answers queries from the Pagefind index built here after MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
OVERRIDES = PACKAGE / "overrides"
WORKER = "assets/pagefind-worker.js"        # site-relative; copied from src/archivegen/assets/
BUNDLE = "pagefind"                          # site-relative folder Pagefind writes

# Pagefind indexes the main article of these pages only: documents, glossary terms,
# people and compilations (see paths.py). Listing pages (home, regions, years, types,
# tags, section indexes) repeat the titles of pages that are indexed anyway, and in a
# 10,000-document archive each is hundreds of KB that a reader would download as a result.
INDEXED_SECTIONS = ("documents", "glossary", "people", "compilations")
ROOT_SELECTOR = "article.md-content__inner"
# ¶ permalinks of headings and paragraphs; the lists around a text (ag-aside: links,
# quotations on person and term pages); the editor's note and the file name and hash
# in the metadata card (words about the archive, not in the document)
EXCLUDE_SELECTORS = ".headerlink, .ag-pilcrow, .ag-aside, .ag-editor-note, .ag-card code"
PARAGRAPH_ID = re.compile(r' id="p-[0-9a-f]{8}"')             # see anchors.py
# Pagefind's own UI bundles: the site uses Material's UI, so these are never requested.
UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                       "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


# The worker returns the most relevant pages only (SHOWN in the worker): say so.
RESULT_COUNT = {"zh": "最相关的 # 个结果", "en": "# most relevant results"}


class SearchBuildError(RuntimeError):
    pass


def choose_engine(setting: str, n_documents: int, threshold: int) -> str:
    if setting != "auto":
        return setting
    return "pagefind" if n_documents > threshold else "material"


def page_front_matter(engine: str) -> dict:
    """Page metadata that, with Pagefind, keeps a page out of lunr's index (the plugin
    adds it to every page before Material's search plugin reads it)."""
    return {"search": {"exclude": True}} if engine == "pagefind" else {}


def configure(config, engine: str, build: Path) -> None:
    """Adjust the MkDocs config for the chosen engine.

    Material: its search plugin segments Chinese with jieba's global dictionary; it gets
    our user dictionary (glossary terms, names: build/.jieba_userdict.txt) on top of the
    shipped one, afresh on every build.

    Pagefind: Material's search plugin stays (it draws the search box and writes the
    search_index.json the UI waits for) but indexes no page, so that file is a few hundred
    bytes; the template override swaps Material's lunr worker for ours."""
    plugins = config.plugins
    search = plugins.get("material/search") or plugins.get("search")
    if engine != "pagefind":
        if search is not None and hasattr(search.config, "jieba_dict_user"):
            from archivegen.dictionary import reset_global
            from archivegen.site.paths import JIEBA_USERDICT

            reset_global()
            search.config.jieba_dict_user = search.config.jieba_dict_user or str(Path(build) / JIEBA_USERDICT)
        return
    if search is None or not getattr(search.config, "enabled", True):
        raise SearchBuildError("search: pagefind keeps Material's search box, so mkdocs.yml needs "
                               "Material's `search` plugin (enabled) in `plugins:`")
    config.extra["archivegen_search"] = {
        "engine": "pagefind",
        "material_worker": _material_worker(),
        "worker": f"{WORKER}?v={_worker_version()}",   # a new worker reaches readers with the new index
        "result_other": RESULT_COUNT.get(config.theme.get("language") or "en", RESULT_COUNT["en"]),
    }
    if str(OVERRIDES) not in config.theme.dirs:
        # first, so our main.html wraps Material's (a custom main.html of your own would
        # shadow it; after_build checks that the pages really point at our worker)
        config.theme.dirs.insert(0, str(OVERRIDES))


def _material_worker() -> str:
    """The site-relative path of Material's lunr worker, as its base.html writes it."""
    import material

    base = Path(material.__file__).parent / "templates" / "base.html"
    m = re.search(r'"search":\s*"(assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)"',
                  base.read_text(encoding="utf-8"))
    if not m:
        raise SearchBuildError(f"cannot find the search worker setting in {base}: this Material version "
                               "configures search differently; set `search: material` for the archivegen plugin")
    return m.group(1)


def _worker_version() -> str:
    return hashlib.sha256((PACKAGE / WORKER).read_bytes()).hexdigest()[:8]


def after_build(site_dir: Path, engine: str) -> None:
    """Build the Pagefind index into site_dir when Pagefind is the engine."""
    if engine != "pagefind":
        return
    site_dir = Path(site_dir)
    _check_pages_use_worker(site_dir)
    out = site_dir / BUNDLE
    if out.exists():
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory(prefix="archivegen-pagefind-") as tmp:
        if not _copy_for_indexing(site_dir, Path(tmp)):
            raise _nothing_indexed(site_dir)
        _run_pagefind(Path(tmp), out)
    entry = out / "pagefind-entry.json"
    if not (out / "pagefind.js").exists() or not entry.exists():
        raise SearchBuildError(f"Pagefind wrote no search bundle to {out}")
    languages = json.loads(entry.read_text(encoding="utf-8")).get("languages") or {}
    if sum(v.get("page_count", 0) for v in languages.values()) == 0:
        raise _nothing_indexed(site_dir)
    for name in UNUSED_BUNDLE_FILES:
        (out / name).unlink(missing_ok=True)


def _copy_for_indexing(site_dir: Path, dest: Path) -> int:
    """Copy the pages to index into dest, without the ids of paragraph permalinks.

    Pagefind keeps the text of every element that has an id in the page's fragment (the
    file a reader downloads for each result shown); with an id on every paragraph that
    is the whole text a second time. Results only point at headings, so the index is
    built from copies without paragraph ids; the published pages keep them."""
    count = 0
    for section in INDEXED_SECTIONS:
        root = site_dir / section
        for page in sorted(root.rglob("*.html")) if root.is_dir() else ():
            if page.parent == root and page.name == "index.html":
                continue                                   # the section's listing page
            target = dest / page.relative_to(site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(PARAGRAPH_ID.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")
            count += 1
    return count


def _run_pagefind(pages: Path, out: Path) -> None:
    cmd = [sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(out),
           "--force-language", "zh", "--root-selector", ROOT_SELECTOR,
           "--exclude-selectors", EXCLUDE_SELECTORS, "--quiet"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchBuildError(f"Pagefind could not run: {exc}") from None
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip()
        if "No module named pagefind" in detail:
            raise SearchBuildError("search: pagefind needs the Pagefind indexer: "
                                   "pip install 'pagefind[extended]' (a dependency of archivegen)")
        raise SearchBuildError(f"Pagefind failed (exit {proc.returncode}): {detail[-2000:]}")


def _nothing_indexed(site_dir: Path) -> SearchBuildError:
    return SearchBuildError(f"Pagefind indexed no page: none of {', '.join(INDEXED_SECTIONS)} under {site_dir} "
                            f"has a page with {ROOT_SELECTOR}")


def _check_pages_use_worker(site_dir: Path) -> None:
    page = site_dir / "index.html"
    if not page.exists():
        pages = sorted(site_dir.glob("**/index.html"))
        if not pages:
            raise SearchBuildError(f"no pages in {site_dir} to index")
        page = pages[0]
    html = page.read_text(encoding="utf-8")
    if WORKER not in html:
        raise SearchBuildError(
            f"{page} still points Material's search at its lunr worker, not {WORKER}: "
            "archivegen's template override (main.html) was not used; a main.html in your "
            "theme custom_dir replaces it, so add its `block config` there or set `search: material`")
