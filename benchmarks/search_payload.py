#!/usr/bin/env python3
"""What the first search costs a reader: Material's lunr index vs Pagefind.

    python benchmarks/search_payload.py               # 100 and 1,000 documents
    python benchmarks/search_payload.py --large       # and 10,000
    python benchmarks/search_payload.py --sizes 300 --no-write

For each size N it writes a synthetic archive (the seed archive plus N-11 generated
Chinese documents whose paragraphs are sentences sampled, with a fixed seed, from the
seed documents and the CCTV news corpus), builds it with `mkdocs build --strict` twice
(`search: material` and `search: pagefind`), serves each site on 127.0.0.1 and, in
Debian's Chromium, opens the home page, types a query into Material's search box and
waits for the results. Every request the server answers is counted (bytes of the
response body); requests to any other host are blocked and reported.

"First query" = every search request from opening the page until the results are shown
and the network is quiet: for Material that is its worker, lunr's language scripts and
the whole search_index.json (fetched when the page loads, before the reader types); for
Pagefind the worker, an empty search_index.json, pagefind.js, its WebAssembly, the entry
and metadata files, the index chunks the query needs and one fragment per result shown.
"gzip" estimates the bytes over a server that compresses text (JS, JSON); Pagefind's
own files are already compressed and count as they are.

The results replace the "## Search payload" section of BENCHMARKS.md (--no-write: don't).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import html
import http.server
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "cctv-news-2024-01"
if not CORPUS.is_dir():
    CORPUS = ROOT / "tests" / "data" / "cctv-sample"    # 25 of the pages, committed
CHROMIUM = os.environ.get("ARCHIVEGEN_CHROMIUM", "/usr/bin/chromium")
SEED = 20240101
QUERIES = (("城市更新", "phrase"), ("陈吉宁", "person"), ("浦东", "place"), ("两旧一村", "glossary term"))
ENGINES = ("material", "pagefind")
SEARCH_PATHS = re.compile(r"^/(search/|assets/javascripts/workers/|assets/javascripts/lunr/|assets/pagefind-worker\.js|"
                          r"assets/search-ui\.js|assets/search\.css|pagefind/)")
PRECOMPRESSED = re.compile(r"\.pf_(meta|index|fragment|filter)$|\.pagefind$")

sys.path.insert(0, str(ROOT / "src"))


# ------------------------------------------------------------------ the synthetic archive

def _sentences(text: str) -> list[str]:
    parts = re.findall(r"[^。！？；]*[。！？；]", text)
    return [p.strip() for p in parts if len(re.findall(r"[\u4e00-\u9fff]", p)) >= 8]


def corpus() -> tuple[list[str], list[str], list[str]]:
    """(seed sentences, news sentences, news titles), in a fixed order."""
    from archivegen.markdown_io import body_to_text, heading_level, read

    seed, news, titles = [], [], []
    for path in sorted((ROOT / "content" / "documents").rglob("*.md")):
        _, body = read(path)
        for line in body_to_text(body).split("\n"):
            if not heading_level(line):
                seed.extend(_sentences(line))
    for path in sorted(CORPUS.glob("*.shtml")):
        text = path.read_text(encoding="utf-8", errors="replace")
        m = re.search(r'id="content_area"[^>]*>(.*?)</div>', text, re.S)
        t = re.search(r"<title>(.*?)</title>", text, re.S)
        if not m or not t:
            continue
        plain = html.unescape(re.sub(r"<[^>]+>", "\n", m.group(1)))
        found = [s for line in plain.split("\n") for s in _sentences(line.strip())]
        title = re.sub(r"^\[[^]]*\]", "", html.unescape(t.group(1))).strip()
        if found and title:
            news.extend(found)
            titles.append(title)
    if not seed or not news:
        raise SystemExit(f"no text to sample: seed documents in {ROOT / 'content'}, news in {CORPUS}")
    return seed, news, titles


# (doc_type, share, paragraphs, sentences per paragraph, share of news sentences)
KINDS = (("新闻报道", 0.55, (3, 9), (1, 3), 0.9),
         ("传达稿", 0.20, (5, 14), (2, 5), 0.3),
         ("会议纪要", 0.10, (4, 10), (2, 4), 0.3),
         ("政策文件", 0.08, (8, 20), (2, 4), 0.2),
         ("政府工作报告", 0.07, (25, 60), (2, 5), 0.1))
CHAPTERS = "一二三四五六七八九十"


def make_archive(dest: Path, n: int, rng: random.Random, pool) -> None:
    """dest/content: the seed archive plus n - (seed documents) generated documents."""
    from archivegen.contract import read_people
    from archivegen.data.regions import regions
    from archivegen.markdown_io import dump, render_body

    shutil.copytree(ROOT / "content", dest / "content")
    seed_docs = len(list((dest / "content" / "documents").rglob("*.md")))
    seed, news, titles = pool
    places = [r for r in regions().values() if r.slug]
    shanghai = [r for r in places if r.parent == "上海市" or r.name == "上海市"]
    people = sorted(p.name for p in read_people(dest / "content").people)
    start = dt.date(2019, 1, 1)
    for i in range(max(0, n - seed_docs)):
        kind, _, paras, per, news_share = rng.choices(KINDS, weights=[k[1] for k in KINDS])[0]
        region = rng.choice(shanghai) if rng.random() < 0.75 else rng.choice(places)
        date = start + dt.timedelta(days=rng.randrange(7 * 365))
        lines = []
        for p in range(rng.randint(*paras)):
            if kind == "政府工作报告" and p % 8 == 0 and p // 8 < len(CHAPTERS):
                lines.append(f"{CHAPTERS[p // 8]}、{rng.choice(seed)[:14].rstrip('，。；、')}")
            src = news if rng.random() < news_share else seed
            lines.append("".join(rng.choice(src) for _ in range(rng.randint(*per))))
        text = "\n".join(lines)
        if kind == "新闻报道":
            title = rng.choice(titles)
        else:
            topic = re.split(r"[，。；、,]", lines[-1])[0][:16]
            title = f"{date.year}年{region.name}{kind}：{topic}"
        meta = {
            "id": f"bench-{i:05d}", "title": title, "doc_type": kind, "region": region.name,
            "date": date.isoformat(), "year": date.year, "date_inferred": False,
            "people": [p for p in people if p in text], "complete": True,
            "source": None, "edits": [], "editor_note": "", "tags": [],
        }
        path = dest / "content" / "documents" / region.slug / f"bench-{i:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(meta, render_body(text)), encoding="utf-8")


def build(project: Path, engine: str) -> tuple[float, Path, str]:
    """mkdocs build --strict with `search: engine`; (seconds, site dir, log)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    marker = "  - archivegen:\n      content_dir: content\n"
    if marker not in config:
        raise SystemExit("mkdocs.yml: cannot find the archivegen plugin block to set `search:`")
    (project / "mkdocs.yml").write_text(config.replace(marker, marker + f"      search: {engine}\n"), encoding="utf-8")
    (project / "build").mkdir(exist_ok=True)
    site = project / f"site-{engine}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=project, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({engine}):\n{proc.stderr[-3000:]}")
    return seconds, site, proc.stderr


# ------------------------------------------------------------------ serving and measuring

class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.log: list[tuple[float, str, int]] = []

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.log.append((time.perf_counter(), path, size))

    def since(self, t: float) -> list[tuple[str, int]]:
        with self.lock:
            return [(p, s) for when, p, s in self.log if when >= t]


class _Handler(http.server.SimpleHTTPRequestHandler):
    recorder: Recorder

    def log_message(self, *args) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        outputfile.write(data)
        self.recorder.add(self.path.split("?")[0], len(data))


def serve(site: Path, recorder: Recorder):
    handler = type("Handler", (_Handler,), {"recorder": recorder})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@functools.lru_cache(maxsize=None)
def _gzip_size(path: Path) -> int:
    data = path.read_bytes()
    return len(data) if PRECOMPRESSED.search(path.name) else len(gzip.compress(data, 6, mtime=0))


def measure(browser, site: Path, query: str, ready_timeout: float) -> dict:
    recorder = Recorder()
    server, url = serve(site, recorder)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    foreign: list[str] = []

    def route(r):
        if r.request.url.startswith(url) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    try:
        opened = time.perf_counter()
        page.goto(url)
        meta = page.locator(".md-search-result__meta")
        # Material's search is ready when the "initialising" text gives way to "type to start"
        page.wait_for_function(
            "() => { const m = document.querySelector('.md-search-result__meta');"
            " return m && m.textContent.trim() === '键入以开始搜索' }", timeout=ready_timeout * 1000)
        ready = time.perf_counter() - opened
        box = page.locator(".md-search__input")
        box.click()
        typed = time.perf_counter()
        page.keyboard.insert_text(query)       # as an input method commits a word
        box.press("End")                       # a key event: Material alone (`search: material`) searches on keyup
        page.wait_for_function(
            "() => { const m = document.querySelector('.md-search-result__meta');"
            " return m && !['键入以开始搜索', '正在初始化搜索引擎'].includes(m.textContent.trim()) }", timeout=120000)
        shown = time.perf_counter() - typed
        results = meta.inner_text().strip()
        first = page.locator(".md-search-result__item h1").first.inner_text() if page.locator(
            ".md-search-result__item").count() else ""
        snippet = page.locator(".md-search-result__item p").first.inner_text() if page.locator(
            ".md-search-result__item p").count() else ""
        _quiet(recorder)
        rows = recorder.since(opened)
        narrowed = _filter_cost(page, recorder)
    finally:
        context.close()
        server.shutdown()
    search = [(p, s) for p, s in rows if SEARCH_PATHS.match(p)]
    return {
        "ready_s": ready, "results_s": shown, "results": results, "first": first, "snippet": snippet[:60],
        "bytes": sum(s for _, s in search),
        "gzip": sum(_gzip_size(site / p.lstrip("/")) for p, _ in search),
        "requests": len(search),
        "page_bytes": sum(s for _, s in rows),
        "largest": max(search, key=lambda r: r[1]) if search else ("", 0),
        "after_typing": sum(s for p, s in recorder.since(typed) if SEARCH_PATHS.match(p)),
        "foreign": foreign,
        "files": search,
        **narrowed,
    }


def _filter_cost(page, recorder: Recorder) -> dict:
    """With Pagefind: what choosing a region in the filter bar, then sorting by date,
    transfers after the first query (a filter's index file the first time it is used,
    and the fragments of the results shown)."""
    select = page.locator(".ag-filters select[data-key='region']")
    if not select.count() or not page.locator(".md-search-result__item").count():
        return {}
    region = select.locator("option").nth(1).get_attribute("value")
    out = {}
    started = time.perf_counter()
    select.select_option(region)
    page.wait_for_function(
        "(r) => { const m = [...document.querySelectorAll('.ag-result-meta')];"
        " return (m.length && m.every(x => x.textContent.includes(r)))"
        " || document.querySelector('.md-search-result__meta').textContent.includes('没有') }",
        arg=region, timeout=120000)
    _quiet(recorder)
    out["filter_bytes"] = sum(s for p, s in recorder.since(started) if SEARCH_PATHS.match(p))
    started = time.perf_counter()
    page.locator(".ag-filters select[data-key='sort']").select_option("date:desc")
    page.wait_for_function(
        "() => { const t = document.querySelector('.md-search-result__meta').textContent;"
        " return t.startsWith('最新的') || t.includes('没有') }", timeout=120000)
    _quiet(recorder)
    out["sort_bytes"] = sum(s for p, s in recorder.since(started) if SEARCH_PATHS.match(p))
    return out


def _quiet(recorder: Recorder, quiet_s: float = 0.6, limit_s: float = 10) -> None:
    end = time.perf_counter() + limit_s
    while time.perf_counter() < end:
        count = len(recorder.since(0))
        time.sleep(quiet_s)
        if len(recorder.since(0)) == count:
            return


# ------------------------------------------------------------------ report

def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n < 1024 * 1024 * 10 else f"{n / 1024 / 1024:,.1f} MB"


def table(runs: list[dict]) -> str:
    head = ("| documents | engine | build | first query, max (gzip) | first query, median (gzip) "
            "| after typing, max | search ready | results in | index on disk |\n"
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|\n")
    lines = []
    for r in runs:
        q = r["queries"]
        big = max(q.values(), key=lambda m: m["bytes"])
        lines.append(
            f"| {r['n']:,} | {r['engine']} | {r['build_s']:.0f} s "
            f"| {kb(big['bytes'])} ({kb(max(m['gzip'] for m in q.values()))}) "
            f"| {kb(statistics.median(m['bytes'] for m in q.values()))} "
            f"({kb(statistics.median(m['gzip'] for m in q.values()))}) "
            f"| {kb(max(m['after_typing'] for m in q.values()))} "
            f"| {max(m['ready_s'] for m in q.values()):.1f} s | {max(m['results_s'] for m in q.values()):.2f} s "
            f"| {kb(r['index_bytes'])} |")
    return head + "\n".join(lines) + "\n"


def per_query(runs: list[dict]) -> str:
    out = ["| documents | engine | query | transferred (gzip) | requests | results shown | first result "
           "| + a region | + date sort |",
           "|---:|---|---|---:|---:|---|---|---:|---:|"]
    for r in runs:
        for (query, what), m in zip(QUERIES, r["queries"].values()):
            extra = lambda key: kb(m[key]) if key in m else "–"
            out.append(f"| {r['n']:,} | {r['engine']} | {query} ({what}) | {kb(m['bytes'])} ({kb(m['gzip'])}) "
                       f"| {m['requests']} | {m['results']} | {m['first'][:30]} "
                       f"| {extra('filter_bytes')} | {extra('sort_bytes')} |")
    return "\n".join(out) + "\n"


def write_benchmarks(text: str) -> Path:
    path = ROOT / "BENCHMARKS.md"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    section = re.compile(r"^## Search payload\n.*?(?=^## |\Z)", re.S | re.M)
    new = section.sub(lambda _: text, old) if section.search(old) else old.rstrip("\n") + "\n\n" + text
    path.write_text(new, encoding="utf-8")
    return path


def index_bytes(site: Path, engine: str) -> int:
    folder = site / ("search" if engine == "material" else "pagefind")
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--large", action="store_true", help="also 10,000 documents")
    ap.add_argument("--engines", nargs="+", default=list(ENGINES), choices=ENGINES)
    ap.add_argument("--ready-timeout", type=float, default=900, help="seconds to wait for Material's index")
    ap.add_argument("--keep", type=Path, help="build here and keep the projects")
    ap.add_argument("--no-write", action="store_true", help="don't update BENCHMARKS.md")
    args = ap.parse_args(argv)
    sizes = sorted(set(args.sizes + ([10000] if args.large else [])))

    from playwright.sync_api import sync_playwright

    pool = corpus()
    work = args.keep or Path(tempfile.mkdtemp(prefix="archivegen-search-"))
    runs = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"])
            for n in sizes:
                project = work / f"n{n}"
                if project.exists():
                    shutil.rmtree(project)
                make_archive(project, n, random.Random(SEED + n), pool)
                docs = len(list((project / "content" / "documents").rglob("*.md")))
                for engine in args.engines:
                    seconds, site, _ = build(project, engine)
                    print(f"{docs:>6} documents  {engine:<9} built in {seconds:6.1f} s", flush=True)
                    run = {"n": docs, "engine": engine, "build_s": seconds, "index_bytes": index_bytes(site, engine),
                           "queries": {}}
                    for query, _ in QUERIES:
                        m = measure(browser, site, query, args.ready_timeout)
                        if m["foreign"]:
                            raise SystemExit(f"requests to another host: {m['foreign'][:3]}")
                        run["queries"][query] = m
                        print(f"{'':>17}{query:<6} {kb(m['bytes']):>10} (gzip {kb(m['gzip'])}), {m['requests']} requests, "
                              f"largest {m['largest'][0]} {kb(m['largest'][1])}; ready {m['ready_s']:.1f} s, "
                              f"results {m['results_s']:.2f} s: {m['results']} · {m['first'][:24]}", flush=True)
                    runs.append(run)
                    if not args.keep:
                        shutil.rmtree(site)
            browser.close()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    summary, detail = table(runs), per_query(runs)
    print("\n" + summary + "\n" + detail)
    if not args.no_write:
        print(f"updated {write_benchmarks(report(summary, detail))}")


def report(summary: str, detail: str) -> str:
    import platform

    import mkdocs
    import material

    try:
        from importlib.metadata import version
        pf = version("pagefind")
    except Exception:
        pf = "?"
    return f"""## Search payload

Measured with `python benchmarks/search_payload.py --large` ({dt.date.today().isoformat()}; mkdocs {mkdocs.__version__},
Material {material.__version__ if hasattr(material, '__version__') else ''}, Pagefind {pf}, Chromium, Python {platform.python_version()}).
Archives: the 11 seed documents plus generated ones (sentences sampled with a fixed seed
from the seed documents and the CCTV news corpus; news items, speeches, minutes, policy
documents and work reports of realistic lengths). Each query is typed into Material's
search box in a fresh browser (empty cache) on the home page; "first query" counts every
search request from opening the page until the results are shown (for Material the
search_index.json is fetched as the page loads). Bytes are response bodies as served;
"gzip" is what a server compressing text sends (Pagefind's files are compressed already).
"after typing" is the part requested after the query was typed. Build is `mkdocs build
--strict` wall time, including Pagefind's indexing in Pagefind mode.

{summary}
Per query:

{detail}"""


if __name__ == "__main__":
    main()
