"""The hand-made references themselves: every string is where it says it is.

A reference that does not occur in its page would count against the importer for a
mistake of ours; these checks run wherever shared/corpora is (the pages are not in the
project). The seed glossary list is checked against the committed seed file.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.eval import corpora
from tests.eval.htmltext import squash, visible_text

TRUTH = corpora.news_truth()
KEYS = {"file", "title", "date", "first", "last", "keep", "drop"}


def test_news_truth_shape():
    assert len(TRUTH) >= 40
    assert len({t["file"].split("/")[0] for t in TRUTH}) >= 20
    assert len({t["file"] for t in TRUTH}) == len(TRUTH)
    for t in TRUTH:
        assert set(t) == KEYS, t["file"]
        assert t["title"] and len(t["keep"]) == 3 and len(t["drop"]) == 3, t["file"]
        if t["date"] is not None:
            dt.date.fromisoformat(t["date"])
        for s in [t["first"], t["last"], *t["keep"], *t["drop"]]:
            assert 4 <= len(s) <= 60, (t["file"], s)


@pytest.mark.skipif(not corpora.NEWS_DIR.is_dir(), reason="news-sites pages are only in shared/corpora")
@pytest.mark.parametrize("truth", TRUTH, ids=[t["file"] for t in TRUTH])
def test_news_truth_in_page(truth):
    page = visible_text((corpora.NEWS_DIR / truth["file"]).read_text(encoding="utf-8"))
    flat = squash(page)
    for s in [truth["title"], truth["first"], truth["last"], *truth["keep"], *truth["drop"]]:
        assert squash(s) in flat, s
    # the main text runs from `first` to `last`; what must go lies outside it, what must stay inside
    start = flat.find(squash(truth["first"]))
    end = flat.rfind(squash(truth["last"])) + len(squash(truth["last"]))
    assert start < end
    body = flat[start:end]
    for s in truth["keep"]:
        assert squash(s) in body, s
    for s in truth["drop"]:
        assert squash(s) not in body, s


def test_seed_glossary_truth_in_seed():
    truth = corpora.glossary_truth()
    assert len(truth["entries"]) == 46
    raw = (corpora.ROOT / "content" / "sources" / truth["source"]).read_text(encoding="utf-8")
    for e in truth["entries"]:
        assert f"{e['number']}、{e['term']}" in raw, e
