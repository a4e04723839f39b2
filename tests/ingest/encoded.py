"""A test set for encoding detection: real texts, encoded the ways Chinese archives hold them.

Each sample is bytes plus the text decoding must give back. The texts are real: the seeds,
the clean texts of the State Council pages (shared/corpora/govcn-policies), saved news pages,
and, for Japanese and Korean files that turn up by mistake, a few lines from CPython's codec
test data. Each text comes in three lengths, because detection is hardest on little text:
the whole text, a title of at most 40 characters plus its first sentence, and the title alone
(the printed table also has the title's first 4 characters: the limit of what can be told).

Print the accuracy table (per encoding and length) with:

    PYTHONPATH=src python -m tests.ingest.encoded
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from tests.conftest import CORPUS, SHARED, seed_files

GOVCN = SHARED / "corpora" / "govcn-policies" / "truth.json"

# CPython Lib/test/cjkencodings (PSF licence): real Japanese and Korean prose, the kind of
# file that lands in a Chinese archive by mistake.
JAPANESE = (
    "Python の開発は、1990 年ごろから開始されています。\n"
    "開発者の Guido van Rossum は教育用のプログラミング言語「ABC」の開発に参加していましたが、"
    "ABC は実用上の目的にはあまり適していませんでした。\n"
    "このため、Guido はより実用的なプログラミング言語の開発を開始し、英国 BBS 放送のコメディ番組"
    "「モンティ パイソン」のファンである Guido はこの言語を「Python」と名づけました。\n")
KOREAN = (
    "◎ 파이썬(Python)은 배우기 쉽고, 강력한 프로그래밍 언어입니다. 파이썬은\n"
    "효율적인 고수준 데이터 구조와 간단하지만 효율적인 객체지향프로그래밍을\n"
    "지원합니다. 파이썬의 우아(優雅)한 문법과 동적 타이핑, 그리고 인터프리팅\n"
    "환경은 파이썬을 스크립팅과 여러 분야에서와 대부분의 플랫폼에서의 빠른\n"
    "애플리케이션 개발을 할 수 있는 이상적인 언어로 만들어줍니다.\n")

# Encodings of Chinese text: name → how the test makes the bytes from a (simplified) text.
# Big5 holds traditional text, so it gets OpenCC's conversion first; characters an encoding
# lacks become "?" (what a converter writes), and the expected text keeps that "?".
CHINESE_ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-sig": lambda t: t.encode("utf-8-sig"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk", "replace"),
    "gb2312": lambda t: t.encode("gb2312", "replace"),
    "big5": lambda t: _traditional(t).encode("big5", "replace"),
    "big5hkscs": lambda t: _traditional(t).encode("big5hkscs", "replace"),
    "utf-16": lambda t: t.encode("utf-16"),                    # with a byte-order mark
    "utf-16-le": lambda t: t.encode("utf-16-le"),              # without one
    "utf-16-be": lambda t: t.encode("utf-16-be"),
    "utf-32": lambda t: t.encode("utf-32"),
}


def _bad_byte_in_the_middle(data_of: Callable[[str], bytes]) -> Callable[[str], bytes]:
    """A byte no encoding has (0xFF) put in between two characters in the middle of the text."""
    def make(text: str) -> bytes:
        at = len(data_of(text[:len(text) // 2]))
        data = data_of(text)
        return data[:at] + b"\xff" + data[at:]
    return make


# Damaged files: the text must come back with U+FFFD where the bytes were bad.
DAMAGED: dict[str, tuple[str, Callable[[str], bytes]]] = {
    "utf-8, cut mid-character": ("utf-8", lambda t: t.rstrip().encode("utf-8")[:-1]),
    "utf-8 + 0xFF": ("utf-8", _bad_byte_in_the_middle(lambda t: t.encode("utf-8"))),
    "gbk + 0xFF": ("gb18030", _bad_byte_in_the_middle(lambda t: t.encode("gbk", "replace"))),
    "big5 + 0xFF": ("big5", _bad_byte_in_the_middle(lambda t: _traditional(t).encode("big5", "replace"))),
}
# Which codec reads each test encoding back (the BOM ones drop their mark). GB2312 and GBK are
# read with GB18030, their superset, as import reads them: Python's own gb2312 table gives
# ― (U+2015) for the dash GB18030 and the original text write — (U+2014).
READ_BACK = {"utf-8-sig": "utf-8-sig", "utf-16": "utf-16", "utf-32": "utf-32", "gbk": "gb18030", "gb2312": "gb18030"}
OTHER = {"shift_jis": JAPANESE, "euc_kr": KOREAN}
LENGTHS = ("long", "short", "title")
TINY = "4 chars"


@dataclass(frozen=True)
class Sample:
    source: str       # where the text comes from
    length: str       # "long", "short" (title + first sentence), "title" (or TINY)
    encoding: str     # how the bytes were made (the truth)
    data: bytes
    expected: str     # the text decoding must give ("\n" line ends)


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def _traditional(text: str) -> str:
    return _s2t().convert(text)


def _first_sentence(text: str) -> str:
    body = [line.strip() for line in text.split("\n") if len(line.strip()) > 20]
    match = re.match(r".*?[。！？]", body[0]) if body else None
    return match.group() if match else (body[0][:80] if body else "")


def texts(limit: int | None = None, tiny: bool = False) -> Iterator[tuple[str, str, str]]:
    """(source, length, text): every real text in its three lengths (four with `tiny`)."""
    found: list[tuple[str, str, str]] = []   # (source, title, whole text)
    for path in seed_files():
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        title = next(line.strip() for line in text.split("\n") if line.strip())
        found.append((path.name, title, text))
    if GOVCN.is_file():
        for name, page in sorted(json.loads(GOVCN.read_text(encoding="utf-8")).items()):
            found.append((name, page["title"], page["clean_text"]))
    for source, title, text in found[:limit]:
        title = title[:40]
        yield source, "long", text
        yield source, "short", f"{title}\n{_first_sentence(text)}\n"
        yield source, "title", title
        if tiny:
            yield source, TINY, title[:4]


def _expected(data: bytes, encoding: str) -> str:
    text = data.decode(READ_BACK.get(encoding, encoding), "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def samples(limit: int | None = None, encodings: tuple[str, ...] | None = None, tiny: bool = False) -> Iterator[Sample]:
    """The text samples: each text in each encoding (limit: only the first `limit` texts)."""
    for source, length, text in texts(limit, tiny):
        for name, make in CHINESE_ENCODINGS.items():
            if encodings is None or name in encodings:
                data = make(text)
                yield Sample(source, length, name, data, _expected(data, name))
        for name, (codec, make) in DAMAGED.items():
            if encodings is None or name in encodings:
                data = make(text)
                yield Sample(source, length, name, data, _expected(data, codec))
    for name, text in OTHER.items():
        if encodings is None or name in encodings:
            title = text.split("\n")[0][:40]
            for length, piece in (("long", text), ("short", "\n".join(text.split("\n")[:2])), ("title", title)):
                data = piece.encode(name)
                yield Sample("cpython-cjkencodings", length, name, data, _expected(data, name))


# Saved web pages as a GBK or Big5 portal serves them: the page's charset declaration says
# so (or, a common accident, still says utf-8 after the page was converted).
PAGE_ENCODINGS = {
    "gb18030/gb2312": ("gb18030", "gb2312"),
    "gbk/gbk": ("gbk", "gbk"),
    "big5/big5": ("big5", "big5"),
    "gb18030/utf-8": ("gb18030", None),   # a stale declaration: the bytes must win
}
PLACEHOLDER = re.compile("[\U000F0000-\U0010FFFF]")
CHARSET = re.compile(r"(<meta[^>]*charset=[\"']?)utf-8", re.I)


def page_samples(limit: int = 8) -> Iterator[tuple[str, str, bytes, bytes]]:
    """(page, encoding/declared, bytes, the same page in UTF-8): news pages re-encoded."""
    for path in sorted(CORPUS.glob("*.shtml"))[:limit]:
        page = path.read_text(encoding="utf-8")
        for label, (codec, declared) in PAGE_ENCODINGS.items():
            text = _traditional(page) if codec.startswith("big5") else page
            if declared:
                text = CHARSET.sub(lambda m: m.group(1) + declared, text)
            # Browsers save characters the page's encoding lacks as character references.
            data = text.encode(codec, "xmlcharrefreplace")
            yield path.name, label, data, data.decode(codec).encode("utf-8")


def readable(text: str) -> str:
    """Decoded text with the placeholders of damaged bytes shown as U+FFFD, as cleaning shows them."""
    return PLACEHOLDER.sub("\ufffd", text)


def table(decode: Callable[[bytes], str], limit: int | None = None) -> dict[tuple[str, str], tuple[int, int]]:
    """(encoding, length) → (right, total) for a decode function (bytes → text; raising = wrong)."""
    out: dict[tuple[str, str], list[int]] = {}
    for s in samples(limit, tiny=True):
        try:
            ok = decode(s.data) == s.expected
        except Exception:   # noqa: BLE001 (a refusal is a wrong answer here)
            ok = False
        cell = out.setdefault((s.encoding, s.length), [0, 0])
        cell[0] += ok
        cell[1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def print_table(decode: Callable[[bytes], str], limit: int | None = None) -> None:
    rows = table(decode, limit)
    encodings = list(dict.fromkeys(e for e, _ in rows))
    lengths = (*LENGTHS, TINY)
    print(f"| encoding | {' | '.join(lengths)} |")
    print("|---|" + "---|" * len(lengths))
    for enc in encodings:
        cells = [f"{rows[enc, n][0]}/{rows[enc, n][1]}" if (enc, n) in rows else "" for n in lengths]
        print(f"| {enc} | {' | '.join(cells)} |")


if __name__ == "__main__":
    import sys

    from archivegen.ingest.decode import decode_bytes

    print_table(lambda data: readable(decode_bytes(data).text), int(sys.argv[1]) if len(sys.argv) > 1 else None)
    pages: dict[str, list[int]] = {}
    for page, label, data, utf8 in page_samples():
        try:
            ok = decode_bytes(data).text == decode_bytes(utf8).text
        except Exception:   # noqa: BLE001
            ok = False
        cell = pages.setdefault(label, [0, 0])
        cell[0] += ok
        cell[1] += 1
    print("\n| saved page (bytes/declared) | right |\n|---|---|")
    for label, (right, total) in pages.items():
        print(f"| {label} | {right}/{total} |")
