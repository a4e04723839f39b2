"""Decoding: every common Chinese encoding and line-end style gives the same text; encodings
whose bytes all decode are told apart by the text they give; damaged bytes are kept on the
record instead of refusing the file; binary files are still refused."""

import codecs
import gzip
import io
import json
import re
import zipfile
import zlib

import pytest

from archivegen.ingest.clean import clean
from archivegen.ingest.decode import DecodeError, decode_bytes
from archivegen.ingest.edits import replay
from archivegen.ingest.run import edit_log, edit_note, edit_summary, process_source
from tests.conftest import CORPUS, run_cli, seed_files
from tests.ingest.encoded import CHINESE_ENCODINGS, DAMAGED, OTHER, page_samples, readable, samples

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

@pytest.mark.parametrize("encoding", [*CHINESE_ENCODINGS, *OTHER, *DAMAGED])
def test_the_test_set_decodes_back_to_its_text(encoding):
    wrong = [(s.source, s.length) for s in samples(limit=12, encodings=(encoding,))
             if readable(decode_bytes(s.data).text) != s.expected]
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


# --- damaged bytes ----------------------------------------------------------------------------

SEED = seed_files()[0].read_bytes()


def _cleaned(data: bytes, encoding: str | None = None):
    d = decode_bytes(data, encoding)
    c = clean(d)
    assert replay(d.text, c.passes) == c.text       # the edit log still rebuilds the text
    return d, c


def test_utf8_cut_mid_character_is_kept_with_the_damage_recorded():
    data = SEED[:-2]                             # the file ends inside "。"
    assert data.endswith(b"\xe3")
    d, c = _cleaned(data)
    assert d.encoding == "utf-8"
    assert [(x.offset, x.raw) for x in d.damage] == [(len(data) - 1, b"\xe3")]
    assert c.text.endswith("\ufffd")
    (p,) = [p for p in c.passes if p.rule == "damaged_bytes"]
    (e,) = p.edits
    assert e.new == "\ufffd" and e.old == d.damage[0].marker
    assert e.reason == f"无法按 UTF-8 解码的字节 E3（原文件字节偏移 {len(data) - 1}）"


def test_one_bad_byte_in_utf8_is_replaced_not_refused():
    at = SEED.index("。".encode()) + 3
    data = SEED[:at] + b"\xff" + SEED[at:]
    d, c = _cleaned(data)
    assert d.encoding == "utf-8"
    assert c.text.replace("\ufffd", "", 1) == clean(decode_bytes(SEED)).text
    (e,) = c.passes[0].edits
    assert (c.passes[0].rule, e.reason) == ("damaged_bytes", f"无法按 UTF-8 解码的字节 FF（原文件字节偏移 {at}）")


def test_damage_in_gbk_is_recorded_where_decoding_failed():
    text = SEED.decode("utf-8")
    gbk = text.encode("gbk")
    # Two sequences GB18030 cannot read: a lone trail byte after a full stop, and a lead
    # byte at the very end (a file cut in the middle of a character).
    at = gbk.index("。".encode("gbk")) + 2
    data = gbk[:at] + b"\xff" + gbk[at:] + "年".encode("gbk")[:1]
    d, c = _cleaned(data)
    assert d.encoding == "gb18030"
    assert [(x.offset, x.raw) for x in d.damage] == [(at, b"\xff"), (len(data) - 1, "年".encode("gbk")[:1])]
    assert c.text.count("\ufffd") == 2
    reasons = [e.reason for e in c.passes[0].edits]
    assert reasons == [f"无法按 GB18030 解码的字节 FF（原文件字节偏移 {at}）",
                       f"无法按 GB18030 解码的字节 C4（原文件字节偏移 {len(data) - 1}）"]


def test_neighbouring_bad_bytes_are_one_edit_and_nul_bytes_are_damage():
    at = SEED.index("。".encode()) + 3
    data = SEED[:at] + b"\x00\x00\xfe\xfe" + SEED[at:]
    d, c = _cleaned(data)
    assert len(d.damage) == 4
    (e,) = c.passes[0].edits
    assert e.new == "\ufffd" * 4 and len(e.old) == 4
    assert e.reason == f"无法按 UTF-8 解码的字节 00 00 FE FE（原文件字节偏移 {at}）"


def test_utf16_cut_in_half_a_code_unit():
    data = TEXT.encode("utf-16")[:-1]
    d, c = _cleaned(data)
    assert d.encoding == "utf-16"
    assert c.text == TEXT[:-1] + "\ufffd"
    assert d.damage[0].offset == len(data) - 1


def test_damage_in_a_saved_gbk_page_maps_to_its_offsets():
    """In a page, bad bytes inside the markup vanish with it; those in the story are
    replaced and named with their offset in the raw file, after the reader moved them."""
    name, _, data, _ = next(p for p in page_samples(limit=1) if p[1] == "gbk/gbk")
    story = data.index("。".encode("gbk"), data.index(b'id="content_area"')) + 2
    in_tag = data.index(b"<body") + 2
    damaged = data[:in_tag] + b"\x80" + data[in_tag:story] + b"\xff" + data[story:]
    d, c = _cleaned(damaged)
    assert d.is_html and d.encoding == "gb18030"
    assert [x.offset for x in d.damage] == [in_tag, story + 1]
    (p,) = [p for p in c.passes if p.rule == "damaged_bytes"]
    (e,) = p.edits
    assert e.reason == f"无法按 GB18030 解码的字节 FF（原文件字节偏移 {story + 1}）"
    assert "\ufffd" in c.text


def test_placeholders_step_over_private_characters_the_text_uses():
    text = "第一段使用了私用区字符\U000f0000\U000f0001。\n"
    data = text.encode("utf-8") + b"\xff"
    d, c = _cleaned(data)
    assert ord(d.damage[0].marker) > 0xF0001
    assert c.text == text + "\ufffd"


def test_the_edit_log_and_the_note_name_the_damage():
    at = SEED.index("。".encode()) + 3
    data = SEED[:at] + b"\xa3\xff" + SEED[at:]
    sp = process_source("damaged.txt", data)
    log = json.loads(edit_log(sp).getvalue())
    (p,) = [p for p in log["passes"] if p["rule"] == "damaged_bytes"]
    assert (p["label"], p["action"]) == ("无法解码的字节", "替换")
    ((start, end, new, old, reason, line, before, after),) = p["edits"]
    assert new == "\ufffd\ufffd" and len(old) == 2
    assert reason == f"无法按 UTF-8 解码的字节 A3 FF（原文件字节偏移 {at}）"
    assert line == SEED[:at].count(b"\n") + 1
    assert SEED[:at].decode().endswith(before) and before.endswith("。")
    note = edit_note(edit_summary(sp.cleaned.passes, sp.edit_owners, 0))
    assert note.startswith("替换无法解码的字节 1 处")


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


def test_import_with_encoding(tmp_path):
    src = tmp_path / "big5.txt"
    src.write_bytes(SEED.decode("utf-8").encode("big5", "replace"))
    bad = run_cli("import", str(src), "--encoding", "no-such-codec", "--content", str(tmp_path / "c1"))
    assert bad.returncode == 1
    assert "unknown encoding 'no-such-codec'" in bad.stderr and "Traceback" not in bad.stderr
    good = run_cli("import", str(src), "--encoding", "big5", "--content", str(tmp_path / "c2"))
    assert good.returncode == 0, good.stderr
    doc = next((tmp_path / "c2" / "documents").rglob("*.md")).read_text(encoding="utf-8")
    assert "encoding: big5" in doc
