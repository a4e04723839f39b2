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


def test_serve_rebuilds_on_content_change(fresh_project):
    (fresh_project / "build").mkdir()
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=fresh_project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/documents/yangpu/2025-yangpu-wei-chang-wei-hui-kuo-da/"
        assert _wait_for(url, "杨浦区委常委会扩大会议暨区委中心组学习会举行", 90), "serve did not start"
        doc = fresh_project / "content" / "documents" / "yangpu" / "2025-yangpu-wei-chang-wei-hui-kuo-da.md"
        text = doc.read_text(encoding="utf-8")
        doc.write_text(text.replace("title: 杨浦区委常委会扩大会议暨区委中心组学习会举行", "title: 杨浦区委学习会（编者改题）"),
                       encoding="utf-8")
        assert _wait_for(url, "杨浦区委学习会（编者改题）", 90), "the edit did not reach the served page"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
