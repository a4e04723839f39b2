"""Printed documents as their PDF's text layer: lines wrapped at the page's width (28
characters in the official document format), page numbers, running heads, tables.

Real text: the State Council pages' clean text (shared/corpora, or the committed sample),
laid out by tests/eval/dumps.py's pdf_text; the cases written here use our own sentences.
"""

from __future__ import annotations

import re

from archivegen.ingest.clean import RULES_BY_NAME
from archivegen.ingest.clean import run_rule as apply_rule
from archivegen.ingest.clean.base import Context, lines
from archivegen.ingest.clean.layout import wrap_width
from archivegen.ingest.decode import Decoded
from archivegen.ingest.run import process_source
from tests.eval import corpora
from tests.eval.dumps import pdf_text
from tests.eval.htmltext import squash
from tests.eval.metrics import Overlap


def run_rule(name: str, text: str) -> str:
    return apply_rule(RULES_BY_NAME[name], text, Context(Decoded(text, "utf-8", "lf")))[1]


PARAGRAPH = ("为进一步做好老旧小区加装电梯工作，经市政府同意，现就有关事项通知如下。各区要把加装电梯作为民生实事，"
             "摸清底数，制定计划，优先保障高龄老人集中的楼栋，做到应装尽装、能装快装，切实解决群众上下楼难的问题。")


def wrapped(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def test_state_council_texts_printed_keep_every_character_and_their_paragraphs():
    """Each page's clean text as a PDF's text layer, with a running head: nothing of the
    text is lost (a page number or a table's header row is no edge of a web page), the page
    numbers and running heads go, and most paragraphs are whole again."""
    pages = corpora.govcn_pages()
    assert pages
    whole = total = 0
    everything = Overlap()
    for p in pages:
        clean = p.truth["clean_text"]
        sp = process_source(p.name + ".pdf.txt", pdf_text(clean, p.name, running_head=True).encode("utf-8"))
        text = sp.cleaned.text
        overlap = Overlap.of(text, clean)
        assert overlap.recall >= 0.995, (p.name, overlap.recall)
        assert overlap.precision >= 0.98, (p.name, overlap.precision)   # a running head may stay
        everything = everything + overlap
        assert not re.search(r"^\s*(?:[-—]\s*\d+\s*[-—]|第\d+页)\s*$", text, re.M), p.name
        got = {squash(x) for x in text.split("\n")}
        want = [squash(x) for x in clean.split("\n") if x.strip()]
        whole += sum(1 for w in want if w in got)
        total += len(want)
    assert whole / total >= 0.85 and everything.precision >= 0.995 and everything.recall >= 0.999


def test_the_width_of_a_hard_wrapped_text_and_what_is_not_one():
    doc = "\n".join(wrapped(PARAGRAPH * 3, 28) + wrapped(PARAGRAPH * 2, 28))
    assert wrap_width(lines(doc)) == 28
    # a saved web page: whole paragraphs on a line beside its menus
    page = "\n".join(["首页", "新闻", "本市启动老旧小区加装电梯三年行动"] + [PARAGRAPH] * 6 + ["关于我们 | 联系我们"])
    assert wrap_width(lines(page)) is None
    # a list of headlines that happen to be as long as each other
    heads = "\n".join(f"第{i}届老旧小区加装电梯工作推进会在本市召开" for i in range(20))
    assert wrap_width(lines(heads)) is None


def test_lines_wrapped_at_28_characters_are_joined_into_their_paragraphs():
    doc = "\n".join(wrapped(PARAGRAPH, 28) + wrapped("　　" + PARAGRAPH, 28) + wrapped(PARAGRAPH, 28))
    out = run_rule("broken_paragraphs", doc)
    assert [x.strip() for x in out.split("\n") if x.strip()] == [PARAGRAPH] * 3


def test_bare_numbers_are_page_numbers_only_when_they_count_pages():
    body = wrapped(PARAGRAPH * 4, 28)                     # 18 lines: more than a page's minimum
    table = ["序号", "项目", "金额", "1", "加装电梯", "1445", "2", "改造管线", "555", "3", "无障碍通道", "1600"]
    doc = "\n".join(body + ["1"] + body + ["2"] + table + body + ["3"])
    out = run_rule("page_numbers", doc)
    kept = [x.strip() for x in out.split("\n") if x.strip()]
    assert kept == body + body + table + body


def test_a_running_head_goes_at_the_page_breaks_and_stays_elsewhere():
    title = "关于加装电梯的通知"
    body = wrapped(PARAGRAPH * 4, 28)
    doc = "\n".join([title, *body, "— 1 —", title, *body, "— 2 —", title, *body, "— 3 —"])
    out = run_rule("running_heads", doc)
    assert [x.strip() for x in out.split("\n")].count(title) == 1 and out.startswith(title)
    # a table's cell that happens to stand by two page numbers, and in other rows too, stays
    cells = ["全国", "加装电梯", "全国", "改造管线", "全国"]
    doc = "\n".join([*body, "全国", "— 1 —", "全国", *cells, *body, "— 2 —"])
    assert run_rule("running_heads", doc) == doc


def test_a_printed_document_keeps_the_table_after_its_signature():
    """In a hard-wrapped text with no line only a web page prints, one-word lines after the
    signature are a table's cells (names), not a menu: page_furniture leaves the text alone."""
    names = ["张三", "李四", "王五", "赵六", "孙七", "周八"]
    doc = "\n".join(wrapped(PARAGRAPH * 3, 28) + ["本区人民政府", "2024年3月12日", "附件", "工作专班成员名单", *names])
    assert run_rule("page_furniture", doc) == doc


# ---------------------------------------------------------------- compilations of official documents

NOTICE = ["国务院办公厅", "关于加装电梯的通知", "国办发〔2024〕3号", "各省、自治区、直辖市人民政府：", PARAGRAPH,
          "国务院办公厅", "2024年3月12日"]
OPINION = ["国务院关于推进老旧小区改造的意见", "国发〔2024〕7号", "各省、自治区、直辖市人民政府：", PARAGRAPH,
           "国务院", "2024年4月2日"]


def test_official_documents_one_after_another_are_documents_of_their_own():
    from archivegen.ingest.split import split

    text = "\n".join(["目  录", *NOTICE, "", "* * *", "", *OPINION])
    segments = split(text)
    assert [s.header[:2] for s in segments] == [("国务院办公厅", "关于加装电梯的通知"), ("国务院关于推进老旧小区改造的意见", "国发〔2024〕7号")]
    # the State Council texts, four to a file (the committed sample where shared/ is absent)
    pages = corpora.govcn_pages()[:4]
    joined = "\n\n".join(p.truth["clean_text"].strip() for p in pages)
    assert len(process_source("four.txt", joined.encode("utf-8")).segments) >= 3


def test_what_is_no_new_official_document():
    """One document stays one (its 发文字号 under its title opens no second one); a 发文字号
    quoted in a sentence and a document a notice forwards (its title over a salutation, no
    发文字号 of its own) stay inside the notice; a numbered heading is no title."""
    from archivegen.ingest.split import split

    assert len(split("\n".join(NOTICE))) == 1
    forwarding = ["国务院办公厅转发住房城乡建设部关于加装电梯的意见的通知", "国办发〔2024〕9号", "各省、自治区、直辖市人民政府：",
                  "住房城乡建设部《关于加装电梯的意见》已经国务院同意，现转发给你们，请认真贯彻执行。", "国务院办公厅",
                  "2024年5月6日", "关于加装电梯的意见", "住房城乡建设部", "各地要按照《国务院关于推进老旧小区改造的意见》",
                  "（国发〔2024〕7号）要求，做好加装电梯工作。", "三、关于资金安排的意见", "国发〔2024〕7号", PARAGRAPH]
    assert len(split("\n".join([*forwarding, *OPINION]))) == 2


def test_spaces_an_ocr_left_between_characters_go_in_narrow_printed_lines():
    """A line of a 28-character page is running text however short: the spaces an OCR left
    between its characters go, as they do in long lines (a short line's deliberate space,
    市长 龚 正, is another matter: such a line neither runs to the margin nor ends a paragraph
    that does)."""
    spaced = PARAGRAPH.replace("老旧小区", "老旧 小区").replace("民生实事", "民生 实事").replace("上下楼", "上 下楼")
    doc = "\n".join(wrapped(spaced, 28) * 3 + ["上海市市长 龚 正"])
    out = run_rule("cjk_spaces", doc)
    assert "老旧 小区" not in out and "民生 实事" not in out and "上 下楼" not in out
    assert out.endswith("上海市市长 龚 正")


def test_a_printed_line_that_ran_to_the_margin_goes_on_whatever_the_next_starts_with():
    """A title wrapped onto a line of one character (…的说 / 明) and a line that starts with
    a closing mark are joined; a dateline or a 发文字号 under a full-width title is not."""
    title = "关于《老旧小区加装电梯三年行动方案（二〇二四—二〇二六年）》的说明"    # 33 characters
    body = wrapped(PARAGRAPH * 3, 32)
    doc = "\n".join(wrapped(title, 32) + body)
    out = run_rule("broken_paragraphs", doc)
    assert out.split("\n")[0] == title
    full = "国务院关于进一步做好老旧小区加装电梯工作的通知"                          # 23 characters
    for under in ("国发〔2024〕3号", "——2024年1月23日在市人民代表大会上"):
        doc = "\n".join([full, under] + wrapped(PARAGRAPH * 3, len(full)))
        assert run_rule("broken_paragraphs", doc).split("\n")[:2] == [full, under], under


# ---------------------------------------------------------------- compilations of speeches

def test_a_speech_dated_alone_in_brackets_opens_a_document_of_a_compilation():
    from archivegen.ingest.headers import parse_dateline
    from archivegen.ingest.split import split

    assert parse_dateline("（2023年6月2日）").date == (2023, 6, 2)
    assert parse_dateline("（2025年11月1日，庆州）").date == (2025, 11, 1)
    assert parse_dateline("（1994年1月28日中华人民共和国国务院令第142号发布）") is None
    assert parse_dateline("（2023年2月30日）") is None
    speech = ["在全市加装电梯工作推进会上的讲话", "（2024年3月12日）", "同志们：", PARAGRAPH]
    other = ["在老旧小区改造现场会上的讲话", "（2024年4月2日，浦东）", "同志们：", PARAGRAPH]
    segments = split("\n".join(speech + [""] + other))
    assert [s.header[0] for s in segments] == [speech[0], other[0]] and all(s.shape == "report" for s in segments)
    # one such speech under a page's headline (a scraper's title line, 新华社…电) is that page's
    one = split("\n".join(["市长在全市加装电梯工作推进会上发表讲话", "新华社上海3月12日电", *speech]))
    assert len(one) == 1 and one[0].header[0] == "市长在全市加装电梯工作推进会上发表讲话"


def test_a_speech_title_over_its_date_may_be_long_but_a_news_lead_over_a_date_opens_nothing():
    """Speech titles run to 40-60 characters; the bracketed date under one is what marks it,
    so it opens a document however long (up to a first line's 100, with no sentence-final
    mark). A news lead that names the speech over the same date inside the text
    (新华社…电 在…上的讲话) is the speech's own first line, not a title."""
    from archivegen.ingest.split import split

    long_title = "市长在全市老旧小区加装电梯暨“两旧一村”改造工作推进会第二阶段会议关于“民生实事项目”议题的讲话"
    assert len(long_title) > 45
    lead = "新华社上海3月12日电　在全市老旧小区加装电梯暨“两旧一村”改造工作推进会第二阶段会议上的讲话"
    first = ["在老旧小区改造现场会上的讲话", "（2024年4月2日，浦东）", "同志们：", PARAGRAPH]
    second = [long_title, "（2024年3月12日）", lead, "（2024年3月12日）", "同志们：", PARAGRAPH]
    segments = split("\n".join(first + [""] + second))
    assert [s.header[0] for s in segments] == [first[0], long_title]
    assert lead in "\n".join(second) and all(s.shape == "report" for s in segments)
    # a long line that is a sentence (a full stop, or two commas) over a date opens nothing
    prose = "全市加装电梯工作，今年以来推进顺利，已完成年度目标的八成以上并将继续加快推进速度确保完成全年任务"
    assert len(split("\n".join(first + [prose, "（2024年3月12日）", PARAGRAPH]))) == 1
