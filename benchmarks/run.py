"""Benchmarks for archivegen: import, site build and glossary annotation at scale.

Prints numbers; asserts nothing about speed. Run with the project's venv:

    .venv/bin/python benchmarks/run.py                  # N = 100 and 1000 raw files
    .venv/bin/python benchmarks/run.py --sizes 100 500
    .venv/bin/python benchmarks/run.py --large          # adds N = 10,000 (slow)

For each N it makes a synthetic raw archive of N files from real text (the project's own
raw sources and, when present, the CCTV pages in ../shared/corpora), deterministically
(fixed seed), then measures, each in its own subprocess so peak RSS is per run:

  1. import   -- plan_import + write_plan into a fresh content/ (the library `archivegen
                 import` uses);
  2. build    -- `mkdocs build --strict` in a folder holding a copy of mkdocs.yml, with the
                 plugin's stage timings (load, annotate, link, tag, emit, write) and
                 MkDocs' own share (Markdown → HTML, templates, search index) recorded
                 from that same build;
  3. glossary -- annotation of the same documents with 50 and with 10,000 glossary terms.

Every measured run is a child process of this script: `run.py _child ...` (not for humans).
"""

from __future__ import annotations

import argparse
import html as html_mod
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "content" / "sources"
CCTV = REPO.parent / "shared" / "corpora" / "cctv-news-2024-01"
if not CCTV.is_dir():
    CCTV = REPO / "tests" / "data" / "cctv-sample"      # 25 of the pages, committed
GLOSSARY_DIR = REPO / "content" / "glossary"
SEED = 20240101
DEFAULT_SIZES = (100, 1000)
LARGE = 10_000
GLOSSARY_COUNTS = (50, 10_000)
TEXT_EVERY = 5            # every 5th raw file is one of the project's text sources

# The sixteen districts of Shanghai: copies permute them (consistently within a file).
DISTRICTS = ("浦东新区 黄浦区 静安区 徐汇区 长宁区 普陀区 虹口区 杨浦区 宝山区 闵行区 "
             "嘉定区 金山区 松江区 青浦区 奉贤区 崇明区").split()


# =============================================================== synthetic raw archive

def _text_inputs() -> list[Path]:
    return sorted(p for p in SOURCES.glob("*.txt") if not p.name.endswith(".edits.json"))


def _html_inputs() -> list[Path]:
    return sorted(CCTV.glob("*.shtml")) if CCTV.is_dir() else []


MOVABLE = re.compile(r"^[^\d(（\[［第一二三四五六七八九十0-9]")


def _movable(line: str) -> bool:
    """A paragraph that may change place: prose (long, with a full stop), not a numbered
    item (headings "(一)…", glossary entries "1.…" stay where they are)."""
    s = line.strip()
    return len(s) >= 60 and "。" in s and bool(MOVABLE.match(s))


def vary_text(text: str, rng: random.Random, copy: int) -> str:
    """A distinct but realistic variant of a text source: paragraphs rotated/shuffled
    inside each run of prose (never across headings), dates, years and district names
    changed consistently."""
    lines = text.split("\n")
    # runs of movable paragraphs (blank lines between them do not end a run)
    runs: list[list[int]] = []
    current: list[int] = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if _movable(line):
            current.append(i)
        else:
            if len(current) >= 2:
                runs.append(current)
            current = []
    if len(current) >= 2:
        runs.append(current)
    for run in runs:
        slots = run[1:] if len(run) >= 3 else run       # keep a run's lead paragraph first
        if len(slots) < 2:
            continue
        texts = [lines[i] for i in slots]
        if rng.random() < 0.5:
            k = rng.randrange(1, len(texts))
            texts = texts[k:] + texts[:k]
        else:
            rng.shuffle(texts)
        for i, t in zip(slots, texts):
            lines[i] = t
    out = "\n".join(lines)

    # years: all shifted by the same amount (copy 0 keeps them)
    delta = 0 if copy == 0 else rng.choice((-4, -3, -2, -1, 1, 2))
    if delta:
        out = re.sub(r"(?<!\d)((?:19|20)\d{2})(?=年|[-./]\d{1,2}[-./]\d{1,2})",
                     lambda m: str(int(m.group(1)) + delta), out)
    # date lines: each distinct month-day becomes another valid one
    dates: dict[str, str] = {}

    def new_date(m: re.Match) -> str:
        key = m.group(0)
        if key not in dates:
            dates[key] = f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
        return dates[key]

    if copy:
        out = re.sub(r"(?<!\d)(1[0-2]|0?[1-9])月([12]\d|3[01]|0?[1-9])日", new_date, out)
    # district names: one permutation per copy
    if copy:
        perm = list(DISTRICTS)
        rng.shuffle(perm)
        mapping = dict(zip(DISTRICTS, perm))
        pattern = re.compile("|".join(sorted(map(re.escape, DISTRICTS), key=len, reverse=True)))
        out = pattern.sub(lambda m: mapping[m.group()], out)
    return out


CONTENT_AREA = re.compile(r'(id="content_area">)(.*?)(</div>)', re.S)
PARA = re.compile(r"<p[ >].*?</p>", re.S)


def vary_html(page: str, rng: random.Random, copy: int) -> str:
    """A copy of a page with a changed title and a few paragraphs of the story reordered."""
    m = re.search(r"<title>(.*?)</title>", page, re.S)
    if m:
        full = html_mod.unescape(m.group(1)).strip()
        bare = re.sub(r"^\[[^\]]{1,4}\]", "", full).strip()
        if len(bare) >= 4:
            page = page.replace(bare, f"{bare}（{copy + 1}）")

    def reorder(area: re.Match) -> str:
        body = area.group(2)
        paras = list(PARA.finditer(body))
        if len(paras) < 3:
            return area.group(0)
        texts = [p.group() for p in paras]
        movable = list(range(1, len(texts)))            # the lead paragraph stays first
        for _ in range(min(3, len(movable) // 2 + 1)):
            i = rng.choice(movable[:-1]) if len(movable) > 1 else movable[0]
            texts[i], texts[i + 1] = texts[i + 1], texts[i]
        pieces, pos = [], 0
        for p, t in zip(paras, texts):
            pieces.append(body[pos:p.start()])
            pieces.append(t)
            pos = p.end()
        pieces.append(body[pos:])
        return area.group(1) + "".join(pieces) + area.group(3)

    return CONTENT_AREA.sub(reorder, page, count=1)


def make_raw_archive(n: int, out: Path, seed: int = SEED) -> dict:
    """Write n raw files into `out` by cycling through the real inputs; returns stats."""
    texts = _text_inputs()
    pages = _html_inputs()
    if not texts and not pages:
        raise SystemExit(f"no inputs: neither {SOURCES}/*.txt nor {CCTV}/*.shtml exist")
    rng = random.Random(seed)
    pages = pages[:]
    rng.shuffle(pages)
    cache: dict[Path, str] = {}
    uses: dict[Path, int] = {}
    out.mkdir(parents=True, exist_ok=True)
    n_text = n_html = size = 0
    t_i = h_i = 0
    for i in range(n):
        use_text = bool(texts) and (not pages or i % TEXT_EVERY == 0)
        src = texts[t_i % len(texts)] if use_text else pages[h_i % len(pages)]
        if use_text:
            t_i += 1
        else:
            h_i += 1
        copy = uses.get(src, 0)
        uses[src] = copy + 1
        if src not in cache:
            cache[src] = src.read_text(encoding="utf-8")
        file_rng = random.Random(f"{seed}:{i}:{src.name}")
        if use_text:
            data = vary_text(cache[src], file_rng, copy)
            n_text += 1
        else:
            data = vary_html(cache[src], file_rng, copy)
            n_html += 1
        name = f"{i:05d}_{src.stem[:24]}{src.suffix}"
        raw = data.encode("utf-8")
        (out / name).write_bytes(raw)
        size += len(raw)
    return {"files": n, "text_files": n_text, "html_files": n_html, "bytes": size}


# =============================================================== child processes

def _emit(result: dict) -> None:
    print("@@RESULT@@" + json.dumps(result, ensure_ascii=False), flush=True)


def child_import(raw: Path, content: Path) -> None:
    from archivegen import ingest
    import archivegen.ingest.importer as importer_mod

    # time the in-memory plan and the writing apart, through the one import entry point
    spent = {"plan_s": 0.0, "write_s": 0.0}

    def timed(name, key):
        orig = getattr(importer_mod, name)

        def wrapper(*a, **kw):
            t = time.perf_counter()
            try:
                return orig(*a, **kw)
            finally:
                spent[key] += time.perf_counter() - t
        setattr(importer_mod, name, wrapper)

    timed("plan_import", "plan_s")
    timed("write_plan", "write_s")
    t0 = time.perf_counter()
    report = ingest.import_([raw], content)
    total = time.perf_counter() - t0
    glossary = sum(1 for f in report.plan.files if f.startswith("glossary/"))
    _emit({"read_s": total - spent["plan_s"] - spent["write_s"], **spent, "total_s": total,
           "documents": report.documents, "glossary_entries": glossary,
           "files_written": len(report.written.written)})


def child_mkdocs(timings_path: Path, args: list[str]) -> None:
    """Run the real `mkdocs build` CLI, with light wrappers that record where time goes."""
    import atexit
    from collections import defaultdict

    import mkdocs.commands.build as mk_build
    import mkdocs.plugins as plugins_mod
    import mkdocs.structure.files as files_mod
    from mkdocs.__main__ import cli

    import archivegen.mkdocs_plugin as plugin_mod
    import archivegen.site.emit as emit_mod
    import archivegen.site.run as site_run

    rec: dict = {"sections": defaultdict(float), "events": defaultdict(float), "stages": {}}
    t_start = time.perf_counter()

    def timed(owner, name, key):
        orig = getattr(owner, name)

        def wrapper(*a, **kw):
            t = time.perf_counter()
            try:
                return orig(*a, **kw)
            finally:
                rec["sections"][key] += time.perf_counter() - t
        setattr(owner, name, wrapper)

    timed(site_run, "load_archive", "archivegen load")
    # pages are compared and staged as they are made (inside the emit stage); this is
    # moving the changed ones into build/ and removing the stale
    timed(emit_mod.TreeWriter, "commit", "archivegen write build/")
    timed(plugin_mod.ArchivegenPlugin, "on_config", "archivegen on_config (all)")
    timed(plugin_mod.ArchivegenPlugin, "on_post_build", "archivegen on_post_build (search index)")
    timed(mk_build, "_populate_page", "mkdocs markdown→html")
    timed(mk_build, "_build_page", "mkdocs page templates")
    timed(mk_build, "get_files", "mkdocs collect files")
    timed(files_mod.Files, "copy_static_files", "mkdocs copy static files")
    try:
        from material.plugins.search.plugin import SearchPlugin
        timed(SearchPlugin, "on_page_context", "material search (pages)")
        timed(SearchPlugin, "on_post_build", "material search (write)")
    except ImportError:
        pass
    # every plugin event, by event name (nested: page_context runs inside _build_page)
    orig_run_event = plugins_mod.PluginCollection.run_event

    def run_event(self, name, *a, **kw):
        t = time.perf_counter()
        try:
            return orig_run_event(self, name, *a, **kw)
        finally:
            rec["events"][name] += time.perf_counter() - t
    plugins_mod.PluginCollection.run_event = run_event
    orig_on_config = plugin_mod.ArchivegenPlugin.on_config

    def on_config(self, config):
        out = orig_on_config(self, config)
        rec["stages"] = dict(getattr(self, "timings", {}))
        rec["engine"] = getattr(self, "engine", None)
        return out
    plugin_mod.ArchivegenPlugin.on_config = on_config

    def dump():
        rec["total_in_process_s"] = time.perf_counter() - t_start
        rec["sections"] = dict(rec["sections"])
        rec["events"] = dict(rec["events"])
        timings_path.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    atexit.register(dump)
    cli.main(args=args, prog_name="mkdocs")


def _cjk_runs(texts: list[str]) -> list[str]:
    return [r for t in texts for r in re.findall(r"[\u4e00-\u9fff]{8,}", t)]


COMMON = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方"
          "后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还"
          "因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解"
          "问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图"
          "山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口"
          "东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走"
          "积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众"
          "书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维"
          "划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞")


def _present(candidates: list[str], texts: list[str]) -> set[str]:
    """Which candidates occur in some text (one Aho–Corasick pass over all texts)."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for t in candidates:
        auto.add_word(t, t)
    auto.make_automaton()
    return {t for text in texts for _, t in auto.iter(text)}


def synthetic_glossary(count: int, real: list, docs: list, seed: int = SEED, absent: bool = False) -> list:
    """`count` GlossaryEntry objects: the real terms first, then made-up ones — about 40%
    substrings of the documents (3–8 characters, so they occur), 45% random 3–8 character
    words of common characters (most never occur), 15% Latin acronyms. With `absent`, the
    made-up terms are only words and acronyms that occur in none of the documents."""
    from archivegen.markdown_io import body_to_text
    from archivegen.contract import GlossaryMeta
    from archivegen.model import GlossaryEntry
    from archivegen.site.glossary import normalize

    rng = random.Random(f"{seed}:glossary:{count}:{absent}")
    doc_ids = [d.id for d in docs]
    texts = [body_to_text(d.body) for d in docs]
    runs = _cjk_runs(texts[:400])
    out = []
    seen: set[str] = set()
    for g in real:
        if len(out) >= count:
            break
        key = normalize(g.term)
        if key not in seen:
            seen.add(key)
            out.append(g)

    def candidate() -> str:
        roll = rng.random()
        if absent:
            roll = 0.40 + roll * 0.60
        if roll < 0.40 and runs:
            run = rng.choice(runs)
            size = rng.randint(3, min(8, len(run)))
            start = rng.randrange(0, len(run) - size + 1)
            return run[start:start + size]
        if roll < 0.85:
            return "".join(rng.choice(COMMON) for _ in range(rng.randint(3, 8)))
        letters = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(rng.randint(2, 5)))
        return letters + (str(rng.randint(1, 9)) if rng.random() < 0.3 else "")

    n = 0
    used_ids = {g.id for g in out}
    while len(out) < count:
        batch: list[str] = []
        want = (count - len(out)) * (2 if absent else 1)
        while len(batch) < want:
            term = candidate()
            key = normalize(term)
            if key not in seen:
                seen.add(key)
                batch.append(term)
        present = _present(batch, texts) if absent else set()
        for term in batch:
            if len(out) >= count:
                break
            if term in present:
                continue
            n += 1
            gid = f"syn-{n:05d}"
            while gid in used_ids:
                n += 1
                gid = f"syn-{n:05d}"
            used_ids.add(gid)
            aliases = (f"“{term}”",) if rng.random() < 0.1 and len(term) >= 4 else ()
            meta = GlossaryMeta(term=term, aliases=list(aliases), defined_in=rng.choice(doc_ids) if doc_ids else None,
                                number=rng.randint(1, 60))
            out.append(GlossaryEntry(gid, Path(f"glossary/{gid}.md"), f"glossary/{gid}.md", meta,
                                     f"{term}：为基准测试生成的术语，释义从略。第二句不进提示。"))
    return out


def child_glossary(content: Path, counts: list[int], repeat: int) -> None:
    from archivegen.site import glossary as gl
    from archivegen.site.anchors import add_paragraph_anchors
    from archivegen.site.load import load_archive
    from archivegen.site.pages.glossary import glossary_pages
    from archivegen.site.run import _entry_link, _term_link

    archive = load_archive(content)
    docs = archive.documents
    real = load_archive(REPO / "content").glossary if GLOSSARY_DIR.is_dir() else []
    real = list(real) + [g for g in archive.glossary]
    chars = sum(len(d.body) for d in docs)
    results = []
    runs = [(c, False) for c in counts] + [(max(counts), True)]
    for count, absent in runs:
        entries = synthetic_glossary(count, real, docs, absent=absent)
        archive.glossary = entries
        row = {"terms": len(entries), "absent": absent, "documents": len(docs), "body_chars": chars}
        t = time.perf_counter()
        terms = gl.collect_terms(archive)
        auto = gl.build_automaton(terms)
        row["automaton_s"] = time.perf_counter() - t
        row["forms"] = sum(len(x.forms) for x in terms.values())
        best = None
        for _ in range(max(1, repeat)):
            index = gl.GlossaryIndex(terms=terms)
            t = time.perf_counter()
            bodies = {d.id: gl.annotate(d, auto, terms, _term_link, index) for d in docs}
            took = time.perf_counter() - t
            best = took if best is None else min(best, took)
        row["annotate_s"] = best
        row["uses"] = sum(len(v) for v in index.uses.values())
        row["links"] = sum(b.count("{ .ag-term }") for b in bodies.values())
        row["terms_used"] = sum(1 for v in index.uses.values() if v)
        t = time.perf_counter()
        appendices = gl.Appendices.of(terms)
        for d in docs:
            body = gl.render_appendix(bodies[d.id], d, appendices, _entry_link)
            add_paragraph_anchors(d.body, body)
        row["appendix_anchors_s"] = time.perf_counter() - t
        t = time.perf_counter()
        pages = glossary_pages(terms, index, archive.by_id())
        row["term_pages_s"] = time.perf_counter() - t
        row["term_pages"] = len(pages)
        results.append(row)
    _emit({"glossary": results})


# =============================================================== parent: measure

def run_child(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> dict:
    """Run one measured process; wall time and its own peak RSS (wait4 gives the rusage of
    exactly this child, so runs never see each other's peaks)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    result = {}
    for line in stdout.splitlines():
        if line.startswith("@@RESULT@@"):
            result = json.loads(line[len("@@RESULT@@"):])
    return {"rc": proc.returncode, "wall_s": wall, "peak_rss_mb": usage.ru_maxrss / 1024,
            "user_s": usage.ru_utime, "sys_s": usage.ru_stime,
            "result": result, "stdout": stdout, "stderr": stderr}


def _tail(text: str, lines: int = 6) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _error_line(text: str) -> str:
    """The failure as MkDocs or Python states it, with the first warning when strict mode
    aborted on warnings."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.startswith(("ERROR", "Error", "Aborted"))
              or re.match(r"^[A-Za-z_.]*(Error|Exception)\b", ln)]
    warnings = [ln for ln in lines if ln.startswith("WARNING")]
    msg = " / ".join(dict.fromkeys(errors)) or (lines[-1] if lines else "(no output)")
    if warnings:
        msg += f" [{len(warnings)} warning(s); first: {warnings[0]}]"
    return msg


def _write_mkdocs_yml(folder: Path, search: str | None) -> None:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if search:
        text, n = re.subn(r"(\n  - archivegen:\n      content_dir: content\n)",
                          rf"\1      search: {search}\n", text)
        if not n:
            raise SystemExit("cannot set the archivegen search option in a copy of mkdocs.yml")
    (folder / "mkdocs.yml").write_text(text, encoding="utf-8")


def measure_build(folder: Path, search: str | None, env: dict, fresh: bool = True) -> dict:
    """One `mkdocs build --strict`; `fresh`: from an empty build/ and site/ (a first build),
    else over what the last build left (a maintainer's rebuild after an edit)."""
    _write_mkdocs_yml(folder, search)
    if fresh:
        for d in ("build", "site"):
            shutil.rmtree(folder / d, ignore_errors=True)
        (folder / "build").mkdir()
    timings = folder / "build-timings.json"
    timings.unlink(missing_ok=True)
    run = run_child([sys.executable, str(Path(__file__).resolve()), "_child", "mkdocs", str(timings),
                     "build", "--strict"], cwd=folder, env=env)
    run["timings"] = json.loads(timings.read_text(encoding="utf-8")) if timings.exists() else {}
    run["search_setting"] = search or "as in mkdocs.yml"
    if run["rc"] != 0:
        run["error"] = _error_line(run["stderr"] + "\n" + run["stdout"])   # mkdocs' Abort prints to stdout
    if (folder / "site").is_dir():
        files = [p for p in (folder / "site").rglob("*") if p.is_file()]
        run["site_files"] = len(files)
        run["site_mb"] = sum(p.stat().st_size for p in files) / 1e6
        idx = folder / "site" / "search" / "search_index.json"
        run["search_index_mb"] = idx.stat().st_size / 1e6 if idx.exists() else None
        pf = folder / "site" / "pagefind"
        if pf.is_dir():
            pf_files = [p for p in pf.rglob("*") if p.is_file()]
            run["pagefind_files"] = len(pf_files)
            run["pagefind_mb"] = sum(p.stat().st_size for p in pf_files) / 1e6
    run.pop("stdout", None)
    run["stderr_tail"] = _tail(run.pop("stderr", ""), 12)
    return run


def measure_pagefind_alone(folder: Path, env: dict) -> dict:
    """Pagefind by itself (its CLI, as many CPUs as it takes) indexing the pages the build
    fed it, copied as the build copies them (site/search.py `_index_copy`): the part of a
    build that is Pagefind's own work, which no change to archivegen can make cheaper."""
    from pagefind.service import get_executable

    from archivegen.site import search

    pages = folder / "pagefind-alone"
    shutil.rmtree(pages, ignore_errors=True)
    count = 0
    for page in sorted((folder / "site").rglob("*.html")):
        rel = page.relative_to(folder / "site").as_posix()
        section = search.indexed_section(rel)
        if section:
            target = pages / "site" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(search._index_copy(page.read_text(encoding="utf-8"), section), encoding="utf-8")
            count += 1
    cmd = [str(get_executable()), "--site", str(pages / "site"), "--output-path", str(pages / "bundle"),
           "--root-selector", search.ROOT_SELECTOR, "--force-language", "zh",
           "--exclude-selectors", search.EXCLUDE_SELECTORS]
    run = run_child(cmd, env=env)
    run.pop("stdout", None)
    run["stderr_tail"] = _tail(run.pop("stderr", ""), 6)
    run["pages"] = count
    shutil.rmtree(pages, ignore_errors=True)
    return run


PLAIN_CONFIG = """# plain MkDocs + Material over the same documents: no plugin, no search
site_name: plain
docs_dir: docs
site_dir: site
use_directory_urls: true
not_in_nav: |
  *.md
theme:
  name: material
  language: zh
  font: false
plugins: []
markdown_extensions: {extensions}
"""


def measure_plain(folder: Path, env: dict, runs: int) -> dict:
    """What a maintainer would have without archivegen: MkDocs + Material rendering the
    same documents (content/documents as written, with their front matter), with the same
    Markdown extensions, no plugin and no search. The median of `runs` builds."""
    import yaml

    plain = folder / "plain"
    shutil.rmtree(plain, ignore_errors=True)
    shutil.copytree(folder / "content" / "documents", plain / "docs")
    (plain / "docs" / "index.md").write_text("# plain\n", encoding="utf-8")
    ours = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    extensions = json.dumps([e if isinstance(e, str) else {k: v for k, v in e.items() if k != "toc"} or "toc"
                             for e in ours.get("markdown_extensions", [])], ensure_ascii=False)
    (plain / "mkdocs.yml").write_text(PLAIN_CONFIG.format(extensions=extensions), encoding="utf-8")
    return _median_build(plain, env, runs)


def _median_build(folder: Path, env: dict, runs: int) -> dict:
    """`mkdocs build` in `folder` `runs` times into an empty site/: the median run."""
    done = []
    for _ in range(runs):
        shutil.rmtree(folder / "site", ignore_errors=True)
        run = run_child([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=folder, env=env)
        if run["rc"] != 0:
            return {"rc": run["rc"], "error": _error_line(run["stderr"] + run["stdout"])}
        done.append({k: run[k] for k in ("rc", "wall_s", "peak_rss_mb", "user_s", "sys_s")})
    done.sort(key=lambda r: r["wall_s"])
    return done[len(done) // 2]


def measure_page_floor(folder: Path, env: dict, runs: int) -> dict:
    """MkDocs + Material over as many pages as archivegen's site has (build/'s Markdown
    pages), each a heading and one line, with the plain build's configuration: what MkDocs
    and Material cost for that many pages whatever is in them, the floor under any build
    that makes them. The median of `runs` builds."""
    count = sum(1 for _ in (folder / "build").rglob("*.md"))
    floor = folder / "floor"
    shutil.rmtree(floor, ignore_errors=True)
    (floor / "docs").mkdir(parents=True)
    for i in range(count):
        (floor / "docs" / f"p{i:06d}.md").write_text(f"# 页面 {i}\n\n一行文字。\n", encoding="utf-8")
    shutil.copy(folder / "plain" / "mkdocs.yml", floor / "mkdocs.yml")
    run = _median_build(floor, env, runs)
    shutil.rmtree(floor, ignore_errors=True)
    return dict(run, pages=count)


def bench_size(n: int, work: Path, args, log) -> dict:
    folder = work / f"n{n}"
    shutil.rmtree(folder, ignore_errors=True)
    raw, content = folder / "raw", folder / "content"
    content.mkdir(parents=True)
    people = REPO / "content" / "people.yaml"
    if people.exists():
        shutil.copy(people, content / "people.yaml")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    me = str(Path(__file__).resolve())
    res: dict = {"n": n, "loadavg_start": os.getloadavg()[0]}

    t = time.perf_counter()
    res["raw"] = make_raw_archive(n, raw, args.seed)
    res["raw"]["generate_s"] = time.perf_counter() - t
    log(f"[N={n}] raw archive: {res['raw']['files']} files ({res['raw']['text_files']} text, "
        f"{res['raw']['html_files']} HTML), {res['raw']['bytes'] / 1e6:.1f} MB")

    imp = run_child([sys.executable, me, "_child", "import", str(raw), str(content)], env=env)
    res["import"] = {k: v for k, v in imp.items() if k not in ("stdout", "stderr")}
    if imp["rc"] != 0:
        res["import"]["error"] = _error_line(imp["stderr"])
        res["import"]["stderr_tail"] = _tail(imp["stderr"], 12)
        log(f"[N={n}] import FAILED: {res['import']['error']}")
        return res
    r = imp["result"]
    log(f"[N={n}] import: {r['documents']} documents, {r['glossary_entries']} glossary entries, "
        f"{imp['wall_s']:.1f}s wall, peak RSS {imp['peak_rss_mb']:.0f} MB")

    if not args.skip_build:
        builds = []
        search = None if args.search == "asis" else args.search
        b = measure_build(folder, search, env)
        builds.append(b)
        log(f"[N={n}] mkdocs build --strict ({b['search_setting']}): rc={b['rc']} {b['wall_s']:.1f}s "
            f"peak RSS {b['peak_rss_mb']:.0f} MB" + (f"  ERROR: {b['error']}" if b["rc"] else ""))
        if b["rc"] != 0 and args.search == "asis" and not args.no_retry and "Pagefind" in b["stderr_tail"]:
            b2 = measure_build(folder, "material", env)
            builds.append(b2)
            log(f"[N={n}] mkdocs build --strict (search: material): rc={b2['rc']} {b2['wall_s']:.1f}s "
                f"peak RSS {b2['peak_rss_mb']:.0f} MB" + (f"  ERROR: {b2['error']}" if b2["rc"] else ""))
        res["builds"] = builds
        if b["rc"] == 0 and (folder / "site" / "pagefind").is_dir():
            res["pagefind_alone"] = pf = measure_pagefind_alone(folder, env)
            log(f"[N={n}] Pagefind alone over the {pf['pages']:,} pages it indexes: rc={pf['rc']} "
                f"{pf['wall_s']:.1f}s, CPU {_cpu(pf):.1f}s, peak RSS {pf['peak_rss_mb']:.0f} MB")
        if b["rc"] == 0:
            # the same build again after one document was edited, as a maintainer rebuilds: the
            # cache the first build left in .cache/archivegen answers for every other document,
            # and build/ holds what the first build wrote (only changed files are written again)
            edited = sorted((folder / "content" / "documents").rglob("*.md"))[0]
            edited.write_text(edited.read_text(encoding="utf-8") + "\n本段为基准测试所加。\n", encoding="utf-8")
            w = measure_build(folder, search, env, fresh=False)
            res["rebuild"] = w
            log(f"[N={n}] mkdocs build --strict after editing one document (cache warm): rc={w['rc']} "
                f"{w['wall_s']:.1f}s peak RSS {w['peak_rss_mb']:.0f} MB")
            # and once more with nothing changed: what any rebuild costs before its edit's share
            still = measure_build(folder, search, env, fresh=False)
            res["rebuild_unchanged"] = still
            log(f"[N={n}] mkdocs build --strict again, nothing changed: rc={still['rc']} "
                f"{still['wall_s']:.1f}s peak RSS {still['peak_rss_mb']:.0f} MB")
        if args.plain:
            res["plain"] = measure_plain(folder, env, args.plain)
            p = res["plain"]
            if p["rc"] == 0 and b["rc"] == 0:
                log(f"[N={n}] plain MkDocs + Material (median of {args.plain}): {p['wall_s']:.1f}s, peak RSS "
                    f"{p['peak_rss_mb']:.0f} MB; archivegen {b['wall_s'] / p['wall_s']:.1f}× the time, "
                    f"{b['peak_rss_mb'] / p['peak_rss_mb']:.1f}× the memory")
            else:
                log(f"[N={n}] plain build FAILED: {p.get('error')}")
            if p["rc"] == 0 and b["rc"] == 0:
                res["page_floor"] = f = measure_page_floor(folder, env, args.plain)
                if f["rc"] == 0:
                    log(f"[N={n}] MkDocs + Material over {f['pages']:,} one-line pages (as many as the site has): "
                        f"{f['wall_s']:.1f}s ({f['wall_s'] / p['wall_s']:.1f}× plain), peak RSS {f['peak_rss_mb']:.0f} MB")
                else:
                    log(f"[N={n}] one-line pages build FAILED: {f.get('error')}")

    if not args.skip_glossary:
        counts = ",".join(str(c) for c in GLOSSARY_COUNTS)
        g = run_child([sys.executable, me, "_child", "glossary", str(content), counts, str(args.repeat)], env=env)
        res["glossary"] = {"rc": g["rc"], "wall_s": g["wall_s"], "peak_rss_mb": g["peak_rss_mb"],
                           "rows": g["result"].get("glossary", [])}
        if g["rc"] != 0:
            res["glossary"]["error"] = _error_line(g["stderr"])
            res["glossary"]["stderr_tail"] = _tail(g["stderr"], 12)
            log(f"[N={n}] glossary FAILED: {res['glossary']['error']}")
        else:
            rows = res["glossary"]["rows"]
            log(f"[N={n}] glossary annotation: " + ", ".join(
                f"{x['terms']} terms{' (none occur)' if x.get('absent') else ''} {x['annotate_s']:.2f}s" for x in rows))
    res["loadavg_end"] = os.getloadavg()[0]
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return res


# =============================================================== report

def _f(x, fmt="{:.2f}", none="–") -> str:
    return none if x is None else fmt.format(x)


def _ok_build(res: dict) -> dict | None:
    builds = [b for b in res.get("builds", []) if b["rc"] == 0]
    return builds[-1] if builds else None


def _any_build(res: dict) -> dict | None:
    builds = res.get("builds", [])
    return (_ok_build(res) or (builds[-1] if builds else None))


def _cpu(run: dict | None) -> float | None:
    if not run or run.get("user_s") is None:
        return None
    return run["user_s"] + run.get("sys_s", 0.0)


def _search_size(b: dict | None) -> str:
    if not b:
        return "–"
    parts = []
    if b.get("search_index_mb") is not None:
        parts.append(f"lunr {b['search_index_mb']:.1f}")
    if b.get("pagefind_mb") is not None:
        parts.append(f"pagefind {b['pagefind_mb']:.1f} ({b['pagefind_files']:,} files)")
    return ", ".join(parts) or "–"


def table(headers: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---:" if i else "---" for i in range(len(headers))) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def import_build_table(results: list[dict]) -> str:
    headers = ["N raw files", "documents", "glossary entries", "import s", "import CPU s", "import peak MB",
               "build s", "build CPU s", "build peak MB", "load s", "annotate s", "link s", "tag s", "link+tag s",
               "link+tag % of build", "emit s", "write build/ s", "MkDocs rest s", "site files", "search index MB"]
    rows = []
    for r in results:
        imp = r.get("import", {})
        ir = imp.get("result", {})
        b = _any_build(r)
        st = (b or {}).get("timings", {}).get("stages", {})
        sec = (b or {}).get("timings", {}).get("sections", {})
        link, tag = st.get("link"), st.get("tag")
        lt = (link or 0) + (tag or 0) if link is not None else None
        on_cfg = sec.get("archivegen on_config (all)")
        rest = b["wall_s"] - on_cfg if b and on_cfg is not None else None
        wall = b["wall_s"] if b else None
        mark = "" if b is None or b["rc"] == 0 else " (failed)"
        rows.append([
            f"{r['n']:,}", _f(ir.get("documents"), "{:,}"), _f(ir.get("glossary_entries"), "{:,}"),
            _f(imp.get("wall_s"), "{:.1f}"), _f(_cpu(imp), "{:.1f}"), _f(imp.get("peak_rss_mb"), "{:.0f}"),
            _f(wall, "{:.1f}") + mark, _f(_cpu(b), "{:.1f}"), _f((b or {}).get("peak_rss_mb"), "{:.0f}"),
            _f(sec.get("archivegen load")), _f(st.get("annotate")), _f(link), _f(tag), _f(lt),
            _f(100 * lt / wall if lt is not None and wall else None, "{:.0f}%"),
            _f(st.get("emit")), _f(sec.get("archivegen write build/")), _f(rest, "{:.1f}"),
            _f((b or {}).get("site_files"), "{:,}"), _search_size(b),
        ])
    return table(headers, rows)


MKDOCS_PARTS = (
    ("archivegen on_config s", ("archivegen on_config (all)",)),
    ("markdown→html s", ("mkdocs markdown→html",)),
    ("page templates s", ("mkdocs page templates",)),       # includes page_context plugins
    ("search index s", ("archivegen on_post_build (search index)", "material search (write)")),
    ("collect+copy files s", ("mkdocs collect files", "mkdocs copy static files")),
)


def mkdocs_detail_table(results: list[dict]) -> str:
    headers = ["N", "search", "rc", "wall s"] + [h for h, _ in MKDOCS_PARTS] + [
        "of which lunr per page s", "other (startup, nav, tags…) s", "peak MB"]
    rows = []
    for r in results:
        for b in r.get("builds", []):
            t = b.get("timings", {})
            sec = t.get("sections", {})
            parts = [sum(sec.get(k, 0.0) for k in keys) if sec else None for _, keys in MKDOCS_PARTS]
            other = b["wall_s"] - sum(x for x in parts if x) if sec else None
            engine = t.get("engine") or b["search_setting"]
            rows.append([f"{r['n']:,}", engine, str(b["rc"]), _f(b["wall_s"], "{:.1f}")]
                        + [_f(x, "{:.1f}") for x in parts]
                        + [_f(sec.get("material search (pages)"), "{:.1f}"), _f(other, "{:.1f}"),
                           _f(b["peak_rss_mb"], "{:.0f}")])
    return table(headers, rows)


def glossary_table(results: list[dict]) -> str:
    headers = ["N raw files", "documents", "terms", "spellings", "automaton s", "annotate s",
               "uses found", "links made", "appendix+anchors s", "term pages s", "ratio vs 50 terms"]
    rows = []
    for r in results:
        g = r.get("glossary") or {}
        base = None
        for x in g.get("rows", []):
            if base is None:
                base = x["annotate_s"]
            label = f"{x['terms']:,}" + (" (none occur)" if x.get("absent") else "")
            rows.append([f"{r['n']:,}", f"{x['documents']:,}", label, f"{x['forms']:,}",
                         _f(x["automaton_s"]), _f(x["annotate_s"]), f"{x['uses']:,}", f"{x['links']:,}",
                         _f(x["appendix_anchors_s"]), _f(x["term_pages_s"]),
                         _f(x["annotate_s"] / base if base else None, "{:.1f}×")])
    return table(headers, rows)


def failures(results: list[dict]) -> list[str]:
    out = []
    for r in results:
        if r.get("import", {}).get("rc"):
            out.append(f"N={r['n']:,} import: {r['import'].get('error')}")
        for b in r.get("builds", []):
            if b["rc"]:
                out.append(f"N={r['n']:,} mkdocs build --strict ({b['search_setting']}): {b.get('error')}")
        if (r.get("glossary") or {}).get("rc"):
            out.append(f"N={r['n']:,} glossary: {r['glossary'].get('error')}")
    return out


def summary_line(results: list[dict]) -> str:
    parts = []
    for r in results:
        imp = r.get("import", {})
        b = _ok_build(r)
        g = (r.get("glossary") or {}).get("rows", [])
        s = f"N={r['n']:,}: import {_f(imp.get('wall_s'), '{:.1f}')}s"
        s += f", build {b['wall_s']:.1f}s" if b else ", build failed" if r.get("builds") else ""
        if b:
            st = b["timings"].get("stages", {})
            s += f" (link+tag {st.get('link', 0) + st.get('tag', 0):.1f}s)"
        if len(g) >= 2 and g[0]["annotate_s"]:
            big = [x for x in g[1:] if not x.get("absent")]
            none = [x for x in g[1:] if x.get("absent")]
            if big:
                s += (f", annotation {big[-1]['terms']:,} vs {g[0]['terms']} terms "
                      f"{big[-1]['annotate_s'] / g[0]['annotate_s']:.1f}×")
            if none:
                s += f" ({none[-1]['annotate_s'] / g[0]['annotate_s']:.1f}× when the extra terms never occur)"
        parts.append(s)
    n_fail = len(failures(results))
    return "summary: " + "; ".join(parts) + (f"; {n_fail} failure(s)" if n_fail else "; no failures")


def plain_table(results: list[dict]) -> str:
    """archivegen's build against plain MkDocs + Material over the same documents."""
    headers = ["N raw files", "documents", "plain wall s", "archivegen wall s", "wall ×", "one edit, warm s",
               "warm ×", "plain CPU s", "archivegen CPU s", "CPU ×", "plain peak MB", "archivegen peak MB", "memory ×",
               "Pagefind alone: wall s (×), CPU s, peak MB (×)", "nothing changed, warm s (×)",
               "as many one-line pages: wall s (×)"]
    rows = []
    for r in results:
        p, b = r.get("plain"), _ok_build(r)
        if not p or p.get("rc") or not b:
            continue
        docs = r.get("import", {}).get("result", {}).get("documents")
        warm = r.get("rebuild") if r.get("rebuild", {}).get("rc") == 0 else None
        rows.append([f"{r['n']:,}", _f(docs, "{:,}"), _f(p["wall_s"], "{:.1f}"), _f(b["wall_s"], "{:.1f}"),
                     _f(b["wall_s"] / p["wall_s"], "{:.1f}×"), _f(warm and warm["wall_s"], "{:.1f}"),
                     _f(warm and warm["wall_s"] / p["wall_s"], "{:.1f}×"), _f(_cpu(p), "{:.1f}"), _f(_cpu(b), "{:.1f}"),
                     _f(_cpu(b) / _cpu(p), "{:.1f}×"), _f(p["peak_rss_mb"], "{:.0f}"),
                     _f(b["peak_rss_mb"], "{:.0f}"), _f(b["peak_rss_mb"] / p["peak_rss_mb"], "{:.1f}×"),
                     _pagefind_alone(r.get("pagefind_alone"), p), _against(r.get("rebuild_unchanged"), p),
                     _against(r.get("page_floor"), p)])
    return table(headers, rows) if rows else "(no plain build measured: --plain K)"


def _against(run: dict | None, plain: dict) -> str:
    if not run or run.get("rc"):
        return "–"
    return f"{run['wall_s']:.1f} ({run['wall_s'] / plain['wall_s']:.1f}×)"


def _pagefind_alone(pf: dict | None, plain: dict) -> str:
    if not pf or pf.get("rc"):
        return "–"
    return (f"{pf['wall_s']:.1f} ({pf['wall_s'] / plain['wall_s']:.1f}×), {_cpu(pf):.1f}, "
            f"{pf['peak_rss_mb']:.0f} ({pf['peak_rss_mb'] / plain['peak_rss_mb']:.1f}×)")


def report(results: list[dict]) -> str:
    lines = ["", "Import and build (seconds; peak RSS per process in MB)", import_build_table(results), "",
             "archivegen against plain MkDocs + Material (same documents; no plugin, no search)", plain_table(results), "",
             "mkdocs build breakdown", mkdocs_detail_table(results), "",
             "Glossary annotation (same documents; annotate = best of repeats)", glossary_table(results)]
    fails = failures(results)
    if fails:
        lines += ["", "Failures:"] + [f"  - {f}" for f in fails]
    lines += ["", summary_line(results)]
    return "\n".join(lines)


# =============================================================== BENCHMARKS.md

def _machine() -> str:
    import platform
    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPU(s), {platform.machine()} Linux"


def markdown_sections(results: list[dict]) -> dict[str, str]:
    when = time.strftime("%Y-%m-%d")
    ib = [
        f"Measured {when} with `python3 tasks.py bench` (`benchmarks/run.py`, seed {SEED}) on {_machine()}.",
        "Raw archives of N files are made from real text: every 5th file is one of the project's own raw "
        "sources (paragraphs rotated, dates, years and district names changed), the rest copies of the "
        "CCTV pages in `shared/corpora` (title changed, paragraphs reordered). A file can hold several "
        "documents (the compilation holds many), so documents > N. Each measurement is its own process; "
        "peak memory is that process' maximum RSS. The stage timings come from the same "
        "`mkdocs build --strict` run (light wrappers around the plugin's functions).",
        "",
        import_build_table(results),
        "",
        mkdocs_detail_table(results),
    ]
    fails = [f for f in failures(results) if "glossary" not in f]
    if fails:
        ib += ["", "Failures:", ""] + [f"- `{f}`" for f in fails]
    gl = [
        "Annotation (`collect_terms`, `build_automaton`, then `annotate` over every document; best of the "
        "repeats) of the same imported documents with 50 terms (the real glossary plus a few made-up ones) "
        "and 10,000 terms (the real ones plus made-up ones: ~40% 3–8 character substrings of the documents, "
        "~45% random 3–8 character words, ~15% Latin acronyms). `appendix+anchors` is `render_appendix` and "
        "paragraph anchors for every document; `term pages` is `glossary_pages`.",
        "",
        glossary_table(results),
    ]
    return {"## Import and build": "\n".join(ib) + "\n", "## Glossary annotation": "\n".join(gl) + "\n"}


def update_markdown(path: Path, sections: dict[str, str]) -> None:
    """Replace (or add) our sections; keep every other section of the file as it is."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    parts = re.split(r"(?m)^(?=## )", text)
    head, rest = parts[0], parts[1:]
    kept, placed = [], set()
    for part in rest:
        heading = part.split("\n", 1)[0].strip()
        if heading in sections:
            kept.append(f"{heading}\n\n{sections[heading].strip()}\n\n")
            placed.add(heading)
        else:
            kept.append(part if part.endswith("\n\n") else part.rstrip("\n") + "\n\n")
    for heading, body in sections.items():
        if heading not in placed:
            kept.append(f"{heading}\n\n{body.strip()}\n\n")
    if not head.strip():
        head = "# Benchmarks\n\n"
    path.write_text((head.rstrip("\n") + "\n\n" + "".join(kept)).rstrip("\n") + "\n", encoding="utf-8")


# =============================================================== main

def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_child"]:
        kind, rest = argv[1], argv[2:]
        if kind == "import":
            child_import(Path(rest[0]), Path(rest[1]))
        elif kind == "mkdocs":
            child_mkdocs(Path(rest[0]), rest[1:])
        elif kind == "glossary":
            child_glossary(Path(rest[0]), [int(x) for x in rest[1].split(",")], int(rest[2]))
        return 0

    p = argparse.ArgumentParser(description="Print import/build/annotation times and peak memory.")
    p.add_argument("--sizes", type=int, nargs="+", help=f"archive sizes N (default: {' '.join(map(str, DEFAULT_SIZES))})")
    p.add_argument("--large", action="store_true", help=f"also N = {LARGE:,}")
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--workdir", type=Path, help="where archives are built (default: a temporary folder)")
    p.add_argument("--keep", action="store_true", help="keep the generated archives and sites")
    p.add_argument("--repeat", type=int, default=3, help="annotation runs per glossary size (best is kept)")
    p.add_argument("--search", choices=("asis", "material"), default="asis",
                   help="asis: mkdocs.yml as it is; material: force the plugin's `search: material`")
    p.add_argument("--no-retry", action="store_true",
                   help="do not rebuild with `search: material` when the as-is build fails on Pagefind")
    p.add_argument("--skip-build", action="store_true")
    p.add_argument("--plain", type=int, default=1, metavar="K",
                   help="also build the same documents with plain MkDocs + Material K times (median kept) "
                        "and print the ratios; 0 to skip (default: 1)")
    p.add_argument("--skip-glossary", action="store_true")
    p.add_argument("--results", type=Path, help="merge raw results (JSON) into this file, by N")
    p.add_argument("--markdown", type=Path,
                   help="write the '## Import and build' and '## Glossary annotation' sections of this file "
                        "(other sections are kept) from all results, including those merged from --results")
    args = p.parse_args(argv)
    sizes = list(args.sizes or DEFAULT_SIZES)
    if args.large and LARGE not in sizes:
        sizes.append(LARGE)

    def log(msg: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {msg}", flush=True)

    work = args.workdir or Path(tempfile.mkdtemp(prefix="archivegen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    log(f"inputs: {len(_text_inputs())} text sources, {len(_html_inputs())} HTML pages; work dir {work}")
    results = []
    for n in sizes:
        t = time.perf_counter()
        results.append(bench_size(n, work, args, log))
        log(f"[N={n}] done in {time.perf_counter() - t:.0f}s")
        if args.results:
            store = json.loads(args.results.read_text(encoding="utf-8")) if args.results.exists() else {}
            store[str(n)] = results[-1]
            args.results.write_text(json.dumps(store, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.keep and not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    print(report(results))
    if args.markdown:
        every = results
        if args.results and args.results.exists():
            store = json.loads(args.results.read_text(encoding="utf-8"))
            every = [store[k] for k in sorted(store, key=int)]
        update_markdown(args.markdown, markdown_sections(every))
        print(f"wrote {args.markdown}")
    return 1 if failures(results) else 0


if __name__ == "__main__":
    sys.exit(main())
