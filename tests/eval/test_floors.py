"""Fidelity floors: the evaluation's measurements (tests/eval/measure.py, the same code
`python3 tasks.py eval` prints) may not fall below where the importer stands today.

With shared/corpora beside the project the corpora are measured on deterministic subsamples
(every k-th file) to keep this module near half a minute; without it, on the committed
samples (tests/data/govcn-sample, tests/data/cctv-sample, the seeds). news-sites and
newscn-speeches cannot be copied into the project, so without shared/ their tests say so and
skip; every other corpus is measured wherever the repository is cloned.

To see the numbers these floors are checked against: python -m tests.eval.test_floors
"""

from __future__ import annotations

import functools
import sys

import pytest

from tests.eval import corpora, measure
from tests.eval.dumps import KINDS, govcn_variants, news_variants, read_dumps

def every_kind(corpus: str, **floors: float) -> dict[str, float]:
    """The same floors for each kind of text dump: "<kind>.<corpus>.<metric>"."""
    return {f"{kind}.{corpus}.{metric}": value for kind in KINDS for metric, value in floors.items()}


# Floors only go up: raise one when the importer improves, never lower one to make a change
# pass. Names ending in "crashes"/"failures"/"refused" are ceilings (a count that may only
# fall). Set at the level measured on 2026-11-29 minus 0.01, rounded down; a metric at zero is
# floored at zero on purpose (it is tracked, and waits for the engineer who raises it).

# The held-out layouts (tests/eval/measure.py: real texts laid out in ways the import rules
# were not written on), 2026-12-01. Before that day's rules: PDF text char R 0.96 and
# paragraphs 52% (page_furniture cut 28-character pages as a web page's furniture; table
# numbers went as page numbers); pinyin precision 0.87 / 0.84 / 0.79 with tone marks, tone
# digits, a word's reading (only the seeds' 人(ren) was read); compilations of State Council
# texts titles 0.23 (0.00 with a table of contents: one document); the broadcaster's pages
# as html2text keep 0.92 drop 0.89 title 0.63; compilations of speeches 87 documents for 104.
HELD_OUT = {
    "govcn-policies as PDF text": {
        **{f"{kind}.{m}": v for kind in ("plain", "head") for m, v in (
            ("char_recall", 0.998), ("char_precision", 0.99), ("paragraphs_exact", 0.85), ("one_doc_share", 0.99),
            ("failures", 0))},
    },
    "govcn-policies with pinyin": {
        **{f"{style}.{m}": v for style in ("plain", "tone", "digit", "word")
           for m, v in (("char_precision", 0.995), ("char_recall", 0.998), ("failures", 0))},
    },
    "govcn-policies as compilations": {
        **{f"{kind}.{m}": v for kind in ("plain", "toc") for m, v in (
            ("titles_found", 0.85), ("files_exact", 0.5), ("failures", 0))},
    },
    "govcn-policies with glossaries": {   # 【term】, ①term：, 一、term： were not read (recall 0)
        **{f"style{k}.{m}": v for k in range(7) for m, v in (("recall", 0.98), ("precision", 0.98), ("failures", 0))},
    },
    "cctv-news-2024-01 as text": {
        **{f"{kind}.{m}": v for kind in ("innertext", "html2text") for m, v in (
            ("keep_rate", 0.99), ("drop_rate", 0.99), ("one_doc_share", 0.97), ("title_accuracy", 0.85),
            ("failures", 0))},
    },
}

FLOORS: dict[str, dict[str, dict[str, float]]] = {
    "full": {
        "govcn-policies": {
            # policy pages (2026-12): the info table, the 发文字号 line and the signature block
            # are read; titles printed over two or three lines are joined
            "char_precision": 0.99, "char_recall": 0.98, "char_f1": 0.98,
            "char_f1_page_mean": 0.98, "one_doc_share": 0.99, "title_accuracy": 0.99,
            "issuer_accuracy": 0.99, "doc_number_accuracy": 0.99, "written_accuracy": 0.99,
            "published_accuracy": 0.99, "date=written_accuracy": 0.99, "crashes": 0,
        },
        "news-sites": {
            # news-pages branch: titles from the page's own heading, dates from the meta line
            # under it, the end of a story's furniture (measured 1.0 / 1.0 / 1.0 / 0.993 /
            # 1.0 / 1.0 / 1.0)
            "keep_rate": 0.99, "first_rate": 0.99, "last_rate": 0.99, "drop_rate": 0.98,
            "title_accuracy": 0.99, "date_accuracy": 0.99, "one_doc_share": 0.99, "crashes": 0,
        },
        "newscn-speeches": {
            # text recall 0.99 → 0.98: photo captions run into the text are removed on purpose
            "title_accuracy": 0.98, "date_accuracy": 0.99, "date_within_1_day": 0.99,
            "paragraphs_restored": 0.99, "paragraph_recall": 0.97, "text_recall": 0.98,
            "one_doc_share": 0.99, "crashes": 0,
        },
        "text-dump variants": {
            # text-dumps (2026-11-29): markup residue, pagination and saved copies removed,
            # page furniture by line classification (clean/blocks.py), a page saved as text
            # is one story; measured on the subsample: govcn F1 1.000 and one document for
            # every kind, news keep 1.0, one document 1.0, drop 0.63 (multipage 1.0), news
            # titles 0.70, then 0.80 (headlines that exclaim or ask stay over their time line)
            **every_kind("govcn", char_f1=0.99, one_doc_share=0.99, title_accuracy=0.99),
            # drop 0.63 → 0.73 on 2026-12-01 (a story's end read again where page_furniture cut)
            **every_kind("news", keep_rate=0.99, drop_rate=0.72, one_doc_share=0.99, title_accuracy=0.79),
            "multipage.news.drop_rate": 0.99,
            # 2026-12-01: 0.80 → 0.90 (short page lines over a headline and its time or source
            # line go, even when an earlier rule removed that line)
            # and 0.80 → 0.90 for html2text (tags in comments and styling tags alone leave a
            # dump a text; links with spaces, bold over lines, label and value on two lines)
            "innertext.news.title_accuracy": 0.89, "saved2x.news.title_accuracy": 0.89,
            "multipage.news.title_accuracy": 0.89, "html2text.news.title_accuracy": 0.89,
            "failures": 0,
        },
        "cctv-news-2024-01": {
            "keep_rate": 0.99, "drop_rate": 0.99, "one_doc_share": 0.99, "crashes": 0,
        },
        **HELD_OUT,
        # the subsample splits every file exactly; the committed sample (2 files) one of two
        "govcn-policies as compilations": {**HELD_OUT["govcn-policies as compilations"],
                                           "plain.files_exact": 0.7, "toc.files_exact": 0.7},
        # 2026-12-01: files split exactly 0.85 → 0.92, titles 0.95 → 0.98 (a speech title over
        # its bracketed date may be as long as a first line; a news lead over one opens nothing)
        "newscn-speeches as compilations": {"titles_found": 0.98, "files_exact": 0.92, "failures": 0},
        "seeds": {
            "titles_found": 0.99, "glossary_precision": 0.99, "glossary_recall": 0.99,
            "crashes": 0,
        },
    },
    "sample": {
        "govcn-policies": {
            "char_precision": 0.99, "char_recall": 0.97, "char_f1": 0.98,
            "char_f1_page_mean": 0.98, "one_doc_share": 0.99, "title_accuracy": 0.99,
            "issuer_accuracy": 0.99, "doc_number_accuracy": 0.99, "written_accuracy": 0.99,
            "published_accuracy": 0.99, "date=written_accuracy": 0.99, "crashes": 0,
        },
        "text-dump variants": {
            # text-dumps (2026-11-29): F1 0.99 on every kind (html2text 0.88 → 0.99: its
            # residue and page furniture go)
            **every_kind("govcn", char_f1=0.98, one_doc_share=0.99, title_accuracy=0.99),
            "failures": 0,
        },
        "cctv-news-2024-01": {
            "keep_rate": 0.99, "drop_rate": 0.99, "one_doc_share": 0.99, "crashes": 0,
        },
        **HELD_OUT,
        "seeds": {
            "titles_found": 0.99, "glossary_precision": 0.99, "glossary_recall": 0.99,
            "crashes": 0,
        },
    },
}
CEILING_SUFFIXES = ("crashes", "failures", "refused")
MODE = "full" if corpora.full() else "sample"
# every k-th file when the full corpora are measured (deterministic, sorted by name)
SUBSAMPLE = {"cctv": 5, "variants.govcn": 4, "variants.news": 5}


@functools.cache
def report(corpus: str):
    gov = corpora.govcn_pages()
    if corpus == "govcn-policies":
        return measure.govcn(gov, with_trafilatura=False)
    if corpus == "news-sites":
        return measure.news(corpora.news_pages(), with_trafilatura=False)
    if corpus == "newscn-speeches":
        return measure.speeches(corpora.speeches())
    if corpus == "newscn-speeches as compilations":
        return measure.speech_compilations(corpora.speeches())
    if corpus == "text-dump variants":
        if MODE == "full":
            items = (govcn_variants(gov[::SUBSAMPLE["variants.govcn"]])
                     + news_variants(corpora.news_pages()[::SUBSAMPLE["variants.news"]]))
        else:
            items = read_dumps(corpora.GOVCN_SAMPLE / "dumps", gov)
        return measure.variants(items, "floors")
    if corpus == "cctv-news-2024-01":
        files = corpora.cctv_files()
        return measure.cctv(files[::SUBSAMPLE["cctv"]] if MODE == "full" else files)
    if corpus == "govcn-policies with glossaries":
        return measure.glossaries(gov[::SUBSAMPLE["variants.govcn"]] if MODE == "full" else gov)
    if corpus == "govcn-policies as compilations":
        return measure.compilations(gov[::SUBSAMPLE["variants.govcn"]] if MODE == "full" else gov)
    if corpus == "govcn-policies with pinyin":
        return measure.pinyin_texts(gov[::SUBSAMPLE["variants.govcn"]] if MODE == "full" else gov)
    if corpus == "govcn-policies as PDF text":
        return measure.pdf_texts(gov[::SUBSAMPLE["variants.govcn"]] if MODE == "full" else gov)
    if corpus == "cctv-news-2024-01 as text":
        files = corpora.cctv_files()
        return measure.cctv_dumps(files[::SUBSAMPLE["cctv"]] if MODE == "full" else files)
    if corpus == "seeds":
        return measure.seeds()
    raise KeyError(corpus)


def _check(corpus: str) -> None:
    floors = FLOORS[MODE][corpus]
    r = report(corpus)
    problems = []
    for name, floor in floors.items():
        assert name in r.metrics, f"{corpus}: no metric {name!r} (renamed? update FLOORS)"
        value = r.metrics[name]
        if name.endswith(CEILING_SUFFIXES):
            if value > floor:
                problems.append(f"{name} = {value} (at most {floor})")
        elif value < floor:
            problems.append(f"{name} = {value:.4f} (floor {floor})")
    assert not problems, f"{corpus} fell below its floors: " + "; ".join(problems)


@pytest.mark.parametrize("corpus", ["govcn-policies", "text-dump variants", "govcn-policies as PDF text",
                                    "govcn-policies with pinyin", "govcn-policies as compilations",
                                    "govcn-policies with glossaries",
                                    "cctv-news-2024-01", "cctv-news-2024-01 as text", "seeds"])
def test_floor(corpus):
    _check(corpus)


@pytest.mark.parametrize("corpus", ["news-sites", "newscn-speeches", "newscn-speeches as compilations"])
def test_floor_shared_only(corpus):
    if MODE == "sample":
        pytest.skip(f"{corpus} lives only in shared/corpora (its license forbids copying it here)")
    _check(corpus)


def test_seeds_document_count():
    r = report("seeds")
    assert r.metrics["documents"] == r.metrics["documents_expected"] == 11


if __name__ == "__main__":
    # print what the floors are checked against, to raise them after an improvement
    names = sys.argv[1:] or list(FLOORS["full"])
    for corpus in names:
        if MODE == "sample" and corpus not in FLOORS["sample"]:
            continue
        r = report(corpus)
        print(f"{corpus} [{MODE}, {r.seconds:.1f} s]")
        for k, v in sorted(r.metrics.items()):
            print(f"    {k}: {v:.4f}" if isinstance(v, float) else f"    {k}: {v}")
