"""The import command end to end: byte-for-byte sources, idempotence, hand edits kept,
bad input refused cleanly."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from tests.conftest import ROOT, run_cli, seed_files


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_reimporting_the_seeds_reproduces_the_committed_content(tmp_path):
    """The committed content/ is exactly what import makes of the seeds (so re-importing
    leaves `git status` clean)."""
    content = tmp_path / "content"
    result = run_cli("import", *[str(p) for p in seed_files()], "--content", str(content))
    assert result.returncode == 0, result.stderr
    assert "11 document(s)" in result.stdout
    committed = {k: v for k, v in _tree(ROOT / "content").items() if k != "people.yaml"}
    assert _tree(content) == committed


def test_sources_are_kept_byte_for_byte_with_their_sha256(tmp_path):
    content = tmp_path / "content"
    run_cli("import", str(seed_files()[0]), "--content", str(content))
    raw = seed_files()[0].read_bytes()
    assert (content / "sources" / seed_files()[0].name).read_bytes() == raw
    doc = next((content / "documents").rglob("*.md")).read_text(encoding="utf-8")
    assert hashlib.sha256(raw).hexdigest() in doc


def test_second_import_changes_nothing_and_hand_edits_survive(tmp_path):
    content = tmp_path / "content"
    seeds = [str(p) for p in seed_files()]
    run_cli("import", *seeds, "--content", str(content))
    before = _tree(content)
    again = run_cli("import", *seeds, "--content", str(content))
    assert again.returncode == 0
    assert _tree(content) == before
    assert "0 written" in again.stdout

    doc = sorted((content / "documents").rglob("*.md"))[0]
    edited = doc.read_text(encoding="utf-8").replace("\n\n", "\n\n编者补记：人工修订。\n\n", 1)
    doc.write_text(edited, encoding="utf-8")
    third = run_cli("import", *seeds, "--content", str(content))
    assert third.returncode == 0
    assert doc.read_text(encoding="utf-8") == edited
    assert "edited by hand" in third.stderr and doc.name in third.stderr


def test_a_bad_file_is_reported_and_the_others_are_imported(tmp_path):
    """A batch never sinks on one file: the bad one is named with its reason, the good one
    is imported, and the exit code says that something failed."""
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00")
    punctuation = tmp_path / "only-punctuation.txt"
    punctuation.write_text("。\n", encoding="utf-8")
    good = seed_files()[0]
    content = tmp_path / "content"
    result = run_cli("import", str(bad), str(punctuation), str(good), "--content", str(content))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"archivegen: error: {bad}: " in result.stderr
    assert f"archivegen: error: {punctuation}: " in result.stderr
    assert "2 file(s) not imported" in result.stdout
    assert sorted(p.name for p in (content / "sources").iterdir()) == [good.name, good.name + ".edits.json"]
    assert run_cli("check", "--content", str(content)).returncode == 0


def test_missing_path_is_a_clear_error(tmp_path):
    result = run_cli("import", str(tmp_path / "nope.txt"), "--content", str(tmp_path / "c"))
    assert result.returncode == 1 and "nope.txt" in result.stderr


def test_gb18030_utf16_and_html_files_import(tmp_path):
    text = seed_files()[2].read_text(encoding="utf-8")
    (tmp_path / "gb.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "u16.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-16"))
    html = ("<!DOCTYPE html><html><head><meta charset='gbk'><title>测试页面</title></head><body>"
            "<div class='nav'><a href='/'>首页</a> <a href='/news'>新闻</a></div>"
            "<div class='article'>" + "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip()) +
            "</div><div class='footer'>版权所有 © 某某网站</div></body></html>")
    (tmp_path / "page.html").write_bytes(html.encode("gbk", errors="ignore"))
    content = tmp_path / "content"
    for name in ("gb.txt", "u16.txt", "page.html"):
        result = run_cli("import", str(tmp_path / name), "--content", str(content / name))
        assert result.returncode == 0, result.stderr
        docs = list((content / name / "documents").rglob("*.md"))
        assert len(docs) == 1
        body = docs[0].read_text(encoding="utf-8").split("\n---\n", 1)[1]
        assert "区委书记薛侃" in body
        assert "(ren)" not in body and "习大大" not in body
        assert "版权所有" not in body and "首页" not in body


def test_help_on_every_command():
    for args in ((), ("import",), ("export",), ("check",)):
        result = run_cli(*args, "--help")
        assert result.returncode == 0 and "Usage" in result.stdout
