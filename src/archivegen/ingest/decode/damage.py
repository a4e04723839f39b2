"""Decoding that never refuses a damaged byte: it marks the spot and remembers the bytes.

Why placeholders, and not U+FFFD straight away: every change cleaning makes is an Edit of
the decoded text, and `replay(decoded.text, passes)` must give the cleaned text. A U+FFFD put
in at decode time would be a change no Edit records. So decode puts one placeholder character
per undecodable byte sequence into the text, and the first cleaning rule (`damaged_bytes`,
clean/damaged.py) replaces each with U+FFFD as a real Edit whose reason names the bytes and
their offset in the raw file. The edit log then shows what was lost and where.

The placeholders are private-use characters of plane 15/16 (U+F0000 onwards), placeholder n
standing for damage n. They are unique, so a placeholder still identifies its bytes after the
HTML reader has dropped the markup around it and joined the lines, and they are valid
characters (the edit log is UTF-8 JSON). Real text almost never uses those planes; when a file
does, the placeholders start past the characters it uses.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass

# Code units of the encodings that are not ASCII-compatible: a NUL there is a unit of zeros.
UNIT = {"utf-16-le": 2, "utf-16-be": 2, "utf-32-le": 4, "utf-32-be": 4}
PLANES = (0xF0000, 0xFFFFE), (0x100000, 0x10FFFE)   # private-use planes 15 and 16 (end exclusive)
SUPPLEMENTARY_PRIVATE = re.compile("[\U000F0000-\U0010FFFF]")


@dataclass(frozen=True)
class Damage:
    offset: int    # where the bytes start in the raw file (0 = its first byte)
    raw: bytes     # the bytes that could not be decoded, or a NUL byte (binary residue)
    marker: str    # the placeholder that stands for them in the decoded text


_found = threading.local()


def _collect(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: note the undecodable span and go on after it."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _found.spans.append((exc.start, exc.end))
    return "", exc.end


codecs.register_error("archivegen-collect", _collect)


def bad_spans(data: bytes, codec: str) -> list[tuple[int, int]]:
    """Byte spans of `data` that `codec` cannot decode, and its NUL characters, in order."""
    _found.spans = []
    try:
        data.decode(codec, "archivegen-collect")
        spans = _found.spans
    finally:
        _found.spans = []
    unit = UNIT.get(codec, 1)
    nul = bytes(unit)
    pos = data.find(nul)
    if pos < 0:
        return spans
    nuls = []
    while pos >= 0:
        if pos % unit == 0:
            nuls.append((pos, pos + unit))
            pos = data.find(nul, pos + unit)
        else:
            pos = data.find(nul, pos + 1)
    # A NUL never sits inside an undecodable span of these codecs (0x00 is never a
    # trail byte), so the two lists merge without overlaps.
    return sorted(spans + nuls)


def _marker_base(text: str, count: int) -> int:
    """The first code point of `count` consecutive private-use characters `text` does not use."""
    used = sorted({ord(c) for c in SUPPLEMENTARY_PRIVATE.findall(text)})
    for start, end in PLANES:
        base = start
        for cp in [u for u in used if start <= u < end] + [end]:
            if cp - base >= count:
                return base
            base = max(base, cp + 1)
    raise ValueError(f"{count} undecodable byte sequences: too many to mark")


def decode_marked(data: bytes, codec: str, skip: int = 0) -> tuple[str, tuple[Damage, ...]]:
    """Decode data[skip:] (skip: a byte-order mark) with a placeholder for each bad span."""
    body = memoryview(data)[skip:]
    try:
        text = codecs.decode(body, codec)
        if "\x00" not in text:
            return text, ()           # the usual case: nothing damaged
    except UnicodeDecodeError:
        pass
    return mark(body, codec, bad_spans(bytes(body), codec), skip)


def mark(body: memoryview, codec: str, spans: list[tuple[int, int]], skip: int) -> tuple[str, tuple[Damage, ...]]:
    """Decode the good stretches between `spans` and put a placeholder where each span was."""
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        # Each stretch between bad spans is decodable on its own ("replace" is only a guard
        # for stateful codecs someone may force with --encoding).
        pieces.append(codecs.decode(body[pos:start], codec, "replace"))
        pieces.append("")
        pos = end
    pieces.append(codecs.decode(body[pos:], codec, "replace"))
    base = _marker_base("".join(pieces), len(spans))
    damage = []
    for k, (start, end) in enumerate(spans):
        marker = chr(base + k)
        pieces[2 * k + 1] = marker
        damage.append(Damage(skip + start, bytes(body[start:end]), marker))
    return "".join(pieces), tuple(damage)


def unmark(text: str | None, damage: tuple[Damage, ...]) -> str | None:
    """`text` with every placeholder turned into U+FFFD (for what the edit log does not cover,
    such as a page title)."""
    if not text or not damage:
        return text
    markers = {d.marker for d in damage}
    return "".join("\ufffd" if c in markers else c for c in text)
