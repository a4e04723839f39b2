"""Deterministic damaged inputs for the import: `generate(seed, index)` is one raw file.

Each input is made from a base text — one of the project's seeds (content/sources, always
there), a page or text of the shared corpora when ../shared/corpora sits beside the project
(else the committed 25-page sample, tests/data/cctv-sample), or a few lines of structure
alone — by a random recipe of the damage real files show and the structures the cleaning
rules, the splitter and describe react to:

- line level: shuffles, duplications, deletions, truncation, splices of two sources, one
  huge line, lines of structure inserted (genre markers, datelines, glossary appendices,
  来源 lines, tables of contents, pagers, HTML tags and entities, comments, pinyin,
  headings, dates that do not exist, Markdown and YAML syntax, control characters …);
- character level: full-width and invisible spaces, escapes, stray traditional characters;
- encoding: UTF-8 (with or without BOM), GB18030, GBK, Big5, UTF-16 (with or without BOM),
  CRLF / CR / mixed line ends;
- byte level, after encoding: bit flips, bytes inserted or deleted, truncation (also in
  the middle of a character), NUL bytes.

`generate(seed, index)` depends on nothing but its arguments and the files it reads, so an
input is reproduced from its (seed, index) alone; every input is at most MAX_BYTES long.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "content" / "sources"
CORPORA = ROOT.parent / "shared" / "corpora"
SAMPLE = ROOT / "tests" / "data" / "cctv-sample"
MAX_BYTES = 200_000


@dataclass(frozen=True)
class Input:
    index: int
    name: str          # the raw file's name
    data: bytes
    recipe: tuple[str, ...]   # how it was made, step by step (for the person reading a failure)

    @property
    def label(self) -> str:
        return f"#{self.index} " + " | ".join(self.recipe)


# ---------------------------------------------------------------- sources

@dataclass(frozen=True)
class Base:
    label: str
    path: Path | None = None     # a file, read as UTF-8 text
    text: str | None = None      # or the text itself

    @property
    def html(self) -> bool:
        return self.path is not None and self.path.suffix in (".html", ".shtml", ".htm")

    def read(self) -> str:
        if self.text is not None:
            return self.text
        return _read(self.path)


@lru_cache(maxsize=None)
def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


@lru_cache(maxsize=1)
def pools() -> dict[str, list[Base]]:
    """Base texts by kind: the seeds always; the corpora when present, else the sample."""
    out: dict[str, list[Base]] = {
        "seed": [Base(f"seed {p.name}", p) for p in sorted(SEEDS.iterdir())
                 if p.is_file() and not p.name.endswith(".edits.json")],
    }
    if CORPORA.is_dir():
        out["cctv"] = [Base(f"cctv {p.name}", p) for p in sorted((CORPORA / "cctv-news-2024-01").glob("*.shtml"))]
        out["news-sites"] = [Base(f"news-sites {p.relative_to(CORPORA / 'news-sites')}", p)
                             for p in sorted((CORPORA / "news-sites").rglob("*.htm*"))]
        out["govcn"] = [Base(f"govcn {p.name}", p) for p in sorted((CORPORA / "govcn-policies" / "pages").glob("*.html"))]
        speeches = json.loads((CORPORA / "newscn-speeches" / "speeches.json").read_text(encoding="utf-8"))
        out["speeches"] = [Base(f"newscn speech {i}", text=f"{s.get('title', '')}\n{s.get('publication', '')}\n{s.get('text', '')}")
                           for i, s in enumerate(speeches)]
        truth = json.loads((CORPORA / "govcn-policies" / "truth.json").read_text(encoding="utf-8"))
        rows = truth if isinstance(truth, list) else list(truth.values())
        out["govcn-text"] = [Base(f"govcn clean_text {i}", text=f"{r.get('title', '')}\n{r.get('clean_text', '')}")
                             for i, r in enumerate(rows) if isinstance(r, dict)]
    else:
        out["cctv"] = [Base(f"cctv-sample {p.name}", p) for p in sorted(SAMPLE.glob("*.shtml"))]
    return {k: v for k, v in out.items() if v}


# ---------------------------------------------------------------- small random pieces

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
REGIONS = ["上海市", "浦东新区", "黄浦区", "静安区", "徐汇区", "北京市", "国务院", "杭州市", "全国", "崇明区"]
ROLES = ["市长", "区长", "市委书记", "区委书记", "主任", "代理区长", "副市长", "院长", "总理", "局长"]
NAMES = ["陈吉宁", "龚正", "龚 正", "李明", "王芳", "张 三", "习近平", "赵", "欧阳修文", "李李"]
CN_NUM = ["一", "二", "三", "十", "十一", "十四", "二十", "十十", "九九", "十一十", "一百", "零", "两"]


def han(rng: random.Random, lo: int = 2, hi: int = 12) -> str:
    return "".join(rng.choice(HAN) for _ in range(rng.randint(lo, hi)))


def sentence(rng: random.Random) -> str:
    parts = [han(rng, 3, 14) for _ in range(rng.randint(1, 4))]
    return "，".join(parts) + rng.choice(["。", "。", "！", "？", "；", "", "……", "：", "”"])


def _date(rng: random.Random) -> tuple[int, int, int]:
    """A date, sometimes one that does not exist (month 13, 30 February, day 0)."""
    if rng.random() < 0.6:
        return rng.choice([2023, 2024, 2025]), rng.randint(1, 12), rng.randint(1, 28)
    return (rng.choice([0, 1, 999, 1900, 2024, 2099, 9999]), rng.choice([0, 2, 13, 19, 99]),
            rng.choice([0, 29, 30, 31, 32, 99]))


def _num(rng: random.Random) -> str:
    return rng.choice(CN_NUM) if rng.random() < 0.5 else str(rng.choice([0, 1, 2, 3, 12, 99, 999, 1000]))


def _numerals(n: int, rng: random.Random) -> str:
    """A number in Chinese numerals, digit by digit (二〇二四) or counted (二十九), sometimes garbled."""
    digits = "〇一二三四五六七八九"
    if rng.random() < 0.2:
        return rng.choice(["十十", "九九九", "〇", "十一十", "百", "两"])
    if n >= 100:
        return "".join(digits[int(c)] for c in str(n))
    tens, ones = divmod(n, 10)
    return (digits[tens] if tens > 1 else "") + ("十" if tens else "") + (digits[ones] if ones or not tens else "")


def _dateline(rng: random.Random) -> str:
    y, m, d = _date(rng)
    if rng.random() < 0.3:
        y, m, d = _numerals(y, rng), _numerals(m, rng), _numerals(d, rng)
    when = rng.choice([f"{y}年{m}月{d}日", "", f"{y}年", f"{m}月{d}日", f"{y} 年 {m} 月 {d} 日"])
    where = rng.choice(REGIONS) + rng.choice(["第十六届人民代表大会第三次会议", "人民代表大会", "会议", "", "全体会议",
                                              "第十四届人民代表大会\n第四次会议", "常委会", "座谈会"])
    end = rng.choice(["上", "上的讲话", "上的报告", "", "上发言", "上的致辞"])
    line = when + rng.choice(["在", "", "于", "在 "]) + where + end
    how = rng.choice(["dash", "dash", "bracket", "bare", "half-bracket", "signed"])
    if how == "dash":
        return rng.choice(["——", "—", "－－", "--", "――", "───"]) + rng.choice(["", " "]) + line
    if how == "bracket":
        return rng.choice(["（", "("]) + line + rng.choice(["）", ")"])
    if how == "half-bracket":
        return rng.choice(["（", "——（"]) + line
    if how == "signed":
        return "——" + line + rng.choice(["　", " ", ""]) + f"{rng.choice(REGIONS)}{rng.choice(ROLES)}　{rng.choice(NAMES)}"
    return line


def _glossary(rng: random.Random) -> list[str]:
    out = [rng.choice(["附件", "附件1：", "附件 二", ""]),
           rng.choice(["名词解释", "《政府工作报告》名词解释", "有关内容名词注释", "注释：", "注解", "名词解释（以报告中出现先后为序）"])]
    if rng.random() < 0.5:
        out.append(rng.choice(["（以报告中出现先后为序）", "(按出现先后)", "()", "（1）"]))
    style = rng.choice(["{n}、", "{n}.", "［{n}］", "({n})", "{n})", "", "{n}．"])
    n = rng.choice([0, 1, 1, 1, 2])
    for _ in range(rng.randint(0, 6)):
        term = rng.choice([han(rng, 1, 8), f"“{han(rng, 2, 5)}”{rng.choice(['改造', '改革', '行动'])}",
                           f"{han(rng, 2, 4)}（{han(rng, 2, 4)}）", f"“{han(rng, 2, 4)}”、“{han(rng, 2, 4)}”",
                           '"', "“”", "：", "、", "AEO", "(", "“" + han(rng, 1, 3)])
        number = style.format(n=n)
        n += rng.choice([1, 1, 1, 0, 2])
        layout = rng.random()
        if layout < 0.5:
            out.append(f"{number}{term}：{sentence(rng)}")
        elif layout < 0.8:
            out += [f"{number}{term}", sentence(rng)]
        else:
            out.append(f"{number}{term}{rng.choice(['：', ''])}")
    return out


def _toc(rng: random.Random) -> list[str]:
    return [f"{rng.choice(['第一章 ', '一、', '', rng.choice(REGIONS)])}{han(rng, 0, 10)}"
            f"{rng.choice(['……', '........', '·····', '____', '…'])}{rng.randint(0, 9999)}"
            for _ in range(rng.randint(1, 6))]


def _markup(rng: random.Random) -> str:
    return rng.choice([
        "<p>", "</p>", "</div>", "<div class=\"content\">", "<br>", "<br/>", "<script>var a = '<p>';</script>",
        "<script>", "<style>p{}</style>", "<a href=\"x.html\">", "</a>", "<!-- 注释 -->", "<!--", "-->",
        "<![CDATA[", "<?xml version=\"1.0\"?>", "<!DOCTYPE html>", "<html>", "<title>", "</title>",
        "<meta property=\"og:title\" content=\"\">", "<link rel=\"canonical\" href=\"\">", "<h1>", "<td>",
        "<img src=x onerror=alert(1)>", "<p class=\"share\">", "&ldquo;", "&rdquo;", "&nbsp;", "&#12288;",
        "&#0;", "&#x110000;", "&#xD800;", "&amp;lt;", "&lt;script&gt;", "&bogus;", "&#99999999;", "&#x3000;",
        "<U+3000>", "<U+00A0>", "\\u3000", "\\uD800", "\\udfff", "<U+FFFFFF>", "<U+110000>", "<U+0000>", "\\u0000",
        "\\u000a", "<U+2028>", "<![if !IE]>", "<![endif]>", "<![ x", "<![CDA", "<!", "<?", "</ >", "<a b='", "&#",
        "<!-->", "<p <p>", "<table><td>", "</body></html>", "<base href=x>", "<noscript>", "<svg><p>",
    ])


def _markdown(rng: random.Random) -> str:
    return rng.choice([
        "---", "***", "# 标题", "## ", "> 引用", "* 项目", "- 项目", "+ 项", "1. 第一", "1) 第一", "| a | b |",
        "|---|---|", "[链接](x.md)", "![图](x.png)", "```", "~~~", "    缩进代码", "{#id}", "<div markdown=\"1\">",
        "$$", ":::", "!!! note", "[^1]", "[^1]: 注", "*[HTML]: x", "[TOC]", "{{ page.title }}", "{% raw %}",
        "title: x", "key: value", "- - -", "? 问", "& 锚", "*别名", "!!python/object", "%YAML 1.1", "@", "`",
        "null", "true", "~", "2024-01-01", "1e3", "0x1F", "'", '"', "\\", "<", ">", "&", "|", "=", "==",
        "#", "-", "—— ", "——", "…", "。", "，", "（）", "()", "[1]", "［1］",
    ])


def _control(rng: random.Random) -> str:
    return rng.choice(["\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x1c", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff",
                       "\u200b", "\u200d", "\u202e", "\ufffd", "\U0001F600", "\U00020000", "\u0301", "\t", "\xa0",
                       "\u3000", "\u3000\u3000", "\ue000", "\uffff"])


def structure(rng: random.Random, context: list[str]) -> list[str]:
    """Lines of a structure some stage reacts to (`context`: lines of the text, for quotes)."""
    y, m, d = _date(rng)
    quote = rng.choice(context).strip() if context else sentence(rng)
    kinds = [
        lambda: [rng.choice(["(传达稿)", "（讨论稿）", "(征求意见稿)", "（摘要）", "(全文)", "(草案)", "(传达稿", "传达稿)"])],
        lambda: [_dateline(rng)],
        lambda: [f"{rng.choice(REGIONS)}{rng.choice(ROLES)} {rng.choice(NAMES)}"],
        lambda: [rng.choice(["政府工作报告", f"{y}年政府工作报告", f"政府工作报告（{y}年）", f"{rng.choice(REGIONS)}政府工作报告"])],
        lambda: _glossary(rng),
        lambda: [f"{rng.choice(['来源', '来源于', '文章来源', '转载自'])}{rng.choice(['：', ':', ' : '])}"
                 f"{rng.choice(['新华网', '上海发布', rng.choice(REGIONS) + '人民政府', '123', '', ' ', han(rng, 1, 40), '2024年1月1日'])}"],
        lambda: _toc(rng),
        lambda: [rng.choice(["上一页 1 2 3 下一页", "首页 > 新闻 > 正文", "当前位置：首页>要闻", "分享到：", "【打印】【关闭】",
                             "字号：大 中 小", "上一篇：" + han(rng), "责任编辑：" + han(rng, 1, 4), "返回顶部"])],
        lambda: [_markup(rng) + rng.choice(["", han(rng), sentence(rng)]) + rng.choice(["", _markup(rng)])],
        lambda: [rng.choice(["人(ren)", "重（zhong）", "(ren)", "人(r)", "人（REN）", "行(xing)(hang)", "了(le)"]) + han(rng, 0, 4)],
        lambda: [rng.choice(["习大大", "彭麻麻"]) + sentence(rng)],
        lambda: [rng.choice(["本报讯（记者 李明）", "新华社北京1月17日电（记者 王芳）", "（完）", "（本文图片 陈正宝 摄）",
                             "本报记者 张三", "央视网消息：", "（记者 ）", "记者"]) + rng.choice(["", sentence(rng)])],
        lambda: [rng.choice(["一、", "（一）", "第一章", "1、", "1.", "第十百章", "附件", "■"]) + rng.choice(["", han(rng), sentence(rng)])],
        lambda: [rng.choice(["（上接第2版）", "（下转第3版）", "(续第十版)"]) + rng.choice(["", sentence(rng)])],
        lambda: [rng.choice(["- 12 -", "12", "第3页 共5页", "12/30", "—1—", "第0页"])],
        lambda: ["■ " + quote[: rng.randint(0, 40)]],
        lambda: [rng.choice(["版权所有 ©2024 ", "本文标题：", "本文链接：http://example.invalid/", "沪ICP备12345号",
                             "Copyright", "相关文章", "【相关阅读】", "推荐阅读："]) + rng.choice(["", han(rng, 0, 70)])],
        lambda: [f"发布时间：{y}-{m}-{d} 12:00 来源：{han(rng, 1, 6)} 浏览次数：{rng.randint(0, 9999)}",
                 f"{y}年{m}月{d}日 {rng.randint(0, 99)}:{rng.randint(0, 99):02d}"][rng.randint(0, 1):],
        lambda: [f"{rng.choice(CN_NUM)}届全国人大{rng.choice(CN_NUM)}次会议", f"全国政协{rng.choice(CN_NUM)}届{rng.choice(CN_NUM)}次会议",
                 f"{rng.choice(['十一', '十二'])}届市委{rng.choice(CN_NUM)}次、{rng.choice(CN_NUM)}次全会",
                 "二十大", "十四五”规划收官"][rng.randint(0, 4):][:1],
        lambda: [_markdown(rng) + rng.choice(["", " ", han(rng), sentence(rng)])],
        lambda: [rng.choice(["國務院關於進一步加強", "經濟發展", "鑑", "為", "個"]) + sentence(rng)],
        lambda: [f"{rng.choice(['市委书记', '区长', '主任', ''])}{rng.choice(NAMES)}{rng.choice(['同志', '', '出席', '指出'])}{sentence(rng)}"],
        lambda: [_control(rng) * rng.randint(1, 3) + rng.choice(["", han(rng)])],
        lambda: [f"{y}年{m}月{d}日，{sentence(rng)}", f"{m}月{d}日上午，{sentence(rng)}"],
        lambda: [rng.choice(["", " ", "　", "\t"]) * rng.randint(1, 5)],
        lambda: [sentence(rng) for _ in range(rng.randint(1, 4))],
        lambda: _info_table(rng),
        lambda: [f"{rng.choice(['国办发', '沪府发', '国发', '浦府', '〔2019〕'])}{rng.choice(['〔2019〕', '[2024]', '（2024）', '〔〕', ''])}"
                 f"{rng.choice(['3', '12', '0', '', '九'])}号"],
        lambda: [rng.choice(["国务院办公厅", "上海市人民政府", "国务院", "教育部、财政部", han(rng, 2, 8) + "委员会"]),
                 rng.choice([f"{y}年{m}月{d}日", f"{_numerals(y, rng)}年{_numerals(m, rng)}月{_numerals(d, rng)}日",
                             f"{y}-{m:02d}-{d:02d}" if isinstance(m, int) else "2019-02-30"])],
        lambda: ["\u3000\u3000".join(sentence(rng) for _ in range(rng.randint(2, 8)))],
        lambda: [rng.choice(["新华社记者 李明 摄", "（新华社记者 王芳 摄）", "图为会议现场。新华社记者 张三 摄"]) + sentence(rng)],
        lambda: [rng.choice([f"{y}-{m}-{d} {rng.randint(0, 30)}:{rng.randint(0, 70):02d}", "http://www.news.cn/x/2024-01/01/c_1.htm",
                             "https://", "www.gov.cn"])],
        lambda: [f"（{rng.choice(['一', '二', '十', '一百'])}）{han(rng, 2, 10)}{rng.choice(['。', '，', '；'])}{sentence(rng)}"],
    ]
    return rng.choice(kinds)()


INFO_LABELS = ["索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期", "主  题  词", "发 布 日 期"]


def _info_table(rng: random.Random) -> list[str]:
    """A government page's information table (索引号 / 发文机关 / 成文日期 …), whole or damaged."""
    y, m, d = _date(rng)
    values = {"索引号": "000014349/2019-00010", "主题分类": "教育\\学前教育", "发文机关": rng.choice(["国务院办公厅", "", "省政府办公厅"]),
              "成文日期": rng.choice([f"{y}年{m:02d}月{d:02d}日" if isinstance(m, int) else "", f"{y}-{m}-{d}", "二〇一九年二月三十日"]),
              "标题": rng.choice([sentence(rng), "国务院办公厅关于开展城镇小区配套幼儿园治理工作的通知", ""]),
              "发文字号": rng.choice(["国办发〔2019〕3号", "", "〔〕号"]), "发布日期": f"{y}-{m}-{d} {rng.randint(0, 23)}:00"}
    labels = rng.sample(INFO_LABELS, rng.randint(1, len(INFO_LABELS)))
    rows = [f"{label}{rng.choice(['：', ':', '', '　'])}{values.get(label, han(rng))}" for label in labels]
    if rng.random() < 0.3:
        return ["　".join(rows)]            # the table flattened into one line
    if rng.random() < 0.3:
        return [x for row in rows for x in row.split("：", 1)]     # label and value on lines of their own
    return rows


# ---------------------------------------------------------------- text mutations

def _lines_op(text: str, rng: random.Random) -> tuple[str, str]:
    lines = text.split("\n")
    n = len(lines)
    op = rng.choice(["shuffle", "duplicate", "delete", "reverse", "repeat-one"])
    a = rng.randrange(n)
    b = min(n, a + rng.randint(1, max(1, min(40, n))))
    if op == "shuffle":
        block = lines[a:b]
        rng.shuffle(block)
        lines[a:b] = block
    elif op == "duplicate":
        at = rng.randrange(n + 1)
        lines[at:at] = lines[a:b] * rng.randint(1, 3)
    elif op == "delete":
        del lines[a:b]
    elif op == "reverse":
        lines[a:b] = lines[a:b][::-1]
    else:
        lines[a:a] = [lines[a]] * rng.randint(1, 30)
    return "\n".join(lines), f"lines {op} {a}:{b}"


def _insert_structure(text: str, rng: random.Random) -> tuple[str, str]:
    lines = text.split("\n")
    added = structure(rng, lines[:200])
    at = rng.choice([0, 0, 1, 2, len(lines), rng.randrange(len(lines) + 1)])
    at = min(at, len(lines))
    lines[at:at] = added
    return "\n".join(lines), f"insert {added!r:.80} at line {at}"


def _inline(text: str, rng: random.Random) -> tuple[str, str]:
    """Characters dropped into the middle of lines (spaces, escapes, controls, pinyin)."""
    piece = rng.choice([_control(rng), _markup(rng), _markdown(rng), "　", " ", "(ren)", "。", "\n", "\n\n", "——",
                        "（", "）", "“", "”", "２０２４", "ＡＥＯ"])
    chars = list(text)
    k = rng.randint(1, 8)
    for _ in range(k):
        chars.insert(rng.randint(0, len(chars)), piece)
    return "".join(chars), f"inline {piece!r} x{k}"


def _splice(text: str, rng: random.Random) -> tuple[str, str]:
    other = _pick_base(rng)
    o = other.read()
    i, j = rng.randint(0, len(text)), rng.randint(0, len(o))
    how = rng.choice(["head+tail", "insert", "append"])
    if how == "head+tail":
        text = text[:i] + o[j:]
    elif how == "insert":
        text = text[:i] + o[j:j + rng.randint(1, 5000)] + text[i:]
    else:
        text = text + rng.choice(["\n", "", "\n\n"]) + o
    return text, f"splice {how} with {other.label} at {i}/{j}"


def _truncate(text: str, rng: random.Random) -> tuple[str, str]:
    at = rng.randint(0, len(text))
    return (text[:at], f"truncate text at {at}") if rng.random() < 0.7 else (text[at:], f"drop text before {at}")


def _huge_line(text: str, rng: random.Random) -> tuple[str, str]:
    how = rng.choice(["join", "repeat-char", "repeat-sentence"])
    if how == "join":
        return text.replace("\n", rng.choice(["", " ", "　"])), "join all lines into one"
    n = rng.randint(1000, 60_000)
    line = rng.choice("的。，　a1<&—") * n if how == "repeat-char" else (sentence(rng) * (n // 20 + 1))[:n]
    at = rng.randint(0, len(text))
    return text[:at] + "\n" + line + "\n" + text[at:], f"huge line ({how}, {n} chars)"


def _traditional(text: str, rng: random.Random) -> tuple[str, str]:
    table = str.maketrans("国发经济会这为个时说对动进与关书长门问区", "國發經濟會這為個時說對動進與關書長門問區")
    a = rng.randint(0, len(text))
    b = a + rng.randint(1, 3000)
    return text[:a] + text[a:b].translate(table) + text[b:], f"traditional {a}:{b}"


def _strip_punct(text: str, rng: random.Random) -> tuple[str, str]:
    mark = rng.choice(["。", "，", "\n", "“", "”", "：", "（", "）"])
    return text.replace(mark, rng.choice(["", " ", "\n", "."])), f"replace every {mark!r}"


def _html_wrap(text: str, rng: random.Random) -> tuple[str, str]:
    """A text made into a web page (lines as paragraphs, in a content container or not)."""
    paras = "\n".join(f"<p>{line}</p>" for line in text.split("\n"))
    head = f"<title>{text.split(chr(10), 1)[0][:60]}</title>" if rng.random() < 0.7 else ""
    box = rng.choice(['<div class="content">', '<div id="nav">', "<article>", "<div>", ""])
    close = {"": "", "<article>": "</article>"}.get(box, "</div>") if rng.random() < 0.8 else ""
    page = f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">{head}</head><body>{box}\n{paras}\n{close}</body></html>"
    return page, f"html page ({box or 'no container'})"


def _html_damage(text: str, rng: random.Random) -> tuple[str, str]:
    """Tags removed, left unclosed or added; comments and scripts left open."""
    how = rng.choice(["strip-tags", "drop-close", "open-comment", "open-script", "remove-body", "nest"])
    if how == "strip-tags":
        import re
        return re.sub(r"<[^<>]{0,200}>", "", text, count=rng.randint(1, 500)), "html: some tags stripped"
    if how == "drop-close":
        return text.replace(rng.choice(["</p>", "</div>", "</a>", "</script>", "</title>", "</head>", "</body>"]), ""), "html: an end tag dropped"
    at = rng.randint(0, len(text))
    piece = {"open-comment": "<!--", "open-script": "<script>", "remove-body": "</body></html>",
             "nest": "<div class=\"main-content\">" * rng.randint(1, 300)}[how]
    return text[:at] + piece + text[at:], f"html: {how} at {at}"


def _html_head(text: str, rng: random.Random) -> tuple[str, str]:
    """A page title, og:title or canonical address of any shape (describe and the pages use them)."""
    value = rng.choice(["", " ", "---", "# 标题", "[链接](x.md)", "标题 | 网站", "<b>标题</b>", "null", "2024-01-01",
                        "a: b", "\u3000", "标题\x0b", "{{ x }}", "x)y", "a b", "javascript:alert(1)", "../../x",
                        "http://例子.中国/路径?q=1#x", "【视频】", "【" + "长" * 300 + "】", "&amp;&lt;", _markdown(rng),
                        sentence(rng)])
    tag = rng.choice([f"<title>{value}</title>", f'<meta property="og:title" content="{value}">',
                      f'<link rel="canonical" href="{value}">', f'<meta property="og:url" content="{value}">'])
    at = text.find("<head>")
    at = at + len("<head>") if at >= 0 else 0
    return text[:at] + tag + text[at:], f"html head: {tag[:60]!r}"


TEXT_OPS = (
    (_lines_op, 6), (_insert_structure, 10), (_inline, 3), (_splice, 2), (_truncate, 2), (_huge_line, 1),
    (_traditional, 1), (_strip_punct, 1), (_html_wrap, 1),
)
HTML_OPS = TEXT_OPS[:-1] + ((_html_damage, 3), (_html_head, 2))


# ---------------------------------------------------------------- encodings and bytes

def _encode(text: str, rng: random.Random) -> tuple[bytes, str]:
    ends = rng.choices(["\n", "\r\n", "\r", "mixed"], weights=[70, 15, 5, 5])[0]
    if ends == "mixed":
        text = "".join(line + rng.choice(["\n", "\r\n", "\r"]) for line in text.split("\n"))
    elif ends != "\n":
        text = text.replace("\n", ends)
    enc = rng.choices(["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le", "utf-16-be"],
                      weights=[50, 8, 10, 8, 6, 8, 5, 5])[0]
    try:
        data = text.encode(enc)
        how = enc
    except UnicodeEncodeError:
        if enc in ("gbk", "big5"):
            data, how = text.encode(enc, errors="replace"), f"{enc} (unencodable characters as ?)"
        else:                                            # a lone surrogate made by a mutation
            data, how = text.encode(enc, errors="surrogatepass"), f"{enc} (surrogates passed)"
    return data, f"encode {how}, line ends {ends!r}"


def _bytes_op(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    b = bytearray(data)
    how = rng.choice(["flip", "insert", "delete", "truncate", "nul", "duplicate"])
    if not b and how != "insert":
        how = "insert"
    if how == "flip":
        k = rng.randint(1, 10)
        for _ in range(k):
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
        return bytes(b), f"flip {k} bits"
    if how == "insert":
        k = rng.randint(1, 16)
        at = rng.randint(0, len(b))
        b[at:at] = bytes(rng.randrange(256) for _ in range(k))
        return bytes(b), f"insert {k} random bytes at {at}"
    if how == "delete":
        at = rng.randrange(len(b))
        k = rng.randint(1, 16)
        del b[at:at + k]
        return bytes(b), f"delete {k} bytes at {at}"
    if how == "truncate":
        at = rng.randint(0, len(b))
        return bytes(b[:at]), f"truncate bytes at {at}"
    if how == "nul":
        at = rng.randint(0, len(b))
        b[at:at] = b"\x00" * rng.randint(1, 4)
        return bytes(b), f"NUL at {at}"
    at = rng.randrange(len(b))
    k = rng.randint(1, 4000)
    b[at:at] = b[at:at + k]
    return bytes(b), f"duplicate {k} bytes at {at}"


# ---------------------------------------------------------------- inputs

SPECIAL = (
    (b"", "empty file"),
    (b"\n\n  \n\t\r\n", "blank lines only"),
    (b"\xef\xbb\xbf", "a UTF-8 BOM only"),
    (b"\xff\xfe", "a UTF-16 BOM only"),
    ("。。。，，，！！！".encode(), "punctuation only"),
    ("人".encode(), "one character"),
    (b"\x00" * 64, "NUL bytes"),
    (")\n(传达稿)\n(传达稿)".encode(), "two genre markers (split bug)"),
    ("来源:海\n来源:上".encode(), "two 来源 lines (overlapping edits bug)"),
    ("<html></html>".encode(), "an empty page"),
    ("<!DOCTYPE html><html><body><div class=content><p>。</p></div></body></html>".encode(), "a page of punctuation"),
)


def _pick_base(rng: random.Random) -> Base:
    table = pools()
    weights = {"seed": 30, "cctv": 18, "news-sites": 14, "govcn": 12, "speeches": 10, "govcn-text": 6}
    kinds = [k for k in weights if k in table]
    kind = rng.choices(kinds, weights=[weights[k] for k in kinds])[0]
    return rng.choice(table[kind])


def _tiny(rng: random.Random) -> tuple[str, str]:
    """A few lines of structure and prose, no base text: the shortest inputs that reach a rule."""
    lines: list[str] = []
    for _ in range(rng.randint(1, 6)):
        lines += structure(rng, lines) if rng.random() < 0.7 else [sentence(rng)]
    return "\n".join(lines), "tiny: structure lines only"


def _suffix(rng: random.Random, html: bool) -> str:
    return rng.choice([".html", ".shtml", ".htm", ".txt", ""] if html else [".txt", ".txt", ".md", ""])


def _name(index: int, suffix: str, rng: random.Random) -> str:
    if rng.random() < 0.9:
        return f"fuzz-{index:05d}{suffix}"
    return rng.choice([f"报告 {index}{suffix}", f"fuzz ({index}){suffix}", f"fuzz#{index}{suffix}",
                       f"fuzz%20{index}{suffix}", f"-fuzz-{index}{suffix}", f"fuzz_{index}_[1]{suffix}",
                       f"{'很长的名字' * 12}{index}{suffix}", f"fuzz'{index}\"{suffix}", f"fuzz&{index}{suffix}"])


def generate(seed: int, index: int) -> Input:
    """The index-th input of a run with this seed."""
    rng = random.Random(f"archivegen-fuzz:{seed}:{index}")
    roll = rng.random()
    if roll < 0.02:
        data, what = rng.choice(SPECIAL)
        return Input(index, _name(index, ".txt", rng), data, (what,))
    recipe: list[str] = []
    if roll < 0.17:
        text, what = _tiny(rng)
        html = False
        recipe.append(what)
    else:
        base = _pick_base(rng)
        text, html = base.read(), base.html
        recipe.append(base.label)
    ops = HTML_OPS if html else TEXT_OPS
    for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4, 6])):
        op = rng.choices([o for o, _ in ops], weights=[w for _, w in ops])[0]
        text, what = op(text, rng)
        html = html or op is _html_wrap
        recipe.append(what)
        if len(text) > 4 * MAX_BYTES:
            text = text[: 4 * MAX_BYTES]
    data, what = _encode(text, rng)
    recipe.append(what)
    for _ in range(rng.choice([0, 0, 0, 0, 1, 2])):
        data, what = _bytes_op(data, rng)
        recipe.append(what)
    if len(data) > MAX_BYTES:
        data = data[:MAX_BYTES]
        recipe.append(f"cut to {MAX_BYTES} bytes")
    return Input(index, _name(index, _suffix(rng, html), rng), data, tuple(recipe))


def inputs(seed: int, count: int, start: int = 0):
    for i in range(start, start + count):
        yield generate(seed, i)
