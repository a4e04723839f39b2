"""Property of the whole clean stage, on every real file there is: the seeds, the corpora
(govcn-policies, news-sites, newscn-speeches, cctv) and every text-dump variant of them.

Rules run one after another, each on the text the one before left, so every pair of rules
meets on these files. For every rule and every file: what the rule finds is a set of edits
that fit its text (each names the text it replaces) and never overlap, except removals that
touch (two furniture lines sharing a newline, which the stage joins into one); the stage
never raises; and replaying the recorded passes on the decoded text gives the cleaned text.
Without shared/corpora the committed samples stand in (govcn-sample with its dumps,
cctv-sample, the seeds).
"""

from __future__ import annotations

import pytest

from archivegen.ingest.clean import RULES, Context
from archivegen.ingest.decode import decode_bytes
from archivegen.ingest.edits import Edit, Pass, apply_edits, reconcile, replay
from tests.conftest import seed_files
from tests.eval import corpora
from tests.eval.dumps import govcn_variants, news_variants, read_dumps


def _files(name: str) -> list[tuple[str, bytes]]:
    if name == "seeds":
        return [(p.name, p.read_bytes()) for p in seed_files()]
    if name == "govcn":
        return [(p.name, p.data) for p in corpora.govcn_pages()]
    if name == "news":
        return [(p.file, (corpora.NEWS_DIR / p.file).read_bytes()) for p in _all_news()]
    if name == "speeches":
        return [corpora.speech_file(i, item) for i, item in enumerate(corpora.speeches())]
    if name == "cctv":
        return [(p.name, p.read_bytes()) for p in corpora.cctv_files()]
    if name == "dumps":
        if corpora.full():
            items = govcn_variants(corpora.govcn_pages()) + news_variants(corpora.news_pages())
        else:
            items = read_dumps(corpora.GOVCN_SAMPLE / "dumps", corpora.govcn_pages())
        return [(v.name, v.data) for v in items]
    raise KeyError(name)


class _Page:
    def __init__(self, file):
        self.file = file


def _all_news() -> list[_Page]:
    """Every saved page of news-sites (not only those with a reference)."""
    if not corpora.NEWS_DIR.is_dir():
        return []
    return [_Page(str(p.relative_to(corpora.NEWS_DIR))) for p in sorted(corpora.NEWS_DIR.rglob("*.htm*"))]


def _check(name: str, data: bytes) -> list[str]:
    try:
        decoded = decode_bytes(data)
    except ValueError:
        return []                                  # refused at decoding: never reaches cleaning
    ctx = Context(decoded)
    text = decoded.text
    passes = []
    problems = []
    for rule in RULES:
        found = [x for x in rule.find(text, ctx) if isinstance(x, Edit)]
        for e in found:
            if not (0 <= e.start <= e.end <= len(text)) or text[e.start:e.end] != e.old:
                problems.append(f"{name}: {rule.name} edit at {e.start} does not fit its text")
        ordered = sorted(found, key=lambda e: (e.start, e.end))
        for a, b in zip(ordered, ordered[1:]):
            if b.start < a.end and not (a.new == "" and b.new == ""):
                problems.append(f"{name}: {rule.name} edits overlap at {b.start}: {a.old[:20]!r} / {b.old[:20]!r}")
        edits = reconcile(text, found)             # what the stage does with them (clean.run_rule)
        passes.append(Pass(rule.name, rule.label, rule.action, edits))
        text = apply_edits(text, edits)
    if replay(decoded.text, passes) != text:
        problems.append(f"{name}: replaying the passes does not give the cleaned text")
    return problems


@pytest.mark.parametrize("corpus", ["seeds", "govcn", "news", "speeches", "cctv", "dumps"])
def test_every_rule_on_every_file(corpus):
    files = _files(corpus)
    if not files:
        pytest.skip(f"{corpus}: only in shared/corpora (its license forbids copying it here)")
    problems = [p for name, data in files for p in _check(name, data)]
    assert not problems, "\n".join(problems[:20])
