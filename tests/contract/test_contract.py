"""The content contract: every file of content/ reads into its type, and what does not fit
is refused with the file, the line and the key, by `archivegen check` and `mkdocs build`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from archivegen.contract import (CompilationMeta, ContentError, DocumentMeta, GlossaryMeta, read_markdown,
                                 schema_markdown, to_front_matter)
from archivegen.markdown_io import dump, read
from tests.conftest import ROOT, mkdocs_build, run_cli

CONTENT = ROOT / "content"
PUDONG = "documents/pudong/2024-pudong-zheng-fu-gong-zuo-bao-gao.md"


@pytest.mark.parametrize("folder,cls", [("documents", DocumentMeta), ("glossary", GlossaryMeta),
                                        ("compilations", CompilationMeta)])
def test_every_committed_file_round_trips_through_its_type(folder, cls):
    """Reading a file into its type and writing it back gives the same bytes: the type
    holds everything import wrote, in the order it wrote it."""
    paths = sorted((CONTENT / folder).rglob("*.md"))
    assert paths
    for path in paths:
        meta, body = read_markdown(path, cls)
        assert dump(to_front_matter(meta), body) == path.read_text(encoding="utf-8"), path.name


def _edit_front_matter(path: Path, change) -> None:
    meta, body = read(path)
    change(meta)
    path.write_text(dump(meta, body), encoding="utf-8")


BAD_FRONT_MATTER = [
    ("wrong type", lambda m: m.update(people=[["x"]]), "people[0]", "must be text"),
    ("wrong type, nested", lambda m: m["source"].update(sha256=["a"]), "source.sha256", "must be text"),
    ("source as text", lambda m: m.update(source="sources/x.txt"), "source", "must be a mapping"),
    ("roles as a list", lambda m: m.update(roles=["区长"]), "roles", "must be a mapping"),
    ("unknown key", lambda m: m.update(speeker="龚正"), "speeker", "unknown key"),
    ("missing key", lambda m: m.pop("title"), "title", "missing key"),
    ("empty title", lambda m: m.update(title="  "), "title", "must not be empty"),
    ("bad date", lambda m: m.update(date="2024-13-40"), "date", "must be a date"),
    ("year as text", lambda m: m.update(year="二〇二四"), "year", "must be a whole number"),
]


def _line_of(path: Path, key: str) -> int:
    """The line of `key` ("source.sha256": the sha256 line under source:)."""
    parts = re.sub(r"\[\d+\]", "", key).split(".")
    lines = path.read_text(encoding="utf-8").split("\n")
    i = next(i for i, ln in enumerate(lines) if ln.startswith(f"{parts[0]}:"))
    for part in parts[1:]:
        i = next(j for j in range(i + 1, len(lines)) if lines[j].lstrip().startswith(f"{part}:"))
    return i + 1


@pytest.mark.parametrize("case,change,key,message", BAD_FRONT_MATTER, ids=[c[0] for c in BAD_FRONT_MATTER])
def test_check_names_the_file_line_and_key(tmp_path, case, change, key, message):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    doc = content / PUDONG
    _edit_front_matter(doc, change)
    result = run_cli("check", "--content", str(content))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    m = re.search(rf"{re.escape(str(doc))}:(\d+): {re.escape(key)}: ([^\n]*)", result.stderr)
    assert m, result.stderr
    assert message in m.group(2)
    if case != "missing key":
        assert int(m.group(1)) == _line_of(doc, key)


@pytest.mark.slow
@pytest.mark.parametrize("case", ["wrong type, nested", "unknown key", "missing key"])
def test_mkdocs_build_names_the_file_and_key(fresh_project, case):
    _, change, key, message = next(c for c in BAD_FRONT_MATTER if c[0] == case)
    doc = fresh_project / "content" / PUDONG
    _edit_front_matter(doc, change)
    (fresh_project / "build").mkdir()
    result = mkdocs_build(fresh_project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"{doc.name}:" in result.stderr and f": {key}: {message}" in result.stderr, result.stderr


def test_glossary_and_people_files_are_checked_too(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    entry = next((content / "glossary").glob("*.md"))
    _edit_front_matter(entry, lambda m: m.update(number="三"))
    result = run_cli("check", "--content", str(content))
    assert result.returncode == 1 and f"{entry}:" in result.stderr and ": number: must be a whole number" in result.stderr
    shutil.copy(CONTENT / entry.relative_to(content), entry)
    (content / "people.yaml").write_text("people:\n  - name: 龚正\n    roles: 市长\n", encoding="utf-8")
    result = run_cli("check", "--content", str(content))
    assert result.returncode == 1
    assert f"{content / 'people.yaml'}:3: people[0].roles: must be a list" in result.stderr, result.stderr


def test_contributing_documents_the_schema_from_the_contract():
    """CONTRIBUTING.md shows the schema the code reads, generated from the contract's
    types (python -m archivegen.contract prints it); the two cannot drift apart."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    begin, end = "<!-- schema: generated by python -m archivegen.contract -->", "<!-- end of schema -->"
    assert begin in text and end in text
    assert text.split(begin)[1].split(end)[0].strip() == schema_markdown().strip()


def test_a_wrong_type_is_refused_before_anything_reads_it():
    with pytest.raises(Exception) as err:
        DocumentMeta(id="a b", title="标题", doc_type="其他", region=None)
    assert "id" in str(err.value)
    assert isinstance(ContentError("x"), ValueError)
