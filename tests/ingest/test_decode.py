"""Decoding: every common Chinese encoding and line-end style gives the same text; encodings
whose bytes all decode are told apart by the text they give; binary files are refused."""

import codecs
import gzip
import io
import re
import zipfile
import zlib

import pytest

from archivegen.ingest.decode import DecodeError, decode_bytes
from tests.conftest import CORPUS, seed_files
from tests.ingest.encoded import CHINESE_ENCODINGS, OTHER, page_samples, samples

TEXT = "各位代表：\n现在，我代表上海市人民政府，向大会报告工作，请予审议。\n（一）坚定不移深化改革开放\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_encodings_decode_to_the_same_text(encoding):
    data = TEXT.encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_bytes(data).text == TEXT


@pytest.mark.parametrize("newline,style", [("\r\n", "crlf"), ("\r", "cr"), ("\n", "lf")])
def test_line_ends_are_unified(newline, style):
    d = decode_bytes(TEXT.replace("\n", newline).encode("gb18030"))
    assert d.text == TEXT
    assert d.newline == style


def test_real_seed_in_gb18030_and_utf16():
    raw = seed_files()[-1].read_bytes().decode("utf-8")
    for enc in ("gb18030", "utf-16"):
        d = decode_bytes(raw.encode(enc))
        assert d.text == raw.replace("\r\n", "\n")
        assert d.encoding in (enc, "utf-16")


# --- telling encodings apart ----------------------------------------------------------------
# The test set (tests/ingest/encoded.py): real texts, whole, as title + first sentence and as a
# title alone, in every encoding. Here the seeds and seven State Council texts; the full table
# is printed by `python -m tests.ingest.encoded`.

@pytest.mark.parametrize("encoding", [*CHINESE_ENCODINGS, *OTHER])
def test_the_test_set_decodes_back_to_its_text(encoding):
    wrong = [(s.source, s.length) for s in samples(limit=12, encodings=(encoding,))
             if decode_bytes(s.data).text != s.expected]
    assert wrong == []


def test_big5_is_not_read_as_gb18030():
    """Every Big5 byte pair is also valid GB18030: '國務院辦公廳關於2024年春節' once came out as
    '闽暗2024琄竊硄'-style nonsense. The Big5 reading has words; the GB18030 one has none."""
    title = "國務院辦公廳關於2024年部分節假日安排的通知"
    data = title.encode("big5")
    data.decode("gb18030")                     # valid there too: validity cannot decide
    d = decode_bytes(data)
    assert (d.text, d.encoding) == (title, "big5")


def test_korean_euc_kr_is_not_read_as_common_chinese():
    """EUC-KR Hangul decodes as GB2312's most common characters; only the words tell."""
    text = OTHER["euc_kr"]
    wrong = text.encode("euc_kr").decode("gb18030")
    assert len(re.findall("[\u4e00-\u9fff]", wrong)) > 100
    assert decode_bytes(text.encode("euc_kr")).text == text


@pytest.mark.parametrize("label", ["gb18030/gb2312", "gbk/gbk", "big5/big5", "gb18030/utf-8"])
def test_saved_pages_in_gbk_and_big5(label):
    """News pages as a GBK or Big5 portal serves them, with their charset declared (or still
    declared utf-8 after conversion: the bytes win): the same text as the UTF-8 page."""
    pages = [p for p in page_samples(limit=3) if p[1] == label]
    assert pages
    for name, _, data, utf8 in pages:
        d = decode_bytes(data)
        assert d.is_html and d.text == decode_bytes(utf8).text, name
        assert d.encoding == label.split("/")[0].replace("gbk", "gb18030")


def test_utf8_page_declaring_gb2312_stays_utf8():
    """Pages converted to UTF-8 often keep their old declaration: valid UTF-8 wins."""
    page = sorted(CORPUS.glob("*.shtml"))[0].read_text(encoding="utf-8")
    stale = page.replace("charset=utf-8", "charset=gb2312").encode("utf-8")
    assert b"charset=gb2312" in stale
    assert decode_bytes(stale).encoding == "utf-8"


def test_declaration_decides_a_close_call():
    """A page whose few words read alike in two encodings takes the one it declares."""
    body = "<p>2024年</p>"
    for declared, codec in (("big5", "big5"), ("gbk", "gb18030")):
        page = f'<html><head><meta charset="{declared}"></head><body>{body}</body></html>'
        assert decode_bytes(page.encode(codec)).encoding == codec


# --- binary files ---------------------------------------------------------------------------

def _binaries() -> dict[str, bytes]:
    """Real binary formats, made here from a seed so no binary file is committed."""
    text = seed_files()[0].read_bytes()
    stream = zlib.compress(text)
    png_chunk = b"IDAT" + stream
    png = (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x02\x00\x00\x00\x90wS\xde"
           + len(stream).to_bytes(4, "big") + png_chunk + zlib.crc32(png_chunk).to_bytes(4, "big"))
    pdf = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length " + str(len(stream)).encode()
           + b" /Filter /FlateDecode >>\nstream\n" + stream + b"\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("report.txt", text)
    return {"png": png, "pdf": pdf, "zip": buf.getvalue(), "gzip": gzip.compress(text, mtime=0),
            "png-header": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"}


@pytest.mark.parametrize("kind", ["png", "pdf", "zip", "gzip", "png-header"])
def test_binary_is_refused_with_the_first_bad_byte(kind):
    data = _binaries()[kind]
    with pytest.raises(DecodeError, match=r"not a text file: .* at offset \d+ \(0x[0-9A-F]{2}\)") as err:
        decode_bytes(data)
    at = int(re.search(r"offset (\d+)", str(err.value)).group(1))
    assert at < 16       # these formats start with binary bytes


# --- --encoding ---------------------------------------------------------------------------------

def test_encoding_overrides_detection():
    data = "國務院".encode("big5")
    assert decode_bytes(data).text == "國務院"
    forced = decode_bytes(data, "gb18030")
    assert (forced.encoding, forced.text) == ("gb18030", data.decode("gb18030"))
    assert decode_bytes(TEXT.encode("utf-16-be"), "UTF-16BE").text == TEXT
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode(), "utf-8").text == TEXT


def test_unknown_encoding_is_a_clear_error():
    with pytest.raises(DecodeError, match="unknown encoding 'gbk2'"):
        decode_bytes(b"abc", "gbk2")
    with pytest.raises(DecodeError, match="unknown encoding 'base64'"):
        decode_bytes(b"abc", "base64")        # a codec, but not a text encoding
