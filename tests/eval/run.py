"""The evaluation command: import every development corpus and print one table per corpus.

    python3 tasks.py eval                      (sets up .venv with the test extras)
    python -m tests.eval.run [--only NAME] [--no-trafilatura]

With shared/corpora beside the project every corpus is measured in full; without it,
govcn-policies and the text-dump variants use the committed sample (tests/data/govcn-sample),
cctv its committed sample, and news-sites and newscn-speeches are reported absent. An
exception inside the importer is counted against its file, never raised. EVALUATION.md
says what each number means.
"""

from __future__ import annotations

import argparse
import sys
import time

from tests.eval import corpora, measure
from tests.eval.dumps import govcn_variants, news_variants, read_dumps
from tests.eval.report import Report


def variant_report(govcn_pages, news_pages) -> Report:
    if corpora.full():
        items = govcn_variants(govcn_pages) + news_variants(news_pages)
        source = f"{len(govcn_pages)} govcn-policies + {len(news_pages)} news-sites pages, 4 kinds each"
    else:
        items = read_dumps(corpora.GOVCN_SAMPLE / "dumps", govcn_pages)
        source = f"committed tests/data/govcn-sample/dumps ({len(items)} files)"
    return measure.variants(items, source)


def reports(only: str | None = None, with_trafilatura: bool = True):
    """Yield each corpus's Report (lazily: the pages are read as each corpus is reached)."""
    gov = corpora.govcn_pages()
    news = corpora.news_pages()
    steps = {
        "govcn-policies": lambda: measure.govcn(gov, with_trafilatura),
        "news-sites": lambda: measure.news(news, with_trafilatura),
        "newscn-speeches": lambda: measure.speeches(corpora.speeches()),
        "newscn-speeches as compilations": lambda: measure.speech_compilations(corpora.speeches()),
        "text-dump variants": lambda: variant_report(gov, news),
        "govcn-policies as PDF text": lambda: measure.pdf_texts(gov),
        "govcn-policies with pinyin": lambda: measure.pinyin_texts(gov),
        "govcn-policies as compilations": lambda: measure.compilations(gov),
        "govcn-policies with glossaries": lambda: measure.glossaries(gov),
        "cctv-news-2024-01": lambda: measure.cctv(corpora.cctv_files()),
        "cctv-news-2024-01 as text": lambda: measure.cctv_dumps(corpora.cctv_files()),
        "seeds": measure.seeds,
    }
    for name, step in steps.items():
        if only is None or only in name:
            yield step()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="measure only the corpus whose name contains this")
    ap.add_argument("--no-trafilatura", action="store_true", help="leave out the trafilatura column")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    mode = "full corpora (shared/corpora)" if corpora.full() else "committed samples only (no shared/corpora)"
    print(f"archivegen import evaluation: {mode}\n", flush=True)
    done = []
    for r in reports(args.only, not args.no_trafilatura):
        print(r.render(), flush=True)
        done.append(r)
    print("== summary")
    for r in done:
        print(f"{r.summary}  [{r.seconds:.1f} s]")
    print(f"total {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
