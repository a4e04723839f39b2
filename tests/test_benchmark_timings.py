"""The benchmark's timed build (benchmarks/run.py `_child mkdocs`) wraps functions of MkDocs
and of archivegen by name: a renamed one would fail the benchmark, not the suite. It is run
here on the seed archive, and every section it reports must have been timed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from tests.conftest import ROOT


def test_the_benchmarks_timed_build_runs_and_times_every_section(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "build").mkdir()
    timings = tmp_path / "timings.json"
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "_child", "mkdocs", str(timings),
                             "build", "--strict", "--quiet"], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    sections = json.loads(timings.read_text("utf-8"))["sections"]
    for name in ("archivegen load", "archivegen write build/", "archivegen on_config (all)",
                 "archivegen on_post_build (search index)", "mkdocs markdown→html", "mkdocs page templates"):
        assert sections.get(name, 0) > 0, (name, sections)
