"""The cache kept between builds: a warm build is byte for byte the cold one, an edited
document is computed again, a damaged or foreign cache is ignored."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from archivegen import site
from archivegen.site import cache as cache_mod
from archivegen.site import parallel
from tests.conftest import ROOT

INFO = site.SiteInfo(url="https://archive.example.org/")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    return content


def test_a_warm_build_is_the_cold_build_and_reads_the_cache(tmp_path, monkeypatch):
    content, cache = _content(tmp_path), tmp_path / "cache"
    site.build(content, tmp_path / "nocache", INFO)
    site.build(content, tmp_path / "cold", INFO, cache)
    (stage_file,) = cache.glob("topic-phrases-*.json")
    answers = json.loads(stage_file.read_text("utf-8"))
    assert len(answers) == 11                            # one per document of the seed archive

    computed = []
    real = parallel._phrases
    monkeypatch.setattr(parallel, "_phrases", lambda job: computed.append(1) or real(job))
    site.build(content, tmp_path / "warm", INFO, cache)
    assert computed == []                                # every answer came from the cache
    assert _tree(tmp_path / "warm") == _tree(tmp_path / "cold") == _tree(tmp_path / "nocache")


def test_an_edited_document_is_computed_again_and_the_rest_is_not(tmp_path, monkeypatch):
    content, cache = _content(tmp_path), tmp_path / "cache"
    site.build(content, tmp_path / "first", INFO, cache)
    doc = sorted((content / "documents").rglob("*.md"))[0]
    doc.write_text(doc.read_text("utf-8") + "\n城市数字化转型城市数字化转型继续推进。\n", "utf-8")

    computed = []
    real = parallel._phrases
    monkeypatch.setattr(parallel, "_phrases", lambda job: computed.append(job[0]) or real(job))
    monkeypatch.setattr(parallel, "cpus", lambda: 1)     # computed in this process, where they are counted
    site.build(content, tmp_path / "warm", INFO, cache)
    assert len(computed) == 1 and "城市数字化转型城市数字化转型" in computed[0]
    monkeypatch.setattr(parallel, "_phrases", real)
    site.build(content, tmp_path / "fresh", INFO)
    assert _tree(tmp_path / "warm") == _tree(tmp_path / "fresh")
    # the file holds only what the last build used: the edited document's old answer is gone
    (stage_file,) = cache.glob("topic-phrases-*.json")
    assert len(json.loads(stage_file.read_text("utf-8"))) == 11


def test_topics_are_kept_while_the_vocabulary_is_the_same(tmp_path, monkeypatch):
    content, cache = _content(tmp_path), tmp_path / "cache"
    site.build(content, tmp_path / "cold", INFO, cache)
    matched = []
    real = site.run.topics_of
    monkeypatch.setattr(site.run, "topics_of", lambda text, vocabulary: matched.append(1) or real(text, vocabulary))

    # a title edited: the texts, so the vocabulary, are as they were; no text is matched again
    doc = sorted((content / "documents").rglob("*.md"))[0]
    source = doc.read_text("utf-8")
    doc.write_text(source.replace("\ntitle: ", "\ntitle: 修订：", 1), "utf-8")
    site.build(content, tmp_path / "warm", INFO, cache)
    assert matched == []
    site.build(content, tmp_path / "fresh", INFO)
    assert _tree(tmp_path / "warm") == _tree(tmp_path / "fresh")

    # a new topic in the vocabulary: every document is matched again, as without a cache
    curated = site.run.curated_topics()
    assert "高质量发展" not in curated
    monkeypatch.setattr(site.run, "curated_topics", lambda: {**curated, "高质量发展": ()})
    matched.clear()                                     # (the build without a cache matched them)
    site.build(content, tmp_path / "warm2", INFO, cache)
    assert len(matched) == 11
    site.build(content, tmp_path / "fresh2", INFO)
    assert _tree(tmp_path / "warm2") == _tree(tmp_path / "fresh2")
    assert _tree(tmp_path / "warm2") != _tree(tmp_path / "warm")        # the new topic is a tag somewhere


def test_a_damaged_cache_is_ignored_and_replaced(tmp_path):
    content, cache = _content(tmp_path), tmp_path / "cache"
    site.build(content, tmp_path / "cold", INFO, cache)
    (stage_file,) = cache.glob("topic-phrases-*.json")
    stage_file.write_text('{"not": "json', "utf-8")
    site.build(content, tmp_path / "again", INFO, cache)
    assert _tree(tmp_path / "again") == _tree(tmp_path / "cold")
    assert len(json.loads(stage_file.read_text("utf-8"))) == 11


def test_another_code_version_never_reads_old_answers(tmp_path, monkeypatch):
    content, cache = _content(tmp_path), tmp_path / "cache"
    site.build(content, tmp_path / "cold", INFO, cache)
    (old,) = cache.glob("topic-phrases-*.json")
    monkeypatch.setattr(cache_mod, "code_fingerprint", lambda: "0123456789abcdef")
    computed = []
    real = parallel._phrases
    monkeypatch.setattr(parallel, "_phrases", lambda job: computed.append(1) or real(job))
    monkeypatch.setattr(parallel, "cpus", lambda: 1)     # computed in this process, where they are counted
    site.build(content, tmp_path / "new", INFO, cache)
    assert len(computed) == 11
    assert [p.name for p in cache.glob("topic-phrases-*.json")] == ["topic-phrases-0123456789abcdef.json"]
    assert not old.exists()


def test_the_fingerprint_follows_the_code_and_data(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    (package / "data").mkdir(parents=True)
    (package / "tags.py").write_text("CANDIDATES = 8\n", "utf-8")
    (package / "data" / "topics.yaml").write_text("城市更新: []\n", "utf-8")
    monkeypatch.setattr(cache_mod, "PACKAGE", package)

    def fingerprint() -> str:
        cache_mod.code_fingerprint.cache_clear()
        return cache_mod.code_fingerprint()

    first = fingerprint()
    assert len(first) == 16 and fingerprint() == first
    (package / "tags.py").write_text("CANDIDATES = 9\n", "utf-8")
    second = fingerprint()
    (package / "data" / "topics.yaml").write_text("城市更新: [城市有机更新]\n", "utf-8")
    assert len({first, second, fingerprint()}) == 3
    cache_mod.code_fingerprint.cache_clear()


def test_edit_log_pages_come_from_the_cache_until_a_document_they_list_changes(tmp_path, monkeypatch):
    from archivegen.site import run

    content, cache = _content(tmp_path), tmp_path / "cache"
    site.build(content, tmp_path / "cold", INFO, cache)
    (stage_folder,) = cache.glob("edit-log-pages-*")
    assert len(list(stage_folder.glob("*.json"))) == 5      # one per raw file of the seeds

    rendered = []
    real = run.log_page
    monkeypatch.setattr(run, "log_page", lambda page, *rest: rendered.append(page) or real(page, *rest))
    site.build(content, tmp_path / "warm", INFO, cache)
    assert rendered == []
    assert _tree(tmp_path / "warm") == _tree(tmp_path / "cold")

    # a document's new title is shown on the log page of its raw file, and only that page is redone
    doc = next(p for p in sorted((content / "documents").rglob("*.md")) if "\ntitle: " in p.read_text("utf-8"))
    text = doc.read_text("utf-8")
    old_title = next(line for line in text.splitlines() if line.startswith("title: "))
    doc.write_text(text.replace(old_title, "title: 改过的标题", 1), "utf-8")
    site.build(content, tmp_path / "edited", INFO, cache)
    assert len(rendered) == 1
    assert "改过的标题" in (tmp_path / "edited" / rendered[0]).read_text("utf-8")
    assert len(list(stage_folder.glob("*"))) == 5           # the page it replaced is gone
    monkeypatch.setattr(run, "log_page", real)
    site.build(content, tmp_path / "fresh", INFO)
    assert _tree(tmp_path / "edited") == _tree(tmp_path / "fresh")


def test_a_worker_makes_the_log_pages_a_cold_build_lacks_and_they_are_the_same(tmp_path, monkeypatch):
    """With enough log pages to make (here: one) and two CPUs, a worker makes them into the
    cache and the build reads them from there: it makes none itself, and build/ is the
    same as when it makes them all."""
    from archivegen.site import run

    content = _content(tmp_path)
    site.build(content, tmp_path / "here", INFO, tmp_path / "cache-here")
    monkeypatch.setattr(run, "MIN_LOG_PAGES", 1)
    monkeypatch.setattr(run, "cpus", lambda: 2)
    made_here = []
    real = run.log_page
    monkeypatch.setattr(run, "log_page", lambda page, *rest: made_here.append(page) or real(page, *rest))
    site.build(content, tmp_path / "worker", INFO, tmp_path / "cache-worker")
    assert made_here == [] and parallel.last_workers == 1
    assert _tree(tmp_path / "worker") == _tree(tmp_path / "here")
    (kept,) = (tmp_path / "cache-worker").glob("edit-log-pages-*")
    assert len(list(kept.glob("*.json"))) == 5

    # a log the worker cannot read is left to the build, which names it
    shutil.rmtree(kept)
    log = sorted((content / "sources").glob("*.edits.json"))[0]
    log.write_bytes(log.read_bytes()[:200])
    with pytest.raises(site.ContentError, match="not a readable edit log"):
        site.build(content, tmp_path / "broken", INFO, tmp_path / "cache-worker")
    assert parallel.last_workers == 1            # the worker ran, and left that page to the build


def test_a_warm_build_reads_no_edit_log_and_a_damaged_one_still_fails_it(tmp_path, monkeypatch):
    from archivegen.site import load, run

    content, cache = _content(tmp_path), tmp_path / "cache"
    site.build(content, tmp_path / "cold", INFO, cache)
    read = []
    real = load.read_edit_log
    monkeypatch.setattr(run, "read_edit_log", lambda archive, rel: read.append(rel) or real(archive, rel))
    site.build(content, tmp_path / "warm", INFO, cache)
    assert read == []                           # every log page came from the cache, unread

    # a log cut short is not in the cache (its bytes changed): the build reads it and names it
    log = sorted((content / "sources").glob("*.edits.json"))[0]
    log.write_bytes(log.read_bytes()[:200])
    try:
        site.build(content, tmp_path / "broken", INFO, cache)
    except site.ContentError as exc:
        assert str(exc).startswith(f"{log}: not a readable edit log (JSON)")
    else:
        raise AssertionError("a damaged edit log was published")
    assert len(read) == 1


def test_an_edit_log_of_another_file_is_refused_even_when_its_page_was_cached(tmp_path):
    content, cache = _content(tmp_path), tmp_path / "cache"
    site.build(content, tmp_path / "cold", INFO, cache)
    raw = next(p for p in sorted((content / "sources").iterdir()) if (content / "sources" / f"{p.name}.edits.json").exists())
    other = next(p for p in sorted((content / "sources").iterdir())
                 if p != raw and (content / "sources" / f"{p.name}.edits.json").exists())
    (content / "sources" / f"{raw.name}.edits.json").write_bytes((content / "sources" / f"{other.name}.edits.json").read_bytes())
    try:
        site.build(content, tmp_path / "swapped", INFO, cache)
    except site.ContentError as exc:
        assert "this log records another file than" in str(exc) and f"{raw.name}.edits.json" in str(exc)
    else:
        raise AssertionError("a log of another raw file was published")


def test_an_entry_cache_holds_one_file_per_answer_and_survives_damage(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_mod, "code_fingerprint", lambda: "0123456789abcdef")
    (tmp_path / "pages-fedcba9876543210").mkdir()                 # another version's answers
    (tmp_path / "pages-fedcba9876543210" / "x.json").write_text("[]", "utf-8")
    first = cache_mod.EntryCache(tmp_path, "pages")
    assert first.get("a", lambda: ["页面甲", {}]) == ["页面甲", {}]
    assert first.get("b", lambda: ["页面乙", {}]) == ["页面乙", {}]
    first.save()
    folder = tmp_path / "pages-0123456789abcdef"
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]
    assert sorted(p.name for p in folder.iterdir()) == ["a.json", "b.json"]

    (folder / "a.json").write_text('["cut sh', "utf-8")           # damaged: computed again
    again = cache_mod.EntryCache(tmp_path, "pages")
    assert again.get("a", lambda: ["重算", {}]) == ["重算", {}]
    assert again.get("c", lambda: ["\ud800", {}]) == ["\ud800", {}]   # cannot be written: still answered
    again.save()
    assert (again.hits, again.misses) == (0, 2)
    assert sorted(p.name for p in folder.iterdir()) == ["a.json"]    # b unused, c never written
    assert cache_mod.EntryCache(tmp_path, "pages").get("a", lambda: None) == ["重算", {}]


def test_front_matter_is_read_from_the_cache_until_a_file_changes(tmp_path, monkeypatch):
    """Each file's typed front matter is kept by its YAML text: a warm load reads no YAML,
    gives the same archive, and an edit to one file's front matter reads that file only."""
    import pickle

    from archivegen.contract import read as read_mod
    from archivegen.site.load import load_archive

    content, cache = _content(tmp_path), tmp_path / "cache"
    cold = load_archive(content, cache)
    (stage_file,) = cache.glob("front-matter-*.pickle")
    kept = pickle.loads(stage_file.read_bytes())
    assert len(kept) == len(cold.documents) + len(cold.glossary) + len(cold.compilations)

    parsed = []
    real = read_mod.load_front
    monkeypatch.setattr(read_mod, "load_front", lambda text, path: parsed.append(path) or real(text, path))
    warm = load_archive(content, cache)
    assert parsed == []
    assert [d.meta for d in warm.documents] == [d.meta for d in cold.documents]
    assert [(d.body, d.rel) for d in warm.documents] == [(d.body, d.rel) for d in cold.documents]
    assert [g.meta for g in warm.glossary] == [g.meta for g in cold.glossary]

    # what a build does with the front matter it was given never changes what is kept
    warm.documents[0].meta.tags.append("加上的标签")
    assert load_archive(content, cache).documents[0].meta.tags == cold.documents[0].meta.tags

    doc = warm.documents[1].path
    doc.write_text(doc.read_text("utf-8").replace("\ntitle: ", "\ntitle: 新", 1), "utf-8")
    edited = load_archive(content, cache)
    assert parsed == [doc]
    assert edited.documents[1].meta.title == "新" + cold.documents[1].meta.title


def test_a_damaged_front_matter_cache_is_ignored_and_bad_front_matter_still_fails(tmp_path):
    from archivegen.site.load import ContentError, load_archive

    content, cache = _content(tmp_path), tmp_path / "cache"
    cold = load_archive(content, cache)
    (stage_file,) = cache.glob("front-matter-*.pickle")
    stage_file.write_bytes(stage_file.read_bytes()[:100])          # cut short
    assert [d.meta for d in load_archive(content, cache).documents] == [d.meta for d in cold.documents]

    doc = cold.documents[0].path
    doc.write_text(doc.read_text("utf-8").replace("\nyear: ", "\nyear: 第", 1), "utf-8")
    try:
        load_archive(content, cache)
    except ContentError as exc:
        assert str(exc).startswith(f"{doc}:") and "year" in str(exc)
    else:
        raise AssertionError("a bad year was read from the cache")


def test_related_documents_are_kept_and_brought_up_to_date_after_an_edit(tmp_path, monkeypatch):
    from archivegen.site import links, related

    content, cache = _content(tmp_path), tmp_path / "cache"
    site.build(content, tmp_path / "first", INFO, cache)
    full, scored = [], []
    real_similarity, real_best = related.similarity, related._best
    monkeypatch.setattr(related, "similarity", lambda texts, *a: full.append(1) or real_similarity(texts, *a))
    monkeypatch.setattr(related, "_best", lambda i, *a: scored.append(i) or real_best(i, *a))

    # the end of a report longer than the opening similarity reads: nothing is scored
    report = content / "documents" / "pudong" / "2024-pudong-zheng-fu-gong-zuo-bao-gao.md"
    assert len(links.plain_texts(site.load_archive(content))["2024-pudong-zheng-fu-gong-zuo-bao-gao"]) \
        > related.SIMILARITY_TEXT_CHARS
    report.write_text(report.read_text("utf-8") + "\n全面推进城市数字化转型，这是编辑测试加上的句子。\n", "utf-8")
    site.build(content, tmp_path / "warm", INFO, cache)
    assert full == [] and scored == []
    site.build(content, tmp_path / "fresh", INFO)
    assert _tree(tmp_path / "warm") == _tree(tmp_path / "fresh")

    # a sentence in a document's first paragraph: brought up to date, the same as without a cache
    doc = sorted((content / "documents").rglob("*.md"))[0]
    source = doc.read_text("utf-8")
    end = source.index("。", source.index("\n---\n", 4) + 5) + 1
    doc.write_text(source[:end] + "浦东新区城市数字化转型继续推进。" + source[end:], "utf-8")
    full.clear()
    scored.clear()                                      # (the build without a cache computed it)
    site.build(content, tmp_path / "warm2", INFO, cache)
    assert full == [] and 0 < len(scored) < 11          # of the 11 documents, the ones the edit reaches
    site.build(content, tmp_path / "fresh2", INFO)
    assert _tree(tmp_path / "warm2") == _tree(tmp_path / "fresh2")
    assert len(list(cache.glob("related-documents-*"))) == 1             # one kept state


def test_raw_files_and_their_copies_in_build_are_not_read_again_until_something_changes(tmp_path, monkeypatch):
    from archivegen.site import emit

    content, build, cache = _content(tmp_path), tmp_path / "build", tmp_path / "cache"
    first = site.build(content, build, INFO, cache)
    expected = _tree(build)
    assert expected == _tree(site.build(content, tmp_path / "plain", INFO).site and tmp_path / "plain")
    made_now = site.run.build_site(site.load_archive(content), INFO).pages      # what build() put, as a dict
    derived = [rel for rel, v in made_now.items() if isinstance(v, emit.Derived)]
    assert len(derived) >= 10 and all(made_now[r].version for r in derived) and len(first.site.pages) == len(made_now)

    made = []
    real = emit.Derived.data
    monkeypatch.setattr(emit.Derived, "data", lambda self: made.append(1) or real(self))
    again = site.build(content, build, INFO, cache)
    assert made == [] and again.written == 0 and _tree(build) == expected

    # a file of build/ changed since it was written is compared, and written again
    copy = next(build / r for r in derived if r.endswith(".utf-8.txt"))
    copy.write_bytes(copy.read_bytes() + b"\n")
    third = site.build(content, build, INFO, cache)
    assert third.written == 1 and len(made) == 1 and _tree(build) == expected
    # another version of what a file is made from (here: of the code) makes every one again
    monkeypatch.setattr(site.run, "code_fingerprint", lambda: "another version")
    made.clear()
    assert site.build(content, build, INFO, cache).written == 0 and len(made) == len(derived)
    # another build folder, or no record: compared byte for byte as before
    made.clear()
    site.build(content, tmp_path / "elsewhere", INFO, cache)
    assert len(made) == len(derived)
    (cache / site.run.BUILD_RECORD).write_text("not json", "utf-8")
    made.clear()
    assert site.build(content, build, INFO, cache).written == 0 and len(made) == len(derived)
    assert _tree(build) == expected


def test_source_digests_are_kept_and_a_file_written_again_is_hashed_again(tmp_path, monkeypatch):
    from archivegen.site import load

    content, cache = _content(tmp_path), tmp_path / "cache"
    cold = load.load_archive(content, cache).sources
    hashed = []
    real = load._digest
    monkeypatch.setattr(load, "_digest", lambda path: hashed.append(path.name) or real(path))
    assert load.load_archive(content, cache).sources == cold and hashed == []

    # one byte changed, its size and modification time put back: its change time differs
    raw = next(p for p in sorted((content / "sources").iterdir()) if not p.name.endswith(".edits.json"))
    st = raw.stat()
    data = bytearray(raw.read_bytes())
    data[100] ^= 1
    raw.write_bytes(bytes(data))
    os.utime(raw, ns=(st.st_atime_ns, st.st_mtime_ns))
    with pytest.raises(load.ContentError, match="has changed since it was imported"):
        load.load_archive(content, cache)
    assert hashed == [raw.name]
