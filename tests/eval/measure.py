"""One measurement per corpus. `run.py` prints them; `test_floors.py` holds them to floors.

Every function takes the corpus's pages (so a test can pass a deterministic subsample) and
returns a Report whose `metrics` are flat names → numbers (rates in 0..1).
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter

from tests.eval import corpora
from tests.eval.adapter import Imported, ImportedDoc, import_files
from tests.eval.dumps import KINDS, Variant, decode_page
from tests.eval.metrics import Overlap, as_date, norm_title, present, rate, same_title
from tests.eval.htmltext import squash
from tests.eval.report import Report, num, pct


# ------------------------------------------------------------------ shared pieces

def _printed(docs: list[ImportedDoc]) -> str:
    """Everything the import kept of one file: its documents' headlines and bodies."""
    return "\n".join(d.printed() for d in docs)


def _docs_stats(imp: Imported, names: list[str]) -> tuple[float, float, int, int]:
    """Mean documents per file, share with exactly one, refused files, crashed files
    (an import stopped at the time limit counts as a crash)."""
    by = imp.by_source()
    counts = [len(by.get(n, [])) for n in names]
    refused = sum(1 for e in imp.errors if e.kind == "refused")
    crashed = sum(1 for e in imp.errors if e.kind in ("crash", "timeout"))
    mean = statistics.fmean(counts) if counts else 0.0
    return mean, rate(sum(1 for c in counts if c == 1), len(counts)), refused, crashed


def _absent(r: Report, what: str) -> Report:
    """The report of a corpus that lives only in shared/corpora, when it is not there."""
    r.source = f"absent (shared/corpora not beside the project; its {what} may not be copied)"
    r.summary = f"{r.corpus}: not measured (no shared/corpora)"
    return r


def _failure_notes(imp: Imported) -> list[str]:
    return [f"  {e.kind}: {e.source}: {e.message}" for e in sorted(imp.errors, key=lambda e: e.source)]


def _trafilatura():
    try:
        import trafilatura
    except ImportError:        # a test extra; without it the side-by-side column is left out
        return None
    return trafilatura


def _extract(traf, data: bytes) -> str:
    return traf.extract(decode_page(data), include_comments=False) or ""


# ------------------------------------------------------------------ govcn-policies

def _same_date(got, want) -> bool:
    want = as_date(want)
    return want is not None and as_date(got) == want


def _govcn_meta(doc: ImportedDoc | None, truth: dict) -> dict[str, bool]:
    m = doc.meta if doc else {}
    return {
        "title": same_title(m.get("title"), truth["title"]),
        "issuer": same_title(m.get("issuer"), truth["issuer"]),
        "doc_number": same_title(m.get("doc_number"), truth["number"]),
        "written": _same_date(m.get("written"), truth["written"]),
        "published": _same_date(m.get("published"), truth["published"]),
        "date=written": _same_date(m.get("date"), truth["written"]),
    }


def govcn(pages: list[corpora.GovPage], with_trafilatura: bool = True) -> Report:
    start = time.perf_counter()
    imp = import_files([(p.name, p.data) for p in pages])
    by = imp.by_source()
    traf = _trafilatura() if with_trafilatura else None
    total, ttotal = Overlap(), Overlap()
    per_page, tper_page = [], []
    meta = Counter()
    for p in pages:
        docs = by.get(p.name, [])
        ov = Overlap.of(_printed(docs), p.truth["clean_text"])
        total += ov
        per_page.append((ov.f1, p.name, ov, len(docs)))
        for key, ok in _govcn_meta(docs[0] if docs else None, p.truth).items():
            meta[key] += ok
        if traf:
            tov = Overlap.of(_extract(traf, p.data), p.truth["clean_text"])
            ttotal += tov
            tper_page.append(tov.f1)
    n = len(pages)
    docs_mean, one, refused, crashed = _docs_stats(imp, [p.name for p in pages])
    r = Report("govcn-policies", f"{corpora.where(corpora.govcn_dir())}, {n} pages")
    r.metrics = {
        "char_precision": total.precision, "char_recall": total.recall, "char_f1": total.f1,
        "char_f1_page_mean": statistics.fmean(f for f, *_ in per_page) if per_page else 0.0,
        "docs_per_file": docs_mean, "one_doc_share": one, "refused": refused, "crashes": crashed,
        **{f"{k}_accuracy": rate(meta[k], n) for k in ("title", "issuer", "doc_number", "written", "published", "date=written")},
    }
    rows = [["characters (micro over pages)", "archivegen", "trafilatura" if traf else ""]]
    rows.append(["precision", num(total.precision), num(ttotal.precision) if traf else ""])
    rows.append(["recall", num(total.recall), num(ttotal.recall) if traf else ""])
    rows.append(["F1", num(total.f1), num(ttotal.f1) if traf else ""])
    rows.append(["F1, mean per page", num(r.metrics["char_f1_page_mean"]),
                 num(statistics.fmean(tper_page)) if tper_page else ""])
    if traf:
        r.metrics.update({"trafilatura_char_precision": ttotal.precision, "trafilatura_char_recall": ttotal.recall,
                          "trafilatura_char_f1": ttotal.f1})
    meta_rows = [["metadata (first document of the page)", "accuracy"]]
    for k, label in (("title", "title"), ("issuer", "issuer (发文机关)"), ("doc_number", "doc_number (发文字号)"),
                     ("written", "written (成文日期)"), ("published", "published (发布日期)"),
                     ("date=written", "date = 成文日期 (today's key)")):
        meta_rows.append([label, f"{meta[k]}/{n} {pct(rate(meta[k], n))}"])
    doc_rows = [["documents", "value"], ["per file (mean)", num(docs_mean, 2)], ["files with exactly 1", pct(one)],
                ["refused / crashed files", f"{refused} / {crashed}"]]
    r.tables = [rows, meta_rows, doc_rows]
    r.notes = ([] if traf or not with_trafilatura else ["trafilatura not importable: install the test extras"]) + ["worst pages by F1:"] + [
        f"  {name}: F1 {num(f)} (P {num(ov.precision)} R {num(ov.recall)}, {nd} docs)"
        for f, name, ov, nd in sorted(per_page)[:3]] + _failure_notes(imp)
    r.summary = (f"govcn-policies: F1 {num(total.f1)} (P {num(total.precision)} R {num(total.recall)})"
                 + (f" vs trafilatura {num(ttotal.f1)}" if traf else "")
                 + f"; title {pct(r.metrics['title_accuracy'])}; docs/file {num(docs_mean, 2)}; crashes {crashed}")
    r.seconds = time.perf_counter() - start
    return r


# ------------------------------------------------------------------ news-sites

def _main_doc(docs: list[ImportedDoc], truth: dict) -> ImportedDoc | None:
    """The document holding most of the page's reference sentences (first on ties)."""
    if not docs:
        return None
    wanted = [truth["first"], truth["last"], *truth["keep"]]
    return max(docs, key=lambda d: (sum(present(wanted, d.printed())), -docs.index(d)))


def _keep_drop(text: str, truth: dict) -> tuple[int, int, int, int]:
    wanted = [truth["first"], truth["last"], *truth["keep"]]
    kept = sum(present(wanted, text))
    dropped = sum(not x for x in present(truth["drop"], text))
    return kept, len(wanted), dropped, len(truth["drop"])


def news(pages: list[corpora.NewsPage], with_trafilatura: bool = True) -> Report:
    start = time.perf_counter()
    r = Report("news-sites", f"shared/corpora/news-sites, {len(pages)} pages with references")
    if not pages:
        return _absent(r, "pages")
    imp = import_files([(p.name, p.data) for p in pages])
    by = imp.by_source()
    traf = _trafilatura() if with_trafilatura else None
    k = Counter()
    worst = []
    for p in pages:
        docs = by.get(p.name, [])
        text = _printed(docs)
        kept, kt, dropped, dt_ = _keep_drop(text, p.truth)
        k.update(kept=kept, keep_total=kt, dropped=dropped, drop_total=dt_)
        f, l = present([p.truth["first"], p.truth["last"]], text)
        k.update(first=f, last=l)
        main = _main_doc(docs, p.truth)
        k["title"] += bool(main) and same_title(main.title, p.truth["title"])
        want = as_date(p.truth["date"])
        got = as_date(main.meta.get("date")) if main else None
        if want:
            k["dated"] += 1
            k["date"] += got == want
        else:
            k["undated"] += 1
            k["invented"] += got is not None
        worst.append((kept / kt, dropped / dt_, p.file, len(docs)))
        if traf:
            tk, tkt, td, tdt = _keep_drop(_extract(traf, p.data), p.truth)
            k.update(t_kept=tk, t_keep_total=tkt, t_dropped=td, t_drop_total=tdt)
    n = len(pages)
    docs_mean, one, refused, crashed = _docs_stats(imp, [p.name for p in pages])
    sites = len({p.file.split("/")[0] for p in pages})
    r.source = f"shared/corpora/news-sites, {n} pages of {sites} sites (tests/eval/news_sites_truth.yaml)"
    r.metrics = {
        "keep_rate": rate(k["kept"], k["keep_total"]), "drop_rate": rate(k["dropped"], k["drop_total"]),
        "first_rate": rate(k["first"], n), "last_rate": rate(k["last"], n),
        "title_accuracy": rate(k["title"], n), "date_accuracy": rate(k["date"], k["dated"]),
        "docs_per_file": docs_mean, "one_doc_share": one, "refused": refused, "crashes": crashed,
    }
    rows = [["keep / drop", "archivegen", "trafilatura" if traf else ""],
            ["keep rate (first+last+3 keep per page)", f"{k['kept']}/{k['keep_total']} {pct(r.metrics['keep_rate'])}",
             f"{k['t_kept']}/{k['t_keep_total']} {pct(rate(k['t_kept'], k['t_keep_total']))}" if traf else ""],
            ["  first sentence kept", f"{k['first']}/{n}", ""],
            ["  last sentence kept", f"{k['last']}/{n}", ""],
            ["drop rate (3 furniture lines per page)", f"{k['dropped']}/{k['drop_total']} {pct(r.metrics['drop_rate'])}",
             f"{k['t_dropped']}/{k['t_drop_total']} {pct(rate(k['t_dropped'], k['t_drop_total']))}" if traf else ""]]
    if traf:
        r.metrics.update({"trafilatura_keep_rate": rate(k["t_kept"], k["t_keep_total"]),
                          "trafilatura_drop_rate": rate(k["t_dropped"], k["t_drop_total"])})
    meta_rows = [["metadata (document holding the text)", "value"],
                 ["title (normalised)", f"{k['title']}/{n} {pct(r.metrics['title_accuracy'])}"],
                 ["date, pages that print one", f"{k['date']}/{k['dated']} {pct(r.metrics['date_accuracy'])}"],
                 ["date given where the page prints none", f"{k['invented']}/{k['undated']}"],
                 ["documents per file (mean)", num(docs_mean, 2)],
                 ["files with exactly 1 document", pct(one)],
                 ["refused / crashed files", f"{refused} / {crashed}"]]
    r.tables = [rows, meta_rows]
    r.notes = ([] if traf or not with_trafilatura else ["trafilatura not importable: install the test extras"]) + ["lowest keep rates:"] + [
        f"  {f}: keep {pct(kr)}, drop {pct(dr)}, {nd} docs" for kr, dr, f, nd in sorted(worst)[:5]] + _failure_notes(imp)
    r.summary = (f"news-sites: keep {pct(r.metrics['keep_rate'])} drop {pct(r.metrics['drop_rate'])}"
                 + (f" (trafilatura {pct(r.metrics['trafilatura_keep_rate'])} / {pct(r.metrics['trafilatura_drop_rate'])})" if traf else "")
                 + f"; title {pct(r.metrics['title_accuracy'])}; date {pct(r.metrics['date_accuracy'])}"
                 + f"; docs/file {num(docs_mean, 2)}; crashes {crashed}")
    r.seconds = time.perf_counter() - start
    return r


# ------------------------------------------------------------------ newscn-speeches

PARA_RUN = re.compile(r"[\u3000\u2003]{2,}|\n")


def speeches(items: list[dict]) -> Report:
    start = time.perf_counter()
    r = Report("newscn-speeches", f"shared/corpora/newscn-speeches, {len(items)} items")
    if not items:
        return _absent(r, "texts")
    files = [corpora.speech_file(i, item) for i, item in enumerate(items)]
    imp = import_files(files)
    by = imp.by_source()
    k = Counter()
    kept = Overlap()
    for (name, _), item in zip(files, items):
        docs = by.get(name, [])
        first = docs[0] if docs else None
        k["title"] += bool(first) and same_title(first.title, item["title"])
        got, want = (as_date(first.meta.get("date")) if first else None), as_date(item["publication"])
        k["date"] += got == want
        # a speech is often dated the day it was given, published after midnight
        k["date1"] += got is not None and abs((got - want).days) <= 1
        expected = [x for x in PARA_RUN.split(item["text"]) if x.strip()]
        if len(expected) > 1:
            k["multi"] += 1
            longest = max(docs, key=lambda d: len(d.text), default=None)
            k["restored"] += bool(longest) and len([x for x in longest.text.split("\n") if x.strip()]) > 1
            got = sum(len([x for x in d.text.split("\n") if x.strip()]) for d in docs)
            k["para_got"] += min(got, len(expected))
            k["para_want"] += len(expected)
        kept += Overlap.of(_printed(docs), item["text"])
    n = len(items)
    docs_mean, one, refused, crashed = _docs_stats(imp, [f for f, _ in files])
    r.metrics = {
        "title_accuracy": rate(k["title"], n), "date_accuracy": rate(k["date"], n),
        "date_within_1_day": rate(k["date1"], n), "paragraphs_restored": rate(k["restored"], k["multi"]), "paragraph_recall": rate(k["para_got"], k["para_want"]),
        "text_recall": kept.recall, "docs_per_file": docs_mean, "one_doc_share": one,
        "refused": refused, "crashes": crashed,
    }
    r.tables = [[["measure", "value"],
                 ["title (normalised, first document)", f"{k['title']}/{n} {pct(r.metrics['title_accuracy'])}"],
                 ["date = publication date", f"{k['date']}/{n} {pct(r.metrics['date_accuracy'])}"],
                 ["date within one day of it", f"{k['date1']}/{n} {pct(r.metrics['date_within_1_day'])}"],
                 ["paragraphs restored (>1 paragraph where the source has several runs)",
                  f"{k['restored']}/{k['multi']} {pct(r.metrics['paragraphs_restored'])}"],
                 ["paragraph recall (min(got, runs) / runs)", pct(r.metrics["paragraph_recall"])],
                 ["stored text kept (character recall)", num(kept.recall)],
                 ["documents per file (mean)", num(docs_mean, 2)],
                 ["files with exactly 1 document", pct(one)],
                 ["refused / crashed files", f"{refused} / {crashed}"]]]
    r.notes = ["each item imported as the text file tests/eval/corpora.speech_file makes: title line, "
               "publication time line, URL line, blank line, stored text"] + _failure_notes(imp)
    r.summary = (f"newscn-speeches: title {pct(r.metrics['title_accuracy'])}; date {pct(r.metrics['date_accuracy'])}; "
                 f"paragraphs restored {pct(r.metrics['paragraphs_restored'])}; docs/file {num(docs_mean, 2)}; crashes {crashed}")
    r.seconds = time.perf_counter() - start
    return r


# ------------------------------------------------------------------ text-dump variants

def variants(items: list[Variant], source: str) -> Report:
    start = time.perf_counter()
    r = Report("text-dump variants", source)
    imp = import_files([(v.name, v.data) for v in items])
    by = imp.by_source()
    failed = {e.source for e in imp.errors}
    stats: dict[tuple[str, str], Counter] = {}
    overlaps: dict[tuple[str, str], Overlap] = {}
    for v in items:
        docs = by.get(v.name, [])
        text = _printed(docs)
        for key in ((v.kind, v.corpus), ("enc:" + v.encoding + (" crlf" if v.newline == "\r\n" else ""), v.corpus)):
            s = stats.setdefault(key, Counter())
            s.update(n=1, docs=len(docs), one=int(len(docs) == 1), failed=int(v.name in failed))
            if v.corpus == "govcn":
                overlaps[key] = overlaps.get(key, Overlap()) + Overlap.of(text, v.truth["clean_text"])
                s["title"] += bool(docs) and same_title(docs[0].title, v.truth["title"])
            else:
                kept, kt, dropped, dt_ = _keep_drop(text, v.truth)
                s.update(kept=kept, keep_total=kt, dropped=dropped, drop_total=dt_)
                main = _main_doc(docs, v.truth)
                s["title"] += bool(main) and same_title(main.title, v.truth["title"])
    header = ["variant", "corpus", "n", "fail", "docs/article", "exactly 1", "char F1", "keep", "drop", "title"]
    by_kind, by_enc = [header], [header]
    for (key, corpus), s in sorted(stats.items(), key=lambda kv: (kv[0][0].startswith("enc:"),
                                                                   KINDS.index(kv[0][0]) if kv[0][0] in KINDS else 0,
                                                                   kv[0][0], kv[0][1])):
        ov = overlaps.get((key, corpus))
        row = [key.removeprefix("enc:"), corpus, str(s["n"]), str(s["failed"]), num(s["docs"] / s["n"], 2),
               pct(s["one"] / s["n"]), num(ov.f1) if ov else "",
               pct(rate(s["kept"], s["keep_total"])) if corpus == "news" else "",
               pct(rate(s["dropped"], s["drop_total"])) if corpus == "news" else "", pct(s["title"] / s["n"])]
        (by_enc if key.startswith("enc:") else by_kind).append(row)
        if key in KINDS:
            base = f"{key}.{corpus}"
            r.metrics[f"{base}.docs_per_article"] = s["docs"] / s["n"]
            r.metrics[f"{base}.one_doc_share"] = s["one"] / s["n"]
            r.metrics[f"{base}.failures"] = s["failed"]
            r.metrics[f"{base}.title_accuracy"] = s["title"] / s["n"]
            if ov:
                r.metrics[f"{base}.char_f1"] = ov.f1
            if corpus == "news":
                r.metrics[f"{base}.keep_rate"] = rate(s["kept"], s["keep_total"])
                r.metrics[f"{base}.drop_rate"] = rate(s["dropped"], s["drop_total"])
    r.tables = [by_kind, by_enc]
    r.metrics["failures"] = len(failed)
    r.notes = ["char F1 against the source page's clean_text (govcn); keep/drop against its references (news); "
               "docs/article should be exactly 1"] + _failure_notes(imp)
    f1s = {kind: r.metrics.get(f"{kind}.govcn.char_f1") for kind in KINDS}
    r.summary = ("text-dump variants: char F1 " + ", ".join(f"{k} {num(v)}" for k, v in f1s.items() if v is not None)
                 + f"; docs/article {num(statistics.fmean(s['docs'] / s['n'] for (k, _), s in stats.items() if k in KINDS), 2)}"
                 + f"; failures {len(failed)}")
    r.seconds = time.perf_counter() - start
    return r


# ------------------------------------------------------------------ cctv-news-2024-01

def cctv(paths) -> Report:
    from tests.eval.test_gate import _story_sentences   # the gate's reading of the story container

    start = time.perf_counter()
    imp = import_files([(p.name, p.read_bytes()) for p in paths])
    by = imp.by_source()
    drop = ["责任编辑", "编辑：", "版权所有", "央视网首页", "热播榜", "全部评论"]
    k = Counter()
    for p in paths:
        text = _printed(by.get(p.name, []))
        keep = _story_sentences(p.read_text(encoding="utf-8"))
        k["kept"] += sum(present(keep, text))
        k["keep_total"] += len(keep)
        k["dropped"] += sum(not x for x in present(drop, text))
        k["drop_total"] += len(drop)
    docs_mean, one, refused, crashed = _docs_stats(imp, [p.name for p in paths])
    r = Report("cctv-news-2024-01", f"{corpora.where(paths[0].parent)}, {len(paths)} pages" if paths else "none")
    r.metrics = {"keep_rate": rate(k["kept"], k["keep_total"]), "drop_rate": rate(k["dropped"], k["drop_total"]),
                 "docs_per_file": docs_mean, "one_doc_share": one, "refused": refused, "crashes": crashed}
    r.tables = [[["measure", "value"],
                 ["documents per file (mean)", num(docs_mean, 2)],
                 ["files with exactly 1 document", pct(one)],
                 ["refused / crashed files", f"{refused} / {crashed}"],
                 ["story sentences kept (gate's keep list)", f"{k['kept']}/{k['keep_total']} {pct(r.metrics['keep_rate'])}"],
                 ["furniture absent (gate's drop list)", f"{k['dropped']}/{k['drop_total']} {pct(r.metrics['drop_rate'])}"]]]
    r.notes = _failure_notes(imp)
    r.summary = (f"cctv-news-2024-01: docs/file {num(docs_mean, 2)}; keep {pct(r.metrics['keep_rate'])} "
                 f"drop {pct(r.metrics['drop_rate'])}; crashes {crashed}")
    r.seconds = time.perf_counter() - start
    return r


def cctv_dumps(paths) -> Report:
    """The broadcaster's pages saved as text (a browser's innerText, an HTML-to-text
    converter's output): material the text-dump rules were not written on (they were
    written on the news-sites and State Council dumps). Keep and drop by the gate's lists,
    as for the pages themselves; titles against what the import makes of the page itself."""
    from tests.eval.dumps import html2text, innertext
    from tests.eval.test_gate import _story_sentences

    start = time.perf_counter()
    drop = ["责任编辑", "编辑：", "版权所有", "央视网首页", "热播榜", "全部评论"]
    pages = [(p.name, p.read_text(encoding="utf-8")) for p in paths]
    as_page = import_files([(name, html.encode("utf-8")) for name, html in pages]).by_source()
    r = Report("cctv-news-2024-01 as text", f"{len(pages)} pages, each as innertext and html2text")
    rows = [["kind", "n", "fail", "exactly 1", "keep", "drop", "title"]]
    for kind, make in (("innertext", innertext), ("html2text", html2text)):
        files = [(name.rsplit(".", 1)[0] + f".{kind}.txt", make(html).encode("utf-8")) for name, html in pages]
        imp = import_files(files)
        by = imp.by_source()
        k = Counter()
        for (name, html), (fname, _) in zip(pages, files):
            docs = by.get(fname, [])
            text = _printed(docs)
            keep = _story_sentences(html)
            k.update(kept=sum(present(keep, text)), keep_total=len(keep),
                     dropped=sum(not x for x in present(drop, text)), drop_total=len(drop),
                     one=int(len(docs) == 1))
            ref = as_page.get(name, [])
            k["title"] += bool(docs and ref) and same_title(docs[0].title, ref[0].title)
        n = len(pages)
        m = {"keep_rate": rate(k["kept"], k["keep_total"]), "drop_rate": rate(k["dropped"], k["drop_total"]),
             "one_doc_share": rate(k["one"], n), "title_accuracy": rate(k["title"], n), "failures": len(imp.errors)}
        r.metrics.update({f"{kind}.{name}": v for name, v in m.items()})
        rows.append([kind, str(n), str(len(imp.errors)), pct(m["one_doc_share"]), pct(m["keep_rate"]),
                     pct(m["drop_rate"]), pct(m["title_accuracy"])])
    r.tables = [rows]
    r.notes = ["keep/drop: the gate's lists, as for the pages; title: the same as the page's own import"]
    r.summary = ("cctv-news-2024-01 as text: " + "; ".join(
        f"{kind} keep {pct(r.metrics[kind + '.keep_rate'])} drop {pct(r.metrics[kind + '.drop_rate'])} "
        f"title {pct(r.metrics[kind + '.title_accuracy'])}" for kind in ("innertext", "html2text")))
    r.seconds = time.perf_counter() - start
    return r


def pdf_texts(pages: list[corpora.GovPage]) -> Report:
    """State Council texts as their PDFs' text layer (tests/eval/dumps.py: pdf_text), with and
    without a running head: material the layout rules were not written on (they were written
    on the seeds). Character F1 against the page's clean text, paragraphs restored exactly
    (a paragraph of the clean text that is one line of the output), titles."""
    from tests.eval.dumps import pdf_text

    start = time.perf_counter()
    r = Report("govcn-policies as PDF text", f"{len(pages)} State Council texts, each with and without a running head")
    rows = [["running head", "n", "fail", "exactly 1", "char P", "char R", "char F1", "paragraphs", "title"]]
    for head in (False, True):
        files = [(p.name.rsplit(".", 1)[0] + (".head" if head else "") + ".pdf.txt",
                  pdf_text(p.truth["clean_text"], p.name, head).encode("utf-8")) for p in pages]
        imp = import_files(files)
        by = imp.by_source()
        ov, k = Overlap(), Counter()
        for (name, _), p in zip(files, pages):
            docs = by.get(name, [])
            text = _printed(docs)
            ov = ov + Overlap.of(text, p.truth["clean_text"])
            want = [squash(x) for x in p.truth["clean_text"].split("\n") if x.strip()]
            got = {squash(x) for x in text.split("\n") if x.strip()}
            k.update(paragraphs=sum(1 for w in want if w in got), paragraphs_total=len(want), one=int(len(docs) == 1))
            k["title"] += bool(docs) and same_title(docs[0].title, p.truth["title"])
        n = len(pages)
        kind = "head" if head else "plain"
        m = {"char_precision": ov.precision, "char_recall": ov.recall, "char_f1": ov.f1,
             "paragraphs_exact": rate(k["paragraphs"], k["paragraphs_total"]), "one_doc_share": rate(k["one"], n),
             "title_accuracy": rate(k["title"], n), "failures": len(imp.errors)}
        r.metrics.update({f"{kind}.{name}": v for name, v in m.items()})
        rows.append(["yes" if head else "no", str(n), str(len(imp.errors)), pct(m["one_doc_share"]),
                     num(m["char_precision"]), num(m["char_recall"]), num(m["char_f1"]), pct(m["paragraphs_exact"]),
                     pct(m["title_accuracy"])])
    r.tables = [rows]
    r.notes = ["paragraphs: paragraphs of the clean text found as one line of the output (joined back whole)"]
    r.summary = ("govcn-policies as PDF text: " + "; ".join(
        f"{kind} F1 {num(r.metrics[kind + '.char_f1'])} paragraphs {pct(r.metrics[kind + '.paragraphs_exact'])}"
        for kind in ("plain", "head")))
    r.seconds = time.perf_counter() - start
    return r


def pinyin_texts(pages: list[corpora.GovPage]) -> Report:
    """State Council texts as aggregators copy them, readings in brackets after some
    characters or words (tests/eval/dumps.py: pinyin_copy), in four styles: material the
    pinyin rule was not written on (the seeds' 人(ren) is one of them). Character
    precision, recall and F1 against the clean text: a reading left in costs precision, a
    real bracket taken for one costs recall."""
    from tests.eval.dumps import PINYIN_STYLES, pinyin_copy

    start = time.perf_counter()
    r = Report("govcn-policies with pinyin", f"{len(pages)} State Council texts, each in {len(PINYIN_STYLES)} styles")
    rows = [["style", "n", "fail", "char P", "char R", "char F1"]]
    for style in PINYIN_STYLES:
        files = [(p.name.rsplit(".", 1)[0] + f".{style}.txt", pinyin_copy(p.truth["clean_text"], p.name, style).encode("utf-8"))
                 for p in pages]
        imp = import_files(files)
        by = imp.by_source()
        ov = Overlap()
        for (name, _), p in zip(files, pages):
            ov = ov + Overlap.of(_printed(by.get(name, [])), p.truth["clean_text"])
        r.metrics.update({f"{style}.char_precision": ov.precision, f"{style}.char_recall": ov.recall,
                          f"{style}.char_f1": ov.f1, f"{style}.failures": len(imp.errors)})
        rows.append([style, str(len(pages)), str(len(imp.errors)), num(ov.precision), num(ov.recall), num(ov.f1)])
    r.tables = [rows]
    r.summary = "govcn-policies with pinyin: " + ", ".join(f"{s} F1 {num(r.metrics[s + '.char_f1'])}" for s in PINYIN_STYLES)
    r.seconds = time.perf_counter() - start
    return r


def _split_counts(imp: Imported, files: list[tuple[str, bytes]], titles: list[list[str]]) -> tuple[int, int, int]:
    """(documents, files split into exactly as many documents as they hold texts, texts whose
    title one of their file's documents has) of an import of compilations; `titles`: each
    file's texts' titles."""
    by = imp.by_source()
    docs = exact = found = 0
    for (name, _), want in zip(files, titles):
        got = [d.title for d in by.get(name, [])]
        docs += len(got)
        exact += len(got) == len(want)
        found += sum(1 for w in want if any(same_title(t, w) for t in got))
    return docs, exact, found


def compilations(pages: list[corpora.GovPage]) -> Report:
    """State Council texts four to a file (tests/eval/dumps.py: compilation), with and
    without a table of contents: material the split stage's rules for official documents
    were not written on. Documents per text (should be exactly 1) and the texts whose title
    one of the file's documents has."""
    from tests.eval.dumps import COMPILATION_SIZE, compilation

    start = time.perf_counter()
    groups = [pages[i:i + COMPILATION_SIZE] for i in range(0, len(pages), COMPILATION_SIZE)]
    r = Report("govcn-policies as compilations", f"{len(pages)} State Council texts, {COMPILATION_SIZE} to a file")
    rows = [["contents", "files", "texts", "documents", "files split exactly", "titles found"]]
    for toc in (False, True):
        files = [(f"compilation-{k:02d}{'.toc' if toc else ''}.txt",
                  compilation([(p.truth["title"], p.truth["clean_text"]) for p in g], f"{k}", toc).encode("utf-8"))
                 for k, g in enumerate(groups)]
        imp = import_files(files)
        docs, exact, titles = _split_counts(imp, files, [[p.truth["title"] for p in g] for g in groups])
        kind = "toc" if toc else "plain"
        r.metrics.update({f"{kind}.docs_per_text": rate(docs, len(pages)), f"{kind}.titles_found": rate(titles, len(pages)),
                          f"{kind}.files_exact": rate(exact, len(files)), f"{kind}.failures": len(imp.errors)})
        rows.append(["yes" if toc else "no", str(len(files)), str(len(pages)), str(docs), pct(rate(exact, len(files))),
                     f"{titles} {pct(rate(titles, len(pages)))}"])
    r.tables = [rows]
    r.summary = ("govcn-policies as compilations: " + "; ".join(
        f"{k} docs/text {num(r.metrics[k + '.docs_per_text'], 2)} titles {pct(r.metrics[k + '.titles_found'])}"
        for k in ("plain", "toc")))
    r.seconds = time.perf_counter() - start
    return r


def speech_compilations(items: list[dict]) -> Report:
    """The speeches four to a file as a compilation prints them (title, its date alone in
    brackets, the paragraphs: tests/eval/dumps.py, speech_compilation): material the split
    stage's report rules were not written on (those know "——date在…会议上")."""
    from tests.eval.dumps import COMPILATION_SIZE, speech_compilation

    start = time.perf_counter()
    r = Report("newscn-speeches as compilations", f"{len(items)} speeches, {COMPILATION_SIZE} to a file")
    if not items:
        return _absent(r, "texts")
    groups = [items[i:i + COMPILATION_SIZE] for i in range(0, len(items) - COMPILATION_SIZE + 1, COMPILATION_SIZE)]
    files = [(f"speeches-{k:02d}.txt", speech_compilation(g).encode("utf-8")) for k, g in enumerate(groups)]
    imp = import_files(files)
    docs, exact, titles = _split_counts(imp, files, [[it["title"] for it in g] for g in groups])
    n = sum(map(len, groups))
    r.metrics = {"docs_per_text": rate(docs, n), "titles_found": rate(titles, n), "files_exact": rate(exact, len(files)),
                 "failures": len(imp.errors)}
    r.tables = [[["files", "speeches", "documents", "files split exactly", "titles found"],
                 [str(len(files)), str(n), str(docs), pct(r.metrics["files_exact"]), f"{titles} {pct(r.metrics['titles_found'])}"]]]
    r.summary = (f"newscn-speeches as compilations: docs/text {num(r.metrics['docs_per_text'], 2)} "
                 f"titles {pct(r.metrics['titles_found'])}")
    r.seconds = time.perf_counter() - start
    return r


def glossaries(pages: list[corpora.GovPage]) -> Report:
    """State Council texts with a 名词解释 appendix in seven styles (tests/eval/dumps.py:
    with_glossary): material the glossary parser was not written on (the seeds number their
    entries 1、). The import's glossary entries against the appendix's terms."""
    from tests.eval.dumps import GLOSSARY_STYLES, with_glossary

    start = time.perf_counter()
    r = Report("govcn-policies with glossaries", f"{len(pages)} State Council texts, {len(GLOSSARY_STYLES)} styles")
    rows = [["style", "terms", "found", "extra", "precision", "recall"]]
    for k, style in enumerate(GLOSSARY_STYLES):
        made = [with_glossary(p.truth["clean_text"], p.name, style) for p in pages]
        files = [(f"{p.name.rsplit('.', 1)[0]}.glossary{k}.txt", text.encode("utf-8")) for p, (text, _) in zip(pages, made)]
        imp = import_files(files)
        got: dict[str, set[str]] = {}
        for g in imp.glossary:
            got.setdefault(g.source, set()).add(g.term.strip("“”"))
        want = sum(len(terms) for _, terms in made)
        found = sum(len(set(terms) & got.get(name, set())) for (name, _), (_, terms) in zip(files, made))
        extra = sum(len(got.get(name, set()) - set(terms)) for (name, _), (_, terms) in zip(files, made))
        r.metrics.update({f"style{k}.recall": rate(found, want), f"style{k}.precision": rate(found, found + extra),
                          f"style{k}.failures": len(imp.errors)})
        rows.append([style, str(want), str(found), str(extra), num(rate(found, found + extra)), num(rate(found, want))])
    r.tables = [rows]
    r.summary = "govcn-policies with glossaries: recall " + ", ".join(
        num(r.metrics[f"style{k}.recall"], 2) for k in range(len(GLOSSARY_STYLES)))
    r.seconds = time.perf_counter() - start
    return r


# ------------------------------------------------------------------ seeds

def seeds() -> Report:
    start = time.perf_counter()
    files = corpora.seeds()
    imp = import_files([(p.name, p.read_bytes()) for p in files])
    expected = corpora.seeds_expected()
    want_docs = expected["documents"]
    found = sum(1 for e in want_docs if any(d.source == e["source"] and same_title(d.title, e["title"]) for d in imp.docs))
    truth = corpora.glossary_truth()
    want = Counter(norm_title(e["term"]) for e in truth["entries"])
    got = [g for g in imp.glossary]
    matched = 0
    left = Counter(want)
    for g in got:
        names = [norm_title(g.term), *(norm_title(a) for a in g.aliases)]
        hit = next((x for x in names if g.source == truth["source"] and left[x] > 0), None)
        if hit:
            left[hit] -= 1
            matched += 1
    n_want = sum(want.values())
    r = Report("seeds", f"content/sources, {len(files)} raw files")
    r.metrics = {"documents": len(imp.docs), "documents_expected": len(want_docs),
                 "titles_found": rate(found, len(want_docs)),
                 "glossary_precision": rate(matched, len(got)), "glossary_recall": rate(matched, n_want),
                 "crashes": sum(1 for e in imp.errors if e.kind in ("crash", "timeout"))}
    r.tables = [[["measure", "value"],
                 ["documents (expected)", f"{len(imp.docs)} ({len(want_docs)})"],
                 ["expected documents found (source + title)", f"{found}/{len(want_docs)}"],
                 ["glossary entries (expected)", f"{len(got)} ({n_want})"],
                 ["glossary precision", num(r.metrics["glossary_precision"])],
                 ["glossary recall", num(r.metrics["glossary_recall"])]]]
    missing = sorted(t for t, c in left.items() if c > 0)
    r.notes = ([f"glossary terms not found: {', '.join(missing)}"] if missing else []) + _failure_notes(imp)
    r.summary = (f"seeds: {len(imp.docs)} documents (expected {len(want_docs)}), {found} found; glossary "
                 f"P {num(r.metrics['glossary_precision'])} R {num(r.metrics['glossary_recall'])}")
    r.seconds = time.perf_counter() - start
    return r
