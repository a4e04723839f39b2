"""`mkdocs serve` rebuilds the site when a file under content/ changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    end = time.time() + seconds
    while time.time() < end:
        if text in _get(url):
            return True
        time.sleep(0.5)
    return False


def _serve(project, log):
    """`mkdocs serve` of `project` on a free port, its log in `log`: (process, port, log)."""
    (project / "build").mkdir()
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log, "w", encoding="utf-8") as err:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=err)
    return proc, port, log


def test_serve_rebuilds_once_per_content_change(fresh_project, tmp_path):
    """An edit under content/ rebuilds the site once, and then serve settles: the build
    must not touch anything serve watches (it used to rebuild every few seconds forever)."""
    proc, port, log = _serve(fresh_project, tmp_path / "serve.log")
    builds = lambda: log.read_text(encoding="utf-8").count("Building documentation...")  # noqa: E731
    try:
        url = f"http://127.0.0.1:{port}/documents/yangpu/2025-yangpu-wei-chang-wei-hui-kuo-da/"
        assert _wait_for(url, "杨浦区委常委会扩大会议暨区委中心组学习会举行", 120), "serve did not start"
        assert builds() == 1
        doc = fresh_project / "content" / "documents" / "yangpu" / "2025-yangpu-wei-chang-wei-hui-kuo-da.md"
        text = doc.read_text(encoding="utf-8")
        doc.write_text(text.replace("title: 杨浦区委常委会扩大会议暨区委中心组学习会举行", "title: 杨浦区委学习会（编者改题）"),
                       encoding="utf-8")
        assert _wait_for(url, "杨浦区委学习会（编者改题）", 120), "the edit did not reach the served page"
        # a second rebuild would start within a second or two of the first one ending
        # (serve's watcher polls); watch long enough to see one on a busy machine
        time.sleep(10)
        output = log.read_text(encoding="utf-8")
        assert builds() == 2, output
        assert "Traceback" not in output and "Building prefix dict" not in output   # jieba is quiet
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_rebuilds_a_search_index_in_parts(fresh_project, tmp_path):
    """With the search index in parts (search_pages_per_index: 12, seven parts for the seed
    archive), serve's rebuild after an edit indexes again only some parts, keeps the others
    from the build cache, and serves every part the worker is told to merge."""
    import json
    import re

    marker = "  - archivegen:\n      content_dir: content\n"
    config = fresh_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        marker, marker + "      search_pages_per_index: 12\n"), encoding="utf-8")
    proc, port, log = _serve(fresh_project, tmp_path / "serve.log")
    said = lambda: re.findall(r"search index in 7 parts \((\d+) indexed, (\d+) from the build cache\)",  # noqa: E731
                              log.read_text(encoding="utf-8"))
    try:
        root = f"http://127.0.0.1:{port}/"
        url = root + "documents/yangpu/2025-yangpu-wei-chang-wei-hui-kuo-da/"
        assert _wait_for(url, "杨浦区委常委会扩大会议暨区委中心组学习会举行", 120), "serve did not start"
        assert _wait_for(root + "pagefind/archivegen-filters.json", "part-6/", 60)
        assert said() == [("7", "0")]
        doc = fresh_project / "content" / "documents" / "yangpu" / "2025-yangpu-wei-chang-wei-hui-kuo-da.md"
        doc.write_text(doc.read_text(encoding="utf-8").rstrip("\n") + "\n\n编者为测试加的一句话。\n", encoding="utf-8")
        assert _wait_for(url, "编者为测试加的一句话", 120), "the edit did not reach the served page"
        end = time.time() + 60
        while len(said()) < 2 and time.time() < end:
            time.sleep(0.5)
        indexed, kept = map(int, said()[1])
        assert indexed >= 1 and kept >= 1 and indexed + kept == 7, said()
        parts = json.loads(_get(root + "pagefind/archivegen-filters.json"))["parts"]
        assert len(parts) == 6
        for part in parts:
            assert '"languages"' in _get(root + f"pagefind/{part}pagefind-entry.json"), part
        assert "Traceback" not in log.read_text(encoding="utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
