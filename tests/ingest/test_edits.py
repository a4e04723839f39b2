from archivegen.ingest.edits import OffsetMap, Pass, apply_edits, edit, replay


def test_apply_and_replay_round_trip():
    text = "人(ren)民城市，习大大总书记"
    e1 = edit(text, 1, 6, "", "pinyin")
    step1 = apply_edits(text, [e1])
    assert step1 == "人民城市，习大大总书记"
    e2 = edit(step1, 5, 8, "习近平", "substitution")
    passes = (Pass("pinyin", "拼音", "删除", (e1,)), Pass("sub", "替换", "恢复", (e2,)))
    assert replay(text, passes) == "人民城市，习近平总书记"


def test_apply_rejects_overlaps_and_stale_edits():
    text = "abcdef"
    import pytest

    with pytest.raises(ValueError):
        apply_edits(text, [edit(text, 0, 3, "", "x"), edit(text, 2, 4, "", "y")])
    stale = edit("zzzzzz", 0, 2, "", "x")
    with pytest.raises(ValueError):
        apply_edits(text, [stale])


def test_offset_map_forward_and_backward():
    text = "0123456789"
    edits = (edit(text, 2, 4, "", "del"), edit(text, 6, 7, "XYZ", "rep"))
    out = apply_edits(text, edits)
    assert out == "0145XYZ789"
    m = OffsetMap(edits)
    assert m.forward(0) == 0 and m.forward(5) == 3 and m.forward(8) == 8
    assert out[m.forward(9)] == "9"
    for pos in (0, 1, 2, 3, 7, 8, 9):
        assert text[m.backward(pos)] == out[pos] or out[pos] in "XYZ"


def test_forward_all_is_forward_of_each_position():
    """OffsetMap.forward_all (one merge of sorted positions with the edits) gives what
    forward() gives each position: on the seeds' own passes, and on random edits with
    insertions, removals and replacements side by side."""
    import random

    from archivegen.ingest.run import process_source
    from tests.conftest import seed_files

    cases = []
    for path in seed_files():
        sp = process_source(path.name, path.read_bytes())
        for p in sp.cleaned.passes:
            cases.append((p.edits, sorted({e.start for q in sp.cleaned.passes for e in q.edits} | {0, 5, 10 ** 6})))
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice("甲乙丙\n ab") for _ in range(rng.randint(0, 60)))
        edits, at = [], 0
        while at <= len(text) and rng.random() < 0.8:
            start = at + rng.randint(0, 4)
            end = min(len(text), start + rng.choice([0, 0, 1, 2, 5]))
            if start > len(text):
                break
            edits.append(edit(text, start, end, rng.choice(["", "x", "全角"]), "r"))
            at = end                        # the next may start where this one ends
        positions = sorted(rng.randint(0, len(text) + 2) for _ in range(rng.randint(0, 40)))
        cases.append((tuple(edits), positions))
    for edits, positions in cases:
        m = OffsetMap(edits)
        assert m.forward_all(positions) == [m.forward(p) for p in positions], (edits, positions)
    assert sum(len(p) > 8 * len(e) for e, p in cases) > 100      # the merge itself was tried


def test_owners_and_summaries_at_once_are_the_one_by_one_answers():
    """run._owners (bisection over the documents), run.edit_summaries and
    SourcePlan.facts_by_document (one walk over the edits or facts) give what _owner and the
    one-document definitions give position by position and document by document: on the seeds (a compilation of 34 terms among them) and on random segments
    with gaps, empty segments and positions before, between and after them."""
    import random

    from archivegen.contract import EditCount
    from archivegen.ingest.run import _owner, _owners, edit_summaries, process_source
    from archivegen.ingest.split import Segment
    from tests.conftest import seed_files

    def one_document(passes, owners, who):          # the definition: this document's edits, rule by rule
        out = []
        for p, own in zip(passes, owners):
            mine = [e for e, o in zip(p.edits, own) if o == who]
            if mine:
                out.append(EditCount(rule=p.rule, label=p.label, action=p.action, count=len(mine),
                                     reasons=sorted({e.reason for e in mine})))
        return out

    documents = found = 0
    for path in seed_files():
        sp = process_source(path.name, path.read_bytes())
        every = edit_summaries(sp.cleaned.passes, sp.edit_owners)
        for who in [None, *range(len(sp.segments))]:
            assert every.get(who, []) == one_document(sp.cleaned.passes, sp.edit_owners, who)
            documents += bool(every.get(who))
        assert set(every) <= {None, *range(len(sp.segments))}
        facts = sp.facts_by_document()
        for who in [None, *range(len(sp.segments))]:
            assert facts.get(who, []) == [f for p, own in zip(sp.cleaned.passes, sp.fact_owners)
                                          for f, o in zip(p.facts, own) if o == who]
        found += sum(map(len, facts.values()))
    assert documents >= 8 and found >= 15                # datelines, titles, the table of contents …
    rng = random.Random(11)
    for _ in range(500):
        segments, at = [], rng.randint(0, 5)
        for _ in range(rng.randint(1, 8)):
            start = at + rng.choice([0, 0, 1, 3])
            end = start + rng.choice([0, 1, 2, 7])
            segments.append(Segment(start, end, (), start, "article"))
            at = end
        positions = sorted(rng.randint(0, at + 3) for _ in range(30))
        for comp in (True, False):
            assert _owners(positions, segments, comp) == [_owner(x, segments, comp) for x in positions]
