"""A compilation's table of contents matched to its documents (ingest/run.toc_documents):
the first document not yet taken whose region the entry names, found with one automaton
pass per entry rather than a comparison with every document."""

from __future__ import annotations

import random

from archivegen.data.regions import regions
from archivegen.ingest.describe import Description
from archivegen.ingest.run import toc_documents


def _by_comparing_every_document(listed, descs):
    """The definition, entry by entry and document by document (what the import did before)."""
    table = regions()
    used, out = set(), []
    for entry in listed:
        match = None
        for i, d in enumerate(descs):
            region = table.get(d.region or "")
            names = [d.region or ""] + list(region.aliases if region else [])
            if i not in used and any(n and n in entry for n in names):
                match = i
                used.add(i)
                break
        out.append(match)
    return out


def test_the_seed_compilations_table_of_contents():
    listed = ["上海市政府工作报告", "浦东新区政府工作报告", "黄浦区政府工作报告", "静安区政府工作报告",
              "徐汇区政府工作报告", "附：名词解释"]
    descs = [Description(title=t, region=r) for t, r in
             [("上海", "上海市"), ("浦东", "浦东新区"), ("黄浦", "黄浦区"), ("静安", "静安区")]]
    assert toc_documents(listed, descs) == [0, 1, 2, 3, None, None]
    assert toc_documents(listed, descs) == _by_comparing_every_document(listed, descs)


def test_it_agrees_with_comparing_every_document():
    table = regions()
    names = sorted(table)
    rng = random.Random(7)
    for _ in range(300):
        pool = rng.sample(names, 6)
        descs = [Description(title="文", region=rng.choice(pool + [None])) for _ in range(rng.randint(0, 12))]
        listed = []
        for _ in range(rng.randint(0, 14)):
            picked = rng.sample(pool, rng.randint(0, 2))
            spelled = [rng.choice([n, *table[n].aliases]) for n in picked]
            listed.append("、".join(spelled) + rng.choice(["政府工作报告", "", "（节选）"]))
        assert toc_documents(listed, descs) == _by_comparing_every_document(listed, descs), (listed, descs)


def test_a_long_table_takes_each_document_once():
    table = regions()
    names = sorted(table)[:300]
    descs = [Description(title="文", region=names[i % len(names)]) for i in range(3000)]
    listed = [f"{names[i % len(names)]}政府工作报告" for i in range(3000)]
    got = toc_documents(listed, descs)
    assert got == list(range(3000))
