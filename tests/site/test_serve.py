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


def test_serve_rebuilds_once_per_content_change(fresh_project, tmp_path):
    """An edit under content/ rebuilds the site once, and then serve settles: the build
    must not touch anything serve watches (it used to rebuild every few seconds forever)."""
    (fresh_project / "build").mkdir()
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as err:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                cwd=fresh_project, env=env, stdout=subprocess.DEVNULL, stderr=err)
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
