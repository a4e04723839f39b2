"""Import progress is counted in bytes and moves through every stage, so one big file
shows progress too (ingest/run.py FileProgress), and the steps add up to the input."""

from __future__ import annotations

import os
import shutil
import struct
import sys

import pytest

from archivegen import ingest
from archivegen.ingest.clean import RULES
from tests.conftest import run_cli, seed_files


def test_one_file_moves_the_bar_rule_by_rule_up_to_its_size(tmp_path):
    seed = max(seed_files(), key=lambda p: p.stat().st_size)
    steps: list[int] = []
    ingest.import_([seed], tmp_path / "content", progress=steps.append)
    assert sum(steps) == seed.stat().st_size
    assert all(n > 0 for n in steps)
    # decoding, each rule of cleaning, splitting, planning, writing
    assert len(steps) >= len(RULES)


def test_steps_add_up_to_every_byte_given_even_repeats_and_failures(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for p in seed_files():
        shutil.copy(p, raw / p.name)
    shutil.copy(seed_files()[0], raw / "repeat.txt")                   # the same bytes twice
    (raw / "binary.dat").write_bytes(struct.pack("<256I", *range(256)) * 8)   # not a text
    steps: list[int] = []
    report = ingest.import_([raw], tmp_path / "content", progress=steps.append)
    assert report.failures and report.duplicates
    total = sum(p.stat().st_size for p in raw.iterdir())
    assert sum(steps) == total


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_the_cli_draws_a_byte_counted_bar_on_a_terminal(tmp_path):
    import fcntl
    import pty
    import termios

    big = tmp_path / "big.txt"
    big.write_bytes(b"".join(p.read_bytes() for p in seed_files()) * 6)    # > 1 MB: worth a bar
    pid, fd = pty.fork()
    if pid == 0:                                           # the child: the CLI on a terminal
        try:                                               # 100 columns, set before the CLI starts
            fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
            os.execv(sys.executable, [sys.executable, "-m", "archivegen.cli", "import", str(big),
                                      "--content", str(tmp_path / "content")])
        finally:
            os._exit(127)
    out = bytearray()
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:                                    # the child closed the terminal
            break
        if not chunk:
            break
        out.extend(chunk)
    _, status = os.waitpid(pid, 0)
    text = out.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "importing:" in text and "M/" in text           # 1.23M/7.0M
    assert "imported 1 file(s)" in text


def test_no_bar_without_a_terminal(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"".join(p.read_bytes() for p in seed_files()) * 6)
    result = run_cli("import", str(big), "--content", str(tmp_path / "content"))
    assert result.returncode == 0, result.stderr
    assert "importing" not in result.stderr and "importing" not in result.stdout
