"""Topic phrases computed by worker processes are the ones one process computes."""

from pathlib import Path

from archivegen import site
from archivegen.site import parallel
from archivegen.site.links import plain_texts
from archivegen.site.load import load_archive
from tests.conftest import ROOT


def test_workers_give_the_same_phrases_in_the_same_order(monkeypatch):
    archive = load_archive(ROOT / "content")
    texts = plain_texts(archive)
    jobs = [(texts[d.id], frozenset(archive.topic_stopwords)) for d in archive.documents] * 3
    serial = parallel.topic_phrases(jobs, min_documents=10**9)
    monkeypatch.setattr(parallel, "cpus", lambda: 2)
    pooled = parallel.topic_phrases(jobs, min_documents=1)
    assert parallel.last_workers == 2              # two worker processes did the work
    assert pooled == serial
    assert sum(len(p) for p in serial) > 0


def test_a_build_with_workers_equals_one_without(tmp_path, monkeypatch):
    info = site.SiteInfo(url="https://archive.example.org/")
    monkeypatch.setattr(parallel, "cpus", lambda: 1)
    site.build(ROOT / "content", tmp_path / "one", info)
    assert parallel.last_workers == 0                  # one CPU: every phrase computed here
    monkeypatch.setattr(parallel, "MIN_DOCUMENTS", 1)
    monkeypatch.setattr(parallel, "cpus", lambda: 2)
    site.build(ROOT / "content", tmp_path / "two", info)
    assert parallel.last_workers == 2
    tree = lambda d: {p.relative_to(d).as_posix(): p.read_bytes() for p in sorted(Path(d).rglob("*")) if p.is_file()}
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_a_rebuilds_few_phrases_are_computed_by_one_worker_beside_the_build(tmp_path, monkeypatch):
    """With two CPUs, an edited document's phrases are segmented in a worker started before
    annotation and linking: this process never runs jieba for them."""
    import shutil

    info = site.SiteInfo(url="https://archive.example.org/")
    content, cache = tmp_path / "content", tmp_path / "cache"
    shutil.copytree(ROOT / "content", content)
    site.build(content, tmp_path / "first", info, cache)
    doc = sorted((content / "documents").rglob("*.md"))[0]
    doc.write_text(doc.read_text("utf-8") + "\n城市数字化转型城市数字化转型继续推进。\n", "utf-8")
    here = []
    real = parallel._phrases
    monkeypatch.setattr(parallel, "_phrases", lambda job: here.append(1) or real(job))
    monkeypatch.setattr(parallel, "cpus", lambda: 2)
    site.build(content, tmp_path / "warm", info, cache)
    assert parallel.last_workers == 1 and here == []
    monkeypatch.setattr(parallel, "cpus", lambda: 1)
    site.build(content, tmp_path / "fresh", info)
    assert here                                        # (one CPU: computed here)
    tree = lambda d: {p.relative_to(d).as_posix(): p.read_bytes() for p in sorted(Path(d).rglob("*")) if p.is_file()}
    assert tree(tmp_path / "warm") == tree(tmp_path / "fresh")


def test_related_documents_scored_by_workers_are_the_ones_one_process_finds(monkeypatch):
    from archivegen.site import related

    texts = plain_texts(load_archive(ROOT / "content"))
    # many documents of real text: every 600 characters of the seed documents
    chunks = {f"{doc_id}-{n:03d}": text[at:at + 600]
              for doc_id, text in texts.items() for n, at in enumerate(range(0, len(text), 600))}
    assert len(chunks) > 100
    monkeypatch.setattr(related, "RELATED_IN_WORKERS_FROM", 10**9)
    serial = related.related_documents(chunks)
    assert parallel.last_workers == 0
    monkeypatch.setattr(related, "RELATED_IN_WORKERS_FROM", 1)
    monkeypatch.setattr(parallel, "cpus", lambda: 2)
    pooled = related.related_documents(chunks)
    assert parallel.last_workers == 2
    assert pooled == serial
    assert sum(len(v) for v in serial.values()) > len(chunks)       # most chunks have related ones


def never_done(_common, jobs):
    """A worker's function that outlives any test (the workers below are stopped)."""
    import time

    time.sleep(600)
    return jobs


def test_how_many_workers_start(monkeypatch):
    # as many as CPUs from min_jobs jobs, at most `most`; `beside`: one even for a few jobs,
    # on two CPUs or more; one CPU: none (every answer computed here)
    def count(cpus, jobs, min_jobs, beside=False, most=parallel.MAX_WORKERS):
        monkeypatch.setattr(parallel, "cpus", lambda: cpus)
        started = parallel.Started.start("tests.site.test_parallel:squares", None, list(range(jobs)), min_jobs,
                                         beside=beside, most=most)
        answers = started.answers()
        assert answers == [i * i for i in range(jobs)]
        return len(started.procs)

    assert count(4, 8, 1) == min(4, parallel.MAX_WORKERS)
    assert count(4, 8, 1, most=1) == 0
    assert count(4, 8, 1, beside=True, most=1) == 1     # the edit-log pages' one worker
    assert count(4, 3, 5) == 0
    assert count(4, 3, 5, beside=True) == 1
    assert count(1, 8, 1, beside=True) == 0
    assert count(2, 0, 1, beside=True) == 0


def squares(_common, jobs: list[int]) -> list[int]:
    return [i * i for i in jobs]


def test_workers_not_read_are_stopped_when_the_build_fails(tmp_path, monkeypatch):
    import pytest

    from archivegen.site import run

    monkeypatch.setattr(parallel, "cpus", lambda: 2)
    started = parallel.Started.start("tests.site.test_parallel:never_done", None, [1, 2, 3, 4], 1)
    procs = [proc for proc, _ in filter(None, started.procs)]
    assert len(procs) == 2 and all(proc.poll() is None for proc in procs)
    parallel.stop_unread()
    assert all(proc.poll() is not None for proc in procs) and parallel._unread == []
    assert started.shares == [] and all(p is None for p in started.procs)

    # a build that fails after starting its topic-phrase workers stops them
    seen = []
    real = run.topic_phrases_started
    monkeypatch.setattr(run, "topic_phrases_started", lambda jobs: seen.append(real(jobs)) or seen[-1])

    def broken(*args, **kwargs):
        raise RuntimeError("linking failed")

    monkeypatch.setattr(run, "build_links", broken)
    with pytest.raises(RuntimeError, match="linking failed"):
        site.build(ROOT / "content", tmp_path / "site", site.SiteInfo(url="https://archive.example.org/"))
    procs = [proc for proc, _ in filter(None, seen[0].procs)] if seen else []
    assert seen and seen[0].shares == [] and parallel._unread == []
    assert all(proc.poll() is not None for proc in procs)
