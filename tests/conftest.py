"""Shared fixtures: the project root, the shared seeds and corpora, a fresh seed import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOURCES = ROOT / "content" / "sources"
# Real news pages: the full corpus when shared/ sits beside the project, else the 25-page
# sample committed in tests/data (a clone anywhere still tests HTML ingest on real pages).
CORPUS_FULL = SHARED / "corpora" / "cctv-news-2024-01"
CORPUS_SAMPLE = ROOT / "tests" / "data" / "cctv-sample"
CORPUS, CORPUS_SIZE = (CORPUS_FULL, 491) if CORPUS_FULL.is_dir() else (CORPUS_SAMPLE, 25)


def seed_files() -> list[Path]:
    """The built-in archive's raw files (copies of the shared seeds)."""
    return sorted(p for p in SOURCES.iterdir() if p.is_file() and not p.name.endswith(".edits.json"))


@pytest.fixture(scope="session")
def seed_plan():
    from archivegen.ingest.run import plan_import

    return plan_import([(p.name, p.read_bytes()) for p in seed_files()])


@pytest.fixture(scope="session")
def expected():
    import yaml

    # a copy of shared/seeds/expected.yaml, so the gate runs wherever the repo is cloned
    path = ROOT / "tests" / "data" / "seeds_expected.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "archivegen.cli", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def fresh_project(tmp_path: Path) -> Path:
    """A copy of the project's content/ and mkdocs.yml in a temporary folder."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def mkdocs_build(project: Path, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          capture_output=True, text=True, env=env)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "build").mkdir()
    result = mkdocs_build(project, {"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project


