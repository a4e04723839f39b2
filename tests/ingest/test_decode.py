"""Decoding: every common Chinese encoding and line-end style gives the same text."""

import codecs

import pytest

from archivegen.ingest.decode import DecodeError, decode_bytes
from tests.conftest import seed_files

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


def test_binary_is_refused_with_a_message():
    with pytest.raises(DecodeError, match="NUL"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
