"""Edit logs spooled to a temporary file once big (ingest/spool.py) are written as they were planned."""

from __future__ import annotations

import hashlib
import json

from archivegen.ingest import import_, run
from archivegen.ingest.spool import SpooledBytes
from archivegen.ingest.write import MANIFEST
from tests.conftest import seed_files


def test_spooled_bytes_move_to_disk_past_the_limit_and_keep_every_byte(monkeypatch):
    monkeypatch.setattr(SpooledBytes, "LIMIT", 1000)
    monkeypatch.setattr(SpooledBytes, "CHUNK", 333)
    parts = [("第%d行，中文。\n" % i).encode() for i in range(500)]
    small, big = SpooledBytes(), SpooledBytes()
    small.write(parts[0])
    for p in parts:
        big.write(p)
    assert not small._file._rolled and big._file._rolled          # in memory / in a temporary file
    data = b"".join(parts)
    assert big.getvalue() == data and b"".join(big.chunks()) == data
    assert (big.size, big.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    assert small.getvalue() == parts[0] and small != big


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_an_import_whose_logs_are_on_disk_writes_the_same_files(tmp_path, monkeypatch):
    """Logs on disk, and long texts in them escaped a piece at a time (run._put_row): the
    same bytes as logs made in memory in one piece."""
    seeds = seed_files()
    import_(seeds, tmp_path / "memory")
    monkeypatch.setattr(SpooledBytes, "LIMIT", 100)            # every seed's log goes to disk
    monkeypatch.setattr(SpooledBytes, "CHUNK", 1000)
    monkeypatch.setattr(run, "_PIECE", 40)                     # every removed line of 40+ characters
    pieces = []
    monkeypatch.setattr(run.json.encoder, "encode_basestring",
                        lambda s, real=run.json.encoder.encode_basestring: pieces.append(s) or real(s))
    report = import_(seeds, tmp_path / "disk")
    logs = [rel for rel in report.written.written if rel.endswith(".edits.json")]
    assert len(logs) == len(seeds) and all(report.plan.files[rel]._file._rolled for rel in logs)
    assert _tree(tmp_path / "disk") == _tree(tmp_path / "memory")
    assert len(pieces) > 10
    manifest = json.loads((tmp_path / "disk" / MANIFEST).read_text(encoding="utf-8"))
    for rel in logs:
        assert manifest[rel] == hashlib.sha256((tmp_path / "disk" / rel).read_bytes()).hexdigest()
        json.loads((tmp_path / "disk" / rel).read_bytes())
    # a second import finds every file unchanged (the logs hashed as they were written)
    again = import_(seeds, tmp_path / "disk")
    assert not again.written.written and len(again.written.unchanged) == len(report.written.written)
