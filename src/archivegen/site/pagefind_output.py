"""Pagefind's output made the same for the same pages (site/search.py calls `stabilise`).

Pagefind 1.5 writes the values of each filter, and the list of filter files in its
metadata file, in hash-map order: indexing the same pages twice gives filter files with
other bytes and so other names, a metadata file that names them (another hash) and an
entry file that names that (Pagefind issue #638: the fragments and the word index are
stable, "the filter/metadata indexes" are not). `stabilise` rewrites those three in a
fixed order, names each rewritten file after its new bytes as Pagefind does, and leaves
every other file alone.

The files are gzip-compressed CBOR after the signature `pagefind_dcd`
(pagefind_web/src/metadata.rs and filter_index.rs describe the layout); the few CBOR
types they use are read and written here.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


class PagefindFormatError(RuntimeError):
    pass


def stabilise(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted((entry.get("languages") or {}).items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        if not isinstance(meta, list) or len(meta) < 5 or not isinstance(meta[3], list):
            raise PagefindFormatError(f"{meta_path}: not the metadata layout of Pagefind 1.x")
        chunks = []
        for name, chunk in meta[3]:                         # [[filter name, file hash], …]
            path = bundle / "filter" / f"{chunk}.pf_filter"
            data = _read(path)
            data[1] = sorted(data[1], key=lambda value: value[0].encode("utf-8"))   # [[value, [pages]], …]
            chunks.append([name, _write(path.parent, language, data, 7, ".pf_filter", replaces=path)])
        meta[3] = sorted(chunks, key=lambda item: item[0].encode("utf-8"))
        new = _write(bundle, language, meta, 10, ".pf_meta", prefix="pagefind.", replaces=meta_path)
        info["hash"] = new
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise PagefindFormatError(f"{path}: no Pagefind signature")
    value, end = decode(data, len(SIGNATURE))
    if end != len(data):
        raise PagefindFormatError(f"{path}: {len(data) - end} bytes after the data")
    return value


def _write(folder: Path, language: str, value, digits: int, suffix: str, prefix: str = "",
           replaces: Path | None = None) -> str:
    """Write `value` as a Pagefind file named after its bytes; return the name Pagefind's
    index uses for it (language_hash)."""
    data = SIGNATURE + encode(value)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    target = folder / f"{prefix}{name}{suffix}"
    if replaces is not None and replaces != target:
        replaces.unlink()
    target.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return name


# ------------------------------------------------------------------ CBOR (RFC 8949), the part Pagefind uses

def decode(data: bytes, at: int = 0):
    """One CBOR item from data[at:]: (value, where it ends). Unsigned and negative
    integers, byte and text strings, arrays, maps (as lists of pairs), false, true, null."""
    first = data[at]
    major, info = first >> 5, first & 0x1F
    at += 1
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info not in simple:
            raise PagefindFormatError(f"unexpected CBOR simple value {info}")
        return simple[info], at
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        arg = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise PagefindFormatError(f"unexpected CBOR length {info}")
    if major == 0:
        return arg, at
    if major == 1:
        return -1 - arg, at
    if major in (2, 3):
        raw = data[at:at + arg]
        return (bytes(raw) if major == 2 else raw.decode("utf-8")), at + arg
    if major in (4, 5):
        items = []
        for _ in range(arg if major == 4 else 2 * arg):
            item, at = decode(data, at)
            items.append(item)
        return (items if major == 4 else [items[i:i + 2] for i in range(0, len(items), 2)]), at
    raise PagefindFormatError(f"unexpected CBOR type {major}")


def encode(value) -> bytes:
    """The shortest CBOR for a value `decode` returns (maps come back as arrays of pairs,
    which Pagefind's files do not use)."""
    if value is None or isinstance(value, bool):
        return bytes([0xF6 if value is None else 0xF5 if value else 0xF4])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    raise TypeError(f"cannot write {type(value).__name__} as CBOR")


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if arg < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, arg)
    raise ValueError(f"{arg} is too large for CBOR")
