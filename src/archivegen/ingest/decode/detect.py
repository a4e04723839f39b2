"""Which encoding a raw file is in: byte-order mark, valid UTF-8, or the candidate whose text reads best.

A byte-order mark decides, and so does valid UTF-8 (Chinese text in any other encoding is
practically never valid UTF-8). Otherwise the bytes are decoded in every candidate encoding
(the Chinese ones, UTF-16 without a mark, the Japanese and Korean ones such files are
sometimes in, what an HTML page declares and what charset-normalizer guesses) and the
decoding that reads best as text wins (plausible.py): the same bytes are often valid in
several encodings, so validity alone cannot tell GB18030 from Big5 or EUC-KR. An HTML
declaration wins a close call; it never overrules bytes that read better another way.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from archivegen.ingest.decode.plausible import Reading, read

SAMPLE = 256 * 1024       # bytes read per candidate: a whole ordinary file, a good part of a big page
PLAUSIBLE = 0.5           # a decoding scoring this much reads as CJK text (right ones: 0.85–1, wrong ones: < 0.35)
CLOSE = 0.05              # scores this close are a tie: the earlier candidate wins
DECLARED_CLOSE = 0.15     # ...and a page's own declaration wins by this much
TEXT_QUALITY = 0.7        # below this share of ordinary characters in every reading: not text
BROKEN = 0.2              # this share of undecodable bytes and control characters: not text in that encoding
NOT_TEXT_BYTE = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


@dataclass(frozen=True)
class Encoding:
    name: str        # what the source metadata records
    codec: str       # the Python codec that decodes the bytes after the byte-order mark
    skip: int = 0    # length of the byte-order mark


BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),    # before UTF-16 LE, whose mark it starts with
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
# Candidates, in the order that wins a tie. Each family lists an encoding and its extensions;
# the member that decodes the sample with the fewest errors speaks for it (GB2312 and GBK are
# subsets of GB18030, so one decoder serves all three).
FAMILIES: tuple[tuple[str, ...], ...] = (
    ("utf-8",),
    ("gb18030",),
    ("big5", "cp950", "big5hkscs"),
    ("utf-16-le",),
    ("utf-16-be",),
    ("shift_jis", "cp932"),
    ("euc_kr", "cp949"),
)
# <meta charset=…> and <meta http-equiv="Content-Type" content="…; charset=…">, as bytes.
META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
# Labels browsers accept that Python's codec registry does not know.
LABELS = {"x-gbk": "gbk", "x-euc-cn": "gb2312", "csgb2312": "gb2312", "x-x-big5": "big5", "big5-hkscs": "big5hkscs",
          "x-sjis": "shift_jis", "windows-31j": "cp932", "ks_c_5601-1987": "euc_kr", "x-user-defined": "cp1252"}


def _codec(label: str) -> str | None:
    """Python's name for an encoding label, or None when Python has no such text codec."""
    try:
        info = codecs.lookup(LABELS.get(label.lower(), label))
    except LookupError:
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


def declared_charset(data: bytes) -> str | None:
    """The codec an HTML page declares in its first 4 KB, if Python knows it."""
    match = META_CHARSET.search(data[:4096])
    return _codec(match.group(1).decode("ascii")) if match else None


def _family(codec: str) -> tuple[str, ...]:
    for family in FAMILIES:
        if codec in family or (codec in ("gbk", "gb2312") and "gb18030" in family):
            return family
    return (codec,)


def _guess(sample: bytes) -> str | None:
    """charset-normalizer's guess (it knows many more encodings than the candidates)."""
    from charset_normalizer import from_bytes

    best = from_bytes(sample[:32 * 1024]).best()
    return _codec(best.encoding) if best else None


def _reading(sample: bytes, family: tuple[str, ...]) -> tuple[str, Reading]:
    """The family member that decodes `sample` with the fewest errors and, among those, reads
    best (Big5 and Big5-HKSCS both decode 〇, differently), and how its text reads."""
    found = []
    for codec in family:
        text = sample.decode(codec, "replace")
        found.append((text.count("\ufffd"), codec, text))
    fewest = min(errors for errors, _, _ in found)
    readings = [(codec, read(text)) for errors, codec, text in found if errors == fewest]
    return max(readings, key=lambda cr: cr[1].score)    # max keeps the first of equals


def forced(data: bytes, name: str) -> Encoding:
    """The encoding the user named (--encoding), its byte-order mark taken off if present."""
    codec = _codec(name)
    if codec is None:
        raise DecodeError(f"unknown encoding {name!r}")
    for bom, family, endian in BOMS:
        if data.startswith(bom) and (codec in (family, endian) or (codec == "utf-8" and family == "utf-8-sig")):
            return Encoding(codec, endian, len(bom))
    plain = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}
    enc = Encoding(codec, plain.get(codec, codec))
    sample = data[:SAMPLE]
    # The user knows the encoding: only bytes that are mostly not text in it are refused.
    if read(sample.decode(enc.codec, "replace")).broken >= BROKEN:
        raise not_text(data, [codec])
    return enc


def _first_bad_byte(data: bytes) -> int:
    """Offset of the first byte that is neither UTF-8 text nor a usual control character."""
    control = NOT_TEXT_BYTE.search(data)
    first = control.start() if control else len(data)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = min(first, exc.start)
    return first


def not_text(data: bytes, tried: list[str]) -> DecodeError:
    at = _first_bad_byte(data)
    byte = f" (0x{data[at]:02X})" if at < len(data) else ""
    return DecodeError(f"not a text file: no encoding tried ({', '.join(tried)}) reads it as text; "
                       f"the first byte that is not text is at offset {at}{byte}")


def detect(data: bytes) -> Encoding:
    """The encoding of `data`: its byte-order mark, else UTF-8 when it is valid UTF-8 (and
    has no NUL), else the best reading (DecodeError when no encoding reads it as text)."""
    for bom, name, codec in BOMS:
        if data.startswith(bom):
            return Encoding(name, codec, len(bom))
    try:
        text = data.decode("utf-8")
        if "\x00" not in text and not _worth_a_second_look(data, text):
            return Encoding("utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    return best(data[:SAMPLE], data)


CJK_OR_ASCII = re.compile("[\u3000-\u30ff\u3400-\u9fff\uac00-\ud7a3\uff00-\uffef]|^[\x00-\x7f]*$")


def _worth_a_second_look(data: bytes, text: str) -> bool:
    """Valid UTF-8 without one CJK character, which GB18030 reads too: a short GBK text can
    be valid UTF-8 by chance (it decodes to Latin or Cyrillic letters then)."""
    if CJK_OR_ASCII.search(text):
        return False
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def best(sample: bytes, data: bytes) -> Encoding:
    """The candidate whose decoding of `sample` reads best."""
    order = list(FAMILIES)
    declared = declared_charset(sample)
    if declared:
        family = _family(declared)
        order = [family] + [f for f in order if f != family]
    guess = _guess(sample)
    if guess and _family(guess) not in order:
        order.append(_family(guess))
    readings = [_reading(sample, family) for family in order]
    top = max(r.score for _, r in readings)
    if top >= PLAUSIBLE:
        for i, (codec, r) in enumerate(readings):
            margin = DECLARED_CLOSE if i == 0 and declared else CLOSE
            if r.score >= top - margin:
                return Encoding(codec, codec)
    # Nothing reads as Chinese, Japanese or Korean for sure (a few characters, or another
    # script): of the decodings with the most ordinary characters, those with the fewest
    # undecodable bytes, and of those the best scoring; among equals the first (the page's
    # declaration, then the candidates in order: GB18030 before Big5 in a Chinese archive,
    # charset-normalizer's guess last, as it is unreliable on little text).
    quality = max(r.quality for _, r in readings)
    if quality < TEXT_QUALITY:
        raise not_text(data, [codec for codec, _ in readings])
    fair = [(codec, r) for codec, r in readings if r.quality >= quality - CLOSE]
    broken = min(r.broken for _, r in fair)
    fair = [(codec, r) for codec, r in fair if r.broken <= broken]
    score = max(r.score for _, r in fair)
    codec = next(codec for codec, r in fair if r.score >= score - CLOSE)
    return Encoding(codec, codec)
