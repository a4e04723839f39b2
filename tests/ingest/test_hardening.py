"""Hostile, damaged and clashing input: nothing lost, nothing followed, nothing half-written,
and every problem named (file, reason) without a traceback."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archivegen.markdown_io import read
from tests.conftest import ROOT, SHARED, mkdocs_build, run_cli, seed_files

COMPILATION = next(p for p in seed_files() if p.name.startswith("004"))   # a report with 34 glossary terms
NEWS = next(p for p in seed_files() if p.name.startswith("003"))


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def test_two_files_of_one_name_in_one_batch_are_both_kept(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(COMPILATION, tmp_path / "a" / "report.txt")
    shutil.copy(NEWS, tmp_path / "b" / "report.txt")
    content = tmp_path / "content"
    result = _ok(run_cli("import", str(tmp_path / "a" / "report.txt"), str(tmp_path / "b" / "report.txt"),
                         "--content", str(content)))
    raw = {p.name: p.read_bytes() for p in (content / "sources").iterdir() if not p.name.endswith(".json")}
    assert sorted(raw.values()) == sorted([COMPILATION.read_bytes(), NEWS.read_bytes()])
    assert "imported as sources/report-" in result.stderr
    # every document cites the raw file it came from, byte for byte
    _ok(run_cli("check", "--content", str(content)))


def test_a_term_defined_again_is_a_second_entry(tmp_path):
    """A later report that defines a term already in the archive adds an entry; the first
    definition stays (the term page shows both)."""
    content = tmp_path / "content"
    _ok(run_cli("import", str(COMPILATION), "--content", str(content)))
    first = _tree(content / "glossary")
    later = tmp_path / "later-report.txt"
    later.write_text(COMPILATION.read_text(encoding="utf-8").replace("2024年", "2025年"), encoding="utf-8")
    result = _ok(run_cli("import", str(later), "--content", str(content)))
    after = _tree(content / "glossary")
    assert {k: after[k] for k in first} == first                     # nothing replaced
    assert len(after) == 2 * len(first)
    defined_in = {read(content / "glossary" / k)[0]["defined_in"] for k in after}
    assert len(defined_in) == 2 * len({read(content / "glossary" / k)[0]["defined_in"] for k in first})
    assert "0 kept" in result.stdout


def test_the_same_bytes_under_another_name_add_nothing(tmp_path):
    content = tmp_path / "content"
    _ok(run_cli("import", str(COMPILATION), "--content", str(content)))
    before = _tree(content)
    copy = tmp_path / "copy-of-the-report.txt"
    shutil.copy(COMPILATION, copy)
    result = _ok(run_cli("import", str(copy), "--content", str(content)))
    assert _tree(content) == before
    assert f"the same bytes as sources/{COMPILATION.name}" in result.stderr


def test_a_changed_source_byte_is_named_by_check_and_by_the_build(tmp_path):
    project = tmp_path
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    raw = project / "content" / "sources" / NEWS.name
    data = bytearray(raw.read_bytes())
    data[100] ^= 1
    raw.write_bytes(bytes(data))
    result = run_cli("check", "--content", str(project / "content"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"source.sha256: {raw} has changed since it was imported" in result.stderr
    (project / "build").mkdir()
    built = mkdocs_build(project)
    assert built.returncode != 0 and "Traceback" not in built.stderr
    assert f"{raw} has changed since it was imported" in built.stderr
    raw.unlink()
    result = run_cli("check", "--content", str(project / "content"))
    assert result.returncode == 1 and f"source.file: sources/{NEWS.name} is not in" in result.stderr


def test_a_damaged_edit_log_is_named_by_check(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    log = content / "sources" / f"{NEWS.name}.edits.json"
    log.write_text('{"passes": [{"rule": "x"}]}', "utf-8")
    result = run_cli("check", "--content", str(content))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{log}: not an edit log as import writes it" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX pipes and symlinks")
def test_links_pipes_and_missing_paths_are_reported_never_followed(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(NEWS, folder / "news.txt")
    secret = tmp_path / "secret.txt"
    secret.write_text("机密文件，不应被导入。\n" * 20, encoding="utf-8")
    (folder / "link.txt").symlink_to(secret)
    (folder / "linked-dir").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(folder / "pipe.txt")
    content = tmp_path / "content"
    result = run_cli("import", str(folder), str(tmp_path / "missing.txt"), "--content", str(content))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{folder / 'link.txt'}: is a symbolic link; not followed" in result.stderr
    assert f"{folder / 'linked-dir'}: is a symbolic link; not followed" in result.stderr
    assert f"{folder / 'pipe.txt'}: is not a regular file" in result.stderr
    assert f"{tmp_path / 'missing.txt'}: no such file or folder" in result.stderr
    names = sorted(p.name for p in (content / "sources").iterdir())
    assert names == ["news.txt", "news.txt.edits.json"]
    assert all("机密" not in p.read_text(encoding="utf-8", errors="replace") for p in content.rglob("*") if p.is_file())


def test_an_import_stopped_while_writing_leaves_the_old_or_the_new_content(tmp_path, monkeypatch):
    """Simulated crashes at every stage of writing: before the commit point the previous
    content/ stays; after it, the import is finished by the next check or import."""
    from archivegen import ingest
    from archivegen.contract import ContentError
    from archivegen.ingest import write as write_mod
    from archivegen.site import load_archive

    expected_dir = tmp_path / "expected"
    ingest.import_([NEWS], expected_dir)
    ingest.import_(seed_files(), expected_dir)
    expected = _tree(expected_dir)

    real_replace, real_open = os.replace, open
    for stage, at in [("staging", 3), ("staging", 40), ("moves", 1), ("moves", 25), ("moves", 10_000)]:
        content = tmp_path / f"content-{stage}-{at}"
        ingest.import_([NEWS], content)
        before = _tree(content)
        calls = {"n": 0}

        def crash_after(n, real):
            def wrapper(*a, **kw):
                calls["n"] += 1
                if calls["n"] > n:
                    raise KeyboardInterrupt("killed")
                return real(*a, **kw)
            return wrapper

        if stage == "staging":
            monkeypatch.setattr(write_mod, "open", crash_after(at, real_open), raising=False)
        else:
            monkeypatch.setattr(write_mod.os, "replace", crash_after(at, real_replace))
        try:
            ingest.import_(seed_files(), content)
        except KeyboardInterrupt:
            pass
        monkeypatch.undo()
        if calls["n"] > at:                      # it did stop: content/ says so until recovered
            with pytest.raises(ContentError, match="interrupted"):
                load_archive(content)
        _ok(run_cli("check", "--content", str(content)))
        state = {k: v for k, v in _tree(content).items()}
        assert state in (before, expected), (stage, at)
        if stage == "moves":
            assert state == expected             # past the commit point: finished


@pytest.mark.slow
def test_killing_a_real_import_never_leaves_a_broken_archive(tmp_path):
    """kill -9 at several moments of a real import of the news corpus sample: afterwards
    `check` finishes or forgets the import, and content/ is the old or the complete new one."""
    from tests.conftest import CORPUS

    pages = sorted(CORPUS.glob("*.html"))[:25]
    raw = tmp_path / "raw"
    raw.mkdir()
    for p in pages:
        shutil.copy(p, raw / p.name)
    expected_dir = tmp_path / "expected"
    _ok(run_cli("import", str(NEWS), "--content", str(expected_dir)))
    _ok(run_cli("import", str(raw), "--content", str(expected_dir)))
    expected = _tree(expected_dir)
    for delay in (0.5, 1.5, 3.0, 5.0):
        content = tmp_path / f"content-{delay}"
        _ok(run_cli("import", str(NEWS), "--content", str(content)))
        before = _tree(content)
        proc = subprocess.Popen([sys.executable, "-m", "archivegen.cli", "-q", "import", str(raw),
                                 "--content", str(content)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + delay
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        _ok(run_cli("check", "--content", str(content)))
        assert _tree(content) in (before, expected), delay


def test_bad_places_are_named_without_a_traceback(tmp_path):
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x", encoding="utf-8")
    for args in (("import", str(NEWS), "--content", str(a_file)),
                 ("check", "--content", str(a_file)),
                 ("check", "--content", str(tmp_path / "nowhere")),
                 ("export", "--json", "--content", str(a_file))):
        result = run_cli(*args)
        assert result.returncode == 1, args
        assert "Traceback" not in result.stderr and str(a_file.parent) in result.stderr, (args, result.stderr)
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    result = run_cli("export", "--json", "--content", str(content), "-o", str(tmp_path))
    assert result.returncode == 1 and "cannot write the export" in result.stderr and "Traceback" not in result.stderr
    (content / "people.yaml").unlink()
    (content / "people.yaml").mkdir()
    for args in (("check", "--content", str(content)), ("import", str(NEWS), "--content", str(content))):
        result = run_cli(*args)
        assert result.returncode == 1 and f"{content / 'people.yaml'}: is not a file" in result.stderr, args


def test_quiet_and_verbose_work_before_and_after_the_subcommand(tmp_path):
    content = tmp_path / "content"
    after = run_cli("import", "-v", str(NEWS), "--content", str(content))
    assert after.returncode == 0 and "wrote " in after.stderr
    before = run_cli("-v", "import", str(NEWS), "--content", str(tmp_path / "c2"))
    assert before.returncode == 0 and "wrote " in before.stderr
    quiet = run_cli("check", "--content", str(content), "-q")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""


def test_a_raw_file_named_like_markdown_is_just_a_raw_file(tmp_path):
    notes = tmp_path / "README.md"
    notes.write_text("# 说明\n\n本文件说明这批材料的来源和整理办法，供编辑参考。\n", encoding="utf-8")
    result = _ok(run_cli("import", str(notes), "--content", str(tmp_path / "content")))
    assert "1 document(s)" in result.stdout


def test_a_file_whose_planned_text_cannot_be_written_fails_alone(tmp_path, monkeypatch):
    """Every planned text is checked to encode as UTF-8 before anything is written: a text
    that cannot (half a surrogate pair) is that file's failure, and the batch goes on."""
    from archivegen import ingest
    from archivegen.ingest import run

    real = run.document_meta

    def half_a_pair(sp, *rest):            # one document of NEWS gets a body it cannot write
        meta, body = real(sp, *rest)
        return meta, body + ("\ud800" if sp.name == NEWS.name else "")

    monkeypatch.setattr(run, "document_meta", half_a_pair)
    content = tmp_path / "content"
    report = ingest.import_([NEWS, COMPILATION], content)
    assert [f.name for f in report.failures] == [str(NEWS)]
    assert "UnicodeEncodeError" in report.failures[0].reason
    assert sorted(p.name for p in (content / "sources").iterdir()) == [COMPILATION.name, f"{COMPILATION.name}.edits.json"]


def test_every_file_of_the_shared_corpora_imports_in_one_command(tmp_path):
    """All of shared/corpora (HTML pages of many sites, the truth and speech JSON files, the
    README) in one import: nothing crashes, no file fails, the batch's template-line counts
    (clean/templates.py) run over 600 files. About a minute on two cores."""
    corpora = SHARED / "corpora"
    if not corpora.is_dir():
        pytest.skip("shared/corpora is absent (it is not copied into the project)")
    files = [p for p in corpora.rglob("*") if p.is_file()]
    result = _ok(run_cli("import", str(corpora), "--content", str(tmp_path / "content")))
    said = result.stdout + result.stderr
    assert "archivegen: error" not in said and "not imported" not in said
    assert f"imported {len(files)} file(s)" in said
