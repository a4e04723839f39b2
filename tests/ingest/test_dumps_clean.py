"""Pages saved as text: markup residue, pagination, saved copies, page furniture, template lines.

Real text where it may be copied: the State Council pages of tests/data/govcn-sample (their
committed text dumps) and the seed files. News pages may not be copied, so news-shaped cases
are written here by hand (their sentences are ours, their shape is a portal's).
"""

from __future__ import annotations

from archivegen.ingest.clean import RULES_BY_NAME
from archivegen.ingest.clean import run_rule as apply_rule
from archivegen.ingest.clean.base import Context, PageFrame
from archivegen.ingest.clean.blocks import find_page_furniture
from archivegen.ingest.clean.pages import is_pagination
from archivegen.ingest.clean.templates import batch_lines
from archivegen.ingest.decode import Decoded, decode_bytes
from archivegen.ingest.run import plan_import, process_source
from archivegen.ingest.split import split
from tests.conftest import ROOT, seed_files

DUMPS = ROOT / "tests" / "data" / "govcn-sample" / "dumps"


def run_rule(name: str, text: str, html: bool = False, batch=None) -> str:
    ctx = Context(Decoded(text, "utf-8", "lf", is_html=html), batch)
    return apply_rule(RULES_BY_NAME[name], text, ctx)[1]


def dump(name: str) -> str:
    path = next(DUMPS.glob(name))
    return decode_bytes(path.read_bytes()).text


def cleaned(name: str) -> str:
    path = next(DUMPS.glob(name))
    return process_source(path.name, path.read_bytes()).cleaned.text


# a news page as a browser's "select all, copy" gives it (our sentences, a portal's shape)
NEWS_PAGE = "\n".join([
    "首页", "新闻", "国内", "国际", "财经", "体育", "娱乐", "客户端下载",
    "首页 > 财经频道 > 正文",
    "本市启动老旧小区加装电梯三年行动",
    "2024-03-12 09:30:21 来源：本地日报",
    "分享到：", "微信", "微博", "QQ空间", "更多",
    "T + -",
    "本报讯 3月11日，本市召开老旧小区加装电梯工作推进会，部署今后三年的加装任务和资金安排。",
    "会议提出，到2026年底全市完成加装电梯两千台，优先保障高龄老人集中的楼栋。",
    "居民意见征询",
    "各区将在每个楼栋开展意见征询，征询结果公示七天后即可开工，施工期间安排临时出行帮扶。",
    "市住房城乡建设管理委表示，将简化审批流程，并对低收入家庭给予专项补贴。",
    "责任编辑：王某",
    "分享到：", "微信", "微博", "QQ空间", "更多",
    "跟贴12", "参与345", "注册|跟贴广场|手机发跟贴",
    "网友评论仅供其表达个人看法，并不表明本站立场。",
    "路人甲[本站网友]2024-03-12 10:01:02",
    "终于等到了，希望我们楼也能早点装上，老人上下楼太不容易了。",
    "|回复", "|分享",
    "为您推荐",
    "明日天气晴转多云 最高气温十八度",
    "地铁新线年底开通 沿线居民出行更方便",
    "关于我们 | 联系我们 | 网站地图",
    "本站版权所有 ICP备00000000号",
])


# ---------------------------------------------------------------- markup residue

def test_comments_tags_and_escapes_left_by_a_converter_go():
    text = ("<!-- 正文 start -->\n\n<p>为深入贯彻落实党中央决策部署，现提出如下意见。</p>\n\n"
            "<font face=\"宋体\">一、总体要求</font><br/>\n\n2019年1月27日 &amp;nbsp; &amp;nbsp;\n\n"
            "<!-- /enpcontent -->\n\n<!-- [if !IE]> --><![endif] -->\n")
    out = run_rule("markup_residue", text)
    assert "<" not in out and ">" not in out and "&amp;" not in out
    assert "为深入贯彻落实党中央决策部署，现提出如下意见。" in out
    assert "一、总体要求" in out and "2019年1月27日" in out


def test_a_comment_over_lines_and_an_unclosed_one():
    text = "正文第一段。\n<!-- 广告位\n已下线 -->\n正文第二段。\n<!-- 未闭合的注释\n正文第三段。"
    out = run_rule("markup_residue", text)
    assert out.split() == ["正文第一段。", "正文第二段。", "正文第三段。"]


def test_markdown_of_a_converter_keeps_the_words_of_links():
    text = ("# 国务院关于促进综合保税区高水平开放高质量发展的若干意见\n\n* [首页](http://www.gov.cn/)\n\n"
            "**索 引 号：**\n\n![](http://www.gov.cn/images/logo.gif)\n\n"
            "[赞 0](JavaScript:makeRequest('http://example.invalid/dig?a=1'))\n")
    out = run_rule("markup_residue", text)
    assert out.split("\n\n")[0] == "国务院关于促进综合保税区高水平开放高质量发展的若干意见"
    assert "首页" in out and "索 引 号：" in out and "赞 0" in out
    assert not any(m in out for m in ("**", "](", "![", "http", "# ", "* "))


def test_markdown_links_with_spaces_titles_and_bold_over_lines():
    """What converters write besides the plain forms: spaces inside a link's brackets, a
    link's title, an address with a space before its own brackets, and bold over several
    lines (a headline in bold, or between `**` lines of its own, blank lines between)."""
    text = ("[医院介绍](/nets/page/article_7732_1.shtml  )\n\n[关闭](javascript:void (0))\n\n"
            '![院徽](/img/logo.gif "院徽")\n\n**全国人民代表大会常务委员会\n关于批准某项决议的决定**\n\n'
            "**\n\n<!-- 标题 -->\n\n本市启动老旧小区加装电梯三年行动\n\n**\n\n正文第一段，内容完整。")
    out = run_rule("markup_residue", text)
    assert [x for x in out.split("\n") if x.strip()] == [
        "医院介绍", "关闭", "全国人民代表大会常务委员会", "关于批准某项决议的决定", "本市启动老旧小区加装电梯三年行动",
        "正文第一段，内容完整。"]
    # a lone marker far from any other stays
    far = "**注意\n" + "\n".join(f"第{i}段，内容完整。" for i in range(8)) + "\n结束**\n[首页](http://example.invalid/)"
    assert run_rule("markup_residue", far).count("**") == 2


def test_a_source_line_split_over_two_lines_goes_with_its_outlet():
    from archivegen.ingest.clean.base import Outlet
    from archivegen.ingest.clean.web import find_chrome_lines

    text = "\n".join(["本区新闻", "本市启动老旧小区加装电梯三年行动", "来源于：", "本区办事处", *STORY])
    found = find_chrome_lines(text, Context(Decoded(text, "utf-8", "lf", is_html=False)))
    assert [f.name for f in found if isinstance(f, Outlet)] == ["本区办事处"]
    out = run_rule("chrome", text)
    assert "来源于" not in out and "本区办事处" not in out and STORY[0] in out
    # a salutation over its text is no split meta line
    letter = "\n".join(["各区人民政府：", "现将有关事项通知如下，请认真贯彻执行。"])
    assert run_rule("chrome", letter) == letter


def test_residue_is_left_alone_where_it_may_be_text():
    # a lone marker is no converter's hand; a comparison is no tag; a page's visible text is printed text
    plain = "增长率 a<b 时取**下限**，见《通知》。"
    assert run_rule("markup_residue", plain) == plain
    assert run_rule("markup_residue", "教程：写 <div> 和 </div> 包住正文。", html=True) == "教程：写 <div> 和 </div> 包住正文。"


# ---------------------------------------------------------------- pagination and pages

def test_pagination_lines():
    for s in ("上一页 1 2 3 4 下一页", "第1页 共4页", "【1】【2】【3】", "1 2 下一页 余下全文",
              "上一页 1/3 下一页", "共4页: 上一页 1 2 3 4 下一页", "首页 上一页 1 2 3 下一页 尾页"):
        assert is_pagination(s), s
    for s in ("1/3", "1 2 3", "2019", "第一页", "上一页", "会议指出，下一页工作要抓紧。"):
        assert not is_pagination(s), s
    assert is_pagination("1" * 3000) is False          # long digit runs: no backtracking


def test_a_multi_page_save_becomes_one_text():
    """govcn-55 saved page after page: the pagination lines and the chrome between the
    parts go (the first page's own frame is left to the block rules); the issuer and the
    date the text prints, which the chrome's info table prints too, stay."""
    raw = dump("govcn-55.multipage.*")
    out = run_rule("pagination", raw)
    assert raw.count("索 引 号") == 4 and out.count("索 引 号") == 1
    assert "上一页" not in out and "扫一扫在手机打开当前页" not in out
    assert "国务院\n2018年11月20日\n（此件公开发布）" in out and "洪天云 扶贫办副主任" in out


def test_one_page_saved_twice_is_not_two_pages():
    page = "\n".join(["首页 > 要闻", "某标题", "正文第一句，内容完整。", "【1】【2】【3】", "版权所有"])
    out = run_rule("pagination", page + "\n\n" + page)
    assert out.count("正文第一句，内容完整。") == 2 and "【1】" not in out


# ---------------------------------------------------------------- saved copies

def test_saved_twice_and_three_times_keeps_one_copy():
    for name in ("govcn-01.saved2x.*", "govcn-45.saved2x.*"):
        raw, out = dump(name), cleaned(name)
        sentence = next(x for x in raw.split("\n") if len(x) > 40)
        assert raw.count(sentence) >= 2 and out.count(sentence) == 1, name


def test_copies_with_chrome_between_and_new_text_in_a_copy():
    body = [f"第{i}段，这是一段足够长的正文内容，用来检测同一页面被保存两次的情况，只保留第一份。" for i in range(5)]
    chrome = ["首页", "新闻中心", "版权所有"]
    copy = body[:3] + ["这是只在第二份里出现的一句新话，必须留下，不能当作副本删去。"] + body[3:]
    text = "\n".join(chrome + body + chrome + chrome + copy + chrome)
    out = run_rule("saved_copies", text)
    assert all(out.count(b) == 1 for b in body)
    assert "这是只在第二份里出现的一句新话" in out


def test_a_compilation_quoting_the_same_paragraphs_is_not_a_copy():
    shared = [f"共同引用的第{i}段，两份报告都照录了上级文件中的这一段原文，文字完全相同，不能删去。" for i in range(3)]
    a = [f"甲区报告第{i}段，讲甲区自己的工作安排和目标任务，内容各不相同。" for i in range(8)]
    b = [f"乙区报告第{i}段，讲乙区自己的工作安排和目标任务，内容各不相同。" for i in range(8)]
    text = "\n".join(shared + a + shared + b)
    assert run_rule("saved_copies", text) == text


# ---------------------------------------------------------------- page furniture

def test_state_council_dump_keeps_its_heading_text_and_signature():
    out = cleaned("govcn-55.innertext.*")
    lines = [x for x in out.split("\n") if x.strip()]
    assert lines[:4] == ["国务院关于同意建立国务院职业教育工作", "部际联席会议制度的批复", "国函〔2018〕144号", "教育部："]
    assert "索 引 号" not in out and "发布日期" not in out and "扫一扫在手机打开当前页" not in out
    assert "国务院\n2018年11月20日\n（此件公开发布）" in out
    assert lines[-1] == "洪天云 扶贫办副主任"         # the member list after the text stays


def test_a_multi_page_save_imports_as_one_document():
    path = next(DUMPS.glob("govcn-55.multipage.*"))
    sp = process_source(path.name, path.read_bytes())
    assert len(sp.segments) == 1
    lines = [x for x in sp.cleaned.text.split("\n") if x.strip()]
    assert lines[:3] == ["国务院关于同意建立国务院职业教育工作", "部际联席会议制度的批复", "国函〔2018〕144号"]
    assert lines[-1] == "洪天云 扶贫办副主任" and "索 引 号" not in sp.cleaned.text


def test_a_table_after_the_text_stays():
    out = cleaned("govcn-52.innertext.*")
    assert "内地西藏初中班（校）扩大招生计划表" in out and "江苏" in out and "安徽" in out


def test_news_page_keeps_headline_and_story_loses_frame_and_comments():
    out = run_rule("page_furniture", NEWS_PAGE)
    lines = [x for x in out.split("\n") if x.strip()]
    assert lines[0] == "本市启动老旧小区加装电梯三年行动"
    assert "居民意见征询" in out and "市住房城乡建设管理委表示" in out
    for junk in ("客户端下载", "首页 > 财经频道", "QQ空间", "T + -", "跟贴12", "网友评论仅供", "终于等到了",
                 "为您推荐", "明日天气", "网站地图", "ICP备"):
        assert junk not in out, junk


def test_page_furniture_reports_the_frame_and_its_date():
    ctx = Context(Decoded(NEWS_PAGE, "utf-8", "lf", is_html=False))
    facts = [f for f in find_page_furniture(NEWS_PAGE, ctx) if not hasattr(f, "old")]
    kinds = {type(f).__name__ for f in facts}
    assert "PageFrame" in kinds and "PageDate" in kinds


def test_a_report_saved_from_a_portal_keeps_its_header():
    """A work report's header (title, dateline, signature, salutation) sits between the
    portal's toolbar and the text; the toolbar goes, the header stays."""
    seed = next(p for p in seed_files() if p.name.startswith("004"))
    report = decode_bytes(seed.read_bytes()).text
    start = report.index("政府工作报告\n——2024年1月23日")
    body = report[start:start + 6000]
    page = "\n".join(["网站首页", "政务公开", "下载", "打印", "大", "中", "小", "关闭"]) + "\n" + body
    out = run_rule("page_furniture", page)
    assert out.startswith("政府工作报告\n——2024年1月23日在上海市第十六届人民代表大会第二次会议上\n上海市市长 龚 正\n各位代表:")
    assert "打印" not in out.split("\n")[:3]


def test_code_and_lists_inside_the_text_stay():
    text = "\n".join(["首页", "技术", "专栏", "博客", "|", "Python 中的延迟调用", "2020-02-10 10:00 来源：某博客",
                      "熟悉这门语言的同学都知道，它里面有一个关键词，可以在函数返回前执行一段代码。",
                      "import json", "try:", "return", "data = client.lpop('test')",
                      "可以看到，代码变得很难看了，我们来改写一下，让它更清楚。",
                      "关于我们 | 联系我们 | 网站地图"])
    out = run_rule("page_furniture", text)
    assert "try:\nreturn" in out and "import json" in out and "关于我们" not in out


def test_text_without_furniture_is_left_alone():
    for path in seed_files():
        sp = process_source(path.name, path.read_bytes())
        assert not [p for p in sp.cleaned.passes if p.rule in ("page_furniture", "pagination", "saved_copies",
                                                               "markup_residue")], path.name


def test_page_furniture_is_linear():
    """Four times the page costs four times the work, give or take (no pairwise comparison
    of lines). Work is counted, not timed: the lines of blocks.py executed, which a loop over
    pairs of lines would multiply by sixteen."""
    import sys

    import archivegen.ingest.clean.blocks as blocks

    def steps(n: int) -> int:
        text = "\n".join([NEWS_PAGE] * n)
        count = 0

        def local(frame, event, arg):
            nonlocal count
            count += event == "line"
            return local

        def trace(frame, event, arg):
            return local if frame.f_code.co_filename == blocks.__file__ else None

        sys.settrace(trace)
        try:
            run_rule("page_furniture", text)
        finally:
            sys.settrace(None)
        return count

    small, large = steps(20), steps(80)
    assert small > 1000
    assert large < small * 6


# ---------------------------------------------------------------- template lines across files

def test_batch_lines_count_files_not_lines():
    batch = batch_lines(["首页\n首页\n正文一", "首页\n正文二", "首页\n正文三", "正文四"])
    assert batch.files == 4 and batch.counts["首页"] == 3
    assert batch.is_template("首页") and not batch.is_template("正文一")


def _portal_file(n: int) -> bytes:
    """A work report saved from a portal whose toolbar prints one word per line."""
    toolbar = ["下载", "打印", "纠错", "字号", "大", "中", "小"]
    body = [f"第{n}号报告的第{i}段，讲这一年的工作安排、目标任务和具体措施，每份报告的内容各不相同，不能删去。"
            for i in range(6)]
    return "\n".join(["政府门户网站", *toolbar, "政府工作报告", f"——2024年1月{n}日在某市第十六届人民代表大会第{n}次会议上",
                      "各位代表：", "现在，我代表市人民政府，向大会报告工作，请予审议。", *body, "主办单位：某市人民政府办公厅",
                      *toolbar]).encode("utf-8")


def test_template_lines_of_a_batch_go_around_the_text_and_shared_sentences_stay():
    plan = plan_import([(f"r{n}.txt", _portal_file(n)) for n in range(1, 5)])
    assert not plan.failures
    for sp in plan.sources:
        text = sp.cleaned.text
        assert text.startswith("政府工作报告\n——2024年1月")
        assert "各位代表：\n现在，我代表市人民政府，向大会报告工作，请予审议。" in text
        assert "打印" not in text and "字号" not in text and "主办单位" not in text
        assert [s.header[0] for s in sp.segments] == ["政府工作报告"]


def test_a_batch_of_seeds_cleans_as_each_seed_alone():
    files = seed_files()
    plan = plan_import([(p.name, p.read_bytes()) for p in files])
    for sp in plan.sources:
        path = next(p for p in files if p.name == sp.name)
        assert sp.cleaned.text == process_source(path.name, path.read_bytes()).cleaned.text


# ---------------------------------------------------------------- split

def test_a_saved_web_page_is_one_article_whatever_its_subheadings():
    text = "\n".join(["业绩会突现业主维权插曲", "昔日质量口碑遭质疑",
                      "记者了解到，涉事项目合同约定以精装房交付，业主收房时发现多处质量问题，已经多次与开发商沟通，至今没有得到答复。",
                      "多地项目接连出现问题", "整改及交付难题或拖累业绩",
                      "本报记者调查发现，维权项目还遍布上海、浙江、福建等多个地区，有些项目的整改效果并不乐观，还出现了二次整改。"])
    assert len(split(text)) == 2                      # a newspaper page: two articles
    assert len(split(text, one_story=True)) == 1       # one saved web page: one article
    sp = process_source("page.txt", NEWS_PAGE.encode("utf-8"))
    assert len(sp.segments) == 1 and any(isinstance(f, PageFrame) for p in sp.cleaned.passes for f in p.facts)


# ---------------------------------------------------------------- related box above the story

def test_a_related_box_above_the_story_does_not_take_the_story():
    text = "\n".join(["相关新闻：", "别处的一条新闻标题", "另一条新闻标题",
                      *[f"正文第{i}段，记者了解到，这项工作已经全面铺开，各方面反响良好，后续还将继续推进。" for i in range(5)],
                      "相关文章", "别的文章", "别的文章的摘要..."])
    out = run_rule("related", text)
    assert "正文第4段" in out and "别的文章的摘要" not in out


# ---------------------------------------------------------------- headlines over the text

def test_a_headline_that_exclaims_asks_or_trails_off_stays_over_its_time_line():
    story = ["3月11日，本市召开老旧小区加装电梯工作推进会，部署今后三年的加装任务和资金安排。",
             "会议提出，到2026年底全市完成加装电梯两千台，优先保障高龄老人集中的楼栋。"]
    menu = ["首页", "新闻", "国内", "国际", "财经", "体育", "注册登录", "新闻 > 本地 > 正文"]
    for headline in ("老旧小区加装电梯，三年要装两千台！", "老旧小区加装电梯，今年能装多少？", "他等了十年的电梯 终于要来了……",
                     "新款iPhone 11发布 64GB售5499元"):
        out = run_rule("page_furniture", "\n".join([*menu, headline, "2024-03-12 09:30 本地日报", *story]))
        assert out.split("\n")[0] == headline, headline
        assert "注册登录" not in out and story[1] in out


STORY = ["3月11日，本市召开老旧小区加装电梯工作推进会，部署今后三年的加装任务和资金安排。",
         "会议提出，到2026年底全市完成加装电梯两千台，优先保障高龄老人集中的楼栋。"]


def _imported_title_and_text(lines: list[str]) -> tuple[str, str]:
    sp = plan_import([("page.txt", "\n".join(lines).encode("utf-8"))]).sources[0]
    desc, seg = sp.descriptions[0], sp.segments[0]
    return desc.title, sp.cleaned.text[desc.body_start:seg.end]


def test_short_page_lines_over_a_headline_and_its_source_line_go():
    """A page saved as text with no menu above the story: the site's and section's names,
    a login line and a breadcrumb's last piece stand over the headline, and the source line
    under it is what tells the headline (cleaned away first by the chrome rule, which
    leaves a MetaLine for the page_furniture rule to read)."""
    for top in (["本区办事处", "本区新闻"], ["首页 - 新闻动态"], ["门户首页", "登录某某用户", "个人中心帐号设置退出"]):
        title, text = _imported_title_and_text([*top, "本市启动老旧小区加装电梯三年行动", "来源于：本区办事处", *STORY])
        assert title == "本市启动老旧小区加装电梯三年行动", top
        assert text.split("\n")[0] == STORY[0] and not any(t in text for t in top), top
    # with a time line (and a writer's name between it and the headline) too
    title, text = _imported_title_and_text(["门户首页", "本区新闻", "本市启动老旧小区加装电梯三年行动", "本地日报",
                                            "发布时间：2024-03-12 09:30", *STORY])
    assert title == "本市启动老旧小区加装电梯三年行动" and "门户首页" not in text and STORY[1] in text


def test_a_notice_above_the_headline_is_the_pages_and_a_signature_is_no_headline():
    """A little prose above a headline that a labelled time line follows (a pop-up's
    notice) goes with the page; a document's signature over a bare date, with an
    attachment's prose after it, is not taken for a headline: the text above it stays."""
    menu = ["首页", "资讯", "技术", "社区", "下载", "杂志订阅", "杂志声明"]
    notice = "本刊提供免费订阅，任何第三方平台的赠送或售卖行为均未获得本刊授权。"
    page = [*menu, notice, "广告", "本市启动老旧小区加装电梯三年行动", "时间：2024-03-12 作者：本刊 阅读：1644", *STORY]
    title, text = _imported_title_and_text(page)
    assert title == "本市启动老旧小区加装电梯三年行动" and notice not in text and text.startswith(STORY[0])
    notice_doc = ["关于加装电梯的批复", "本区住房管理局：", "你局报来的加装电梯方案收悉，经研究，同意实施。", "本区人民政府",
                  "2024年3月12日", "附件", "加装电梯的楼栋名单和资金安排，请按名单组织实施，按期完成。"]
    out = run_rule("page_furniture", "\n".join([*menu, *notice_doc]))
    assert out.startswith("关于加装电梯的批复\n本区住房管理局：\n你局报来的加装电梯方案收悉")


def test_a_story_end_under_the_page_furniture_is_read_where_the_story_ends():
    """The story's own closing lines (a source note, a credit, a button) are read at the
    end of the story, which in a saved page is where page_furniture cut the page's frame
    away, not at the end of the file (the footer)."""
    note = "（本文来自本地日报，更多原创资讯请下载“本地日报”APP）"
    page = ["首页", "新闻", "国内", "国际", "财经", "本市启动老旧小区加装电梯三年行动", "2024-03-12 09:30:21 来源：本地日报",
            *STORY, note, "【纠错】", "分享到：", "微信", "微博", "QQ空间", "更多", "热门排行", "娱乐", "体育", "汽车", "房产",
            "游戏", "教育", "健康", "旅游", "关于我们 | 联系我们 | 网站地图", "本站版权所有 ICP备00000000号"]
    sp = process_source("page.txt", "\n".join(page).encode("utf-8"))
    assert sp.cleaned.text.rstrip().endswith(STORY[1])
    assert any(p.rule == "story_end_in_frame" and any(e.old.strip() == note for e in p.edits) for p in sp.cleaned.passes)


def test_the_one_story_of_a_saved_page_opens_with_its_headline_even_when_it_asks():
    """A saved page's one story opens with its headline, which may ask or exclaim; a text
    that is not known to be one page's story keeps such a line in its body (大家好！ opens
    a speech), and a note in brackets is no headline either way."""
    asking = "老旧小区加装电梯，今年能装多少？"
    text = "\n".join([asking, *STORY])
    assert split(text, one_story=True)[0].header == (asking,)
    assert split(text)[0].header == ()
    assert split("\n".join(["大家好！", *STORY]))[0].header == ()
    note = "（原标题：老旧小区加装电梯，今年能装多少？）"
    assert split("\n".join([note, *STORY]), one_story=True)[0].header == ()


def test_a_kicker_and_lines_with_numbers_over_a_headline_stay():
    """What may be the document's own: a kicker (a headline-like line right over the
    headline), and any line above with digits in it (a document number) keeps them all."""
    page = ["本区新闻", "三年装两千台，优先高龄老人楼栋", "本市启动老旧小区加装电梯三年行动", "2024-03-12 09:30", *STORY]
    out = run_rule("page_furniture", "\n".join(page))
    assert out.startswith("三年装两千台，优先高龄老人楼栋\n本市启动老旧小区加装电梯三年行动")
    out = run_rule("page_furniture", "\n".join(["本区文件", "本办发〔2024〕3号", "关于加装电梯的通知",
                                                 "2024-03-12 09:30", *STORY]))
    assert out.startswith("本区文件\n本办发〔2024〕3号\n关于加装电梯的通知")


def test_a_meta_line_removed_by_an_earlier_rule_is_found_where_the_text_moved():
    """MetaLine positions are carried through every later pass's edits (clean() moves them)."""
    from archivegen.ingest.clean import clean
    from archivegen.ingest.clean.base import MetaLine

    text = "\n".join(["本区新闻", "本市启动老旧小区加装电梯三年行动", "来源：本地日报", "ＡＢＣ２０２４", *STORY])
    cleaned = clean(Decoded(text, "utf-8", "lf", is_html=False))
    metas = [f for p in cleaned.passes for f in p.facts if isinstance(f, MetaLine)]
    assert len(metas) == 1
    assert "本区新闻" not in cleaned.text and cleaned.text.startswith("本市启动老旧小区加装电梯三年行动\n")


def test_a_menu_never_takes_the_headline_over_the_text():
    """The one-word items of a menu take the short lines next to them, but not the line
    right over the text (a law's title under the site's section name)."""
    menu = ["添加收藏夹 | 设为首页 | 关于我们", "首页", "机构职能", "校内制度", "学思践悟", "警钟长鸣", "宣传教育",
            "文献资料", "中纪委监察部", "教育部", "省监察厅", "省教育厅", "■ 纪检监察"]
    law = ["中华人民共和国监察法", "中华人民共和国监察法",
           "第一条 为了深化国家监察体制改革，加强对所有行使公权力的公职人员的监督，实现国家监察全面覆盖，深入开展反腐败工作，"
           "推进国家治理体系和治理能力现代化，根据宪法，制定本法。",
           "第二条 坚持中国共产党对国家监察工作的领导，构建集中统一、权威高效的中国特色国家监察体制。"]
    out = run_rule("page_furniture", "\n".join(menu + law))
    assert out.startswith("中华人民共和国监察法\n第一条") and "纪检监察" not in out


def test_counters_dated_credits_and_prev_next_links_go_around_the_text():
    story = ["3月11日，本市召开老旧小区加装电梯工作推进会，部署今后三年的加装任务和资金安排。",
             "会议提出，到2026年底全市完成加装电梯两千台，优先保障高龄老人集中的楼栋。",
             "共有5000人参与了征询",                           # a short line of the text with a number stays
             "各区将在每个楼栋开展意见征询，征询结果公示七天后即可开工，施工期间安排临时出行帮扶。"]
    page = ["首页", "新闻", "国内", "国际", "本市启动老旧小区加装电梯三年行动", "2024-03-12 09:30 本地日报",
            "1032人参与308评论", *story, "阅读数(15878）", "发布日期：2024-03-12 责任编辑：王某",
            "【上一篇】 地铁新线年底开通，沿线居民出行更方便！ 【下一篇】 明日天气晴转多云，最高气温十八度。"]
    out = run_rule("page_furniture", "\n".join(page))
    assert out.split("\n")[0] == "本市启动老旧小区加装电梯三年行动"
    assert all(s in out for s in story)
    for junk in ("参与308评论", "阅读数", "责任编辑", "上一篇"):
        assert junk not in out, junk


STORY_END = ["3月11日，本市召开老旧小区加装电梯工作推进会，部署今后三年的加装任务和资金安排。",
             "会议提出，到2026年底全市完成加装电梯两千台，优先保障高龄老人集中的楼栋。"]
FOOTER = ["关于我们 | 联系我们 | 网站地图", "本站版权所有 ICP备00000000号"]


def test_a_list_of_dated_headlines_after_the_text_goes():
    latest = ["作者最新文章", "地铁新线年底开通，沿线居民出行更方便！", "12-2718:40", "明日天气晴转多云，最高气温十八度左右",
              "12-2717:52", "老城区菜市场改造完成，居民买菜不用再绕路了", "12-2715:50"]
    out = run_rule("page_furniture", "\n".join(["首页", "新闻", "国内", "国际", *STORY_END, *latest, *FOOTER]))
    assert out.rstrip("\n").endswith(STORY_END[-1]) and "作者最新文章" not in out


def test_short_lines_ending_a_story_and_a_list_of_people_stay():
    """A story may end with a few short lines of its own, and a document with the people
    of a committee; neither is a list of other stories."""
    tails = [["此外", "航站楼免税店正同步进行招商工作", "购物、餐饮、空中花园、免税商城……", "这么气派的邮轮母港", "开始期待了吗！！！"],
             ["联席会议成员名单", "召集人：", "孙春兰 国务院副总理", "副召集人：", "陈宝生 教育部部长",
              "成 员：", "王志军 工业和信息化部副部长", "余蔚平 财政部副部长", "汤 涛 人力资源社会保障部副部长"]]
    for tail in tails:
        out = run_rule("page_furniture", "\n".join(["首页", "新闻", "国内", "国际", *STORY_END, *tail, *FOOTER]))
        assert all(x in out for x in tail), tail


def test_a_page_converted_onto_one_line_keeps_its_text():
    """A converter that writes a whole page on one line: the line holds the story's
    sentences and the footer's words; it is prose, never furniture."""
    line = ("10月4日，旅游专列开往襄阳。 **西班牙《世界报》：** 报道称，从今天到下周四，预计将有超过6亿人次出游。"
            "报道指出，中国显示出明显的复苏趋势。世界银行周一预测，今年中国经济增速将达2%。 【编辑：姚昊】 "
            + " ".join(f"[栏目{i}](http://example.cn/{i}/)" for i in range(40)) + " 版权所有 ICP备00000000号")
    page = "\n".join(["首页", "新闻", "国内", "国际", STORY_END[0], "![点击查看高清原图](./a.jpeg)", line])
    assert "世界银行周一预测" in run_rule("page_furniture", page)


def test_a_comment_stamped_with_a_time_ago_is_page_furniture():
    """A comment's stamp (5小时前, 12分钟前, 3天前) is a page's, never a document's (a document
    prints dates): such a line is strong furniture, so a comment stream after the story,
    each comment under its stamp and over its buttons, no longer carries the story on."""
    from archivegen.ingest.clean.base import Line
    from archivegen.ingest.clean.blocks import _features, classify

    stamps = ["热心市民 5小时前", "老张 12分钟前", "小李 3天前"]
    blocks = [_features(Line(0, len(x), x)) for x in [*stamps, "会议于3天前召开，部署了加装电梯工作。"]]
    classify(blocks)
    assert [b.strong for b in blocks] == [True, True, True, False]
    comment = "这个政策真好，我们小区的老人等了很多年，希望各区都能尽快落实，让大家都满意。"
    unit = ["12小时前", "查看回复 1 举报", "新浪微博微信QQ空间", "回复 踩0 赞8 收藏"]
    page = ["首页", "新闻", "国内", "国际", "财经", "本市启动老旧小区加装电梯三年行动", "2024-03-12 09:30:21 来源：本地日报",
            *STORY, "全部评论 23条", "热心市民", comment, *unit, "老张", comment.replace("政策", "办法"), *unit]
    out = run_rule("page_furniture", "\n".join(page))
    # from the first stamp on everything goes (the comment right after the story, scored
    # with it, may stay: the stretch of prose is chosen before its edge is cut)
    assert STORY[1] in out and "小时前" not in out and "这个办法真好" not in out


def test_a_notices_first_paragraph_over_a_numbered_heading_and_a_meeting_time_stays():
    """A meeting notice: a short first paragraph, a numbered heading, a time with a clock.
    That heading is the text's, and the time is one field of it, not a page's info line."""
    notice = ["首页", "通知公告", "关于召开加装电梯工作推进会的通知", "各区住房管理局：",
              "为推进老旧小区加装电梯工作，经研究，定于近期召开推进会。", "一、会议安排", "时间：2024年3月1日 9:00",
              "地点：市政府第一会议室，请各单位按时参会，不得缺席。", *STORY]
    out = run_rule("page_furniture", "\n".join(notice))
    assert "为推进老旧小区加装电梯工作，经研究，定于近期召开推进会。" in out and "一、会议安排" in out
