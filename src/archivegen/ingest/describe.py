"""Describe stage: a segment of cleaned text → the document's metadata.

Every field is found by a general rule about how Chinese official documents and news are
written; what the rules know about the world (regions, the political calendar, name
substitutions) lives in archivegen/data/*.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable

import ahocorasick

from archivegen.data import load_data
from archivegen.data.regions import depth, region_mentions, regions
from archivegen.ingest.clean.base import CJK, Fact, Outlet, SourceUrl, ends_sentence
from archivegen.ingest import headline, pubdate
from archivegen.ingest.headers import calendar_date, parse_dateline, parse_signature
from archivegen.ingest.policy import official_headline, read_policy
from archivegen.ingest.split import Segment


# "政府工作报告", "2026年政府工作报告", "河北省政府工作报告", "政府工作报告（2026年）"
GENERIC_REPORT_TITLE = re.compile(
    r"^(?:(?P<y1>\d{4})年)?(?P<region>[^\s0-9年]{2,12}?(?:省|市|自治区|特别行政区|自治州|地区|盟|州|县|区|旗)(?:人民)?)?"
    r"(?P<kind>政府工作报告)(?:[(（](?P<y2>\d{4})年?[)）])?$")
# The body that holds a meeting names its region: "河北省第十四届人民代表大会…"
OCCASION_REGION = re.compile(r"^(?P<region>[^\s第]{2,16}?(?:省|市|自治区|特别行政区|自治州|地区|盟|州|县|区|旗))"
                             r"(?:第[一二三四五六七八九十]+届)?(?:人民代表大会|人大|政协|委员会)")
MONTH_DAY = re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
YEAR_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
PRINTED_YEAR = re.compile(r"(?<![\d到至—\-~－])(?P<y>(?:19|20)\d{2})年(?![前底末左]|—|-|～)")
FUTURE_CONTEXT = re.compile(r"(到|至|—|-|～|~)$")
AUTHOR = re.compile(rf"[(（]\s*(?:本报)?记者\s*(?P<names>[{CJK}、 ]{{2,20}}?)\s*[)）]|^(?:本报记者|记者|文\s*[/／]|作者[:：])\s*(?P<names2>[{CJK}、 ]{{2,12}})")
CREDIT_LINE = re.compile(r"^[(（].{0,30}(摄|供图|图)[)）]$|^[(（]完[)）]$")

DOC_TYPES = (
    ("政府工作报告", re.compile(r"政府工作报告")),
    # a speech's own title: 在…上的讲话, …时的讲话, 在…的主旨演讲, 发表书面讲话, 发表新年贺词 (not
    # 并发表重要讲话 or 发表特别致辞: a report on a speech), and the
    # title that names its speaker after its date (在…上的讲话（2023年6月2日）习近平)
    ("讲话", re.compile(r"((在.{2,40}(上|时)?的|时的)(重要|主旨|书面)?(讲话|致辞|演讲|祝酒辞|发言)|发表书面(讲话|致辞)|发表.{0,12}贺词)"
                      r"(（[^（）]{4,16}）[\u4e00-\u9fff]{2,4})?$")),
    ("政策文件", re.compile(r"(通知|意见|决定|办法|规定|方案|规划|条例|细则|纲要|公告|通告)$")),
)
# The speaker a speech's title names first: "李强在…上的讲话", "国家主席X发表…贺词", "X：在…的讲话";
# or last, after the date it was given: "在…上的讲话（2023年6月2日）X". A name is a surname and
# one or two characters, never a body (a name-like word ending in 区, 市, 委 … is one).
_ROLE_BEFORE_NAME = r"(?P<role>[\u4e00-\u9fff]{0,8}?(?:国家主席|总书记|委员长|总理|主席|书记|省长|市长|区长|部长))?"
_NAME = r"(?P<name>[\u4e00-\u9fff]{2,3}?)"
_NOT_A_NAME = re.compile(r"[区市省县镇乡村局委部院会厅办处司署馆校站所组党团]$")


def _known_name(word: str) -> bool:
    """A word jieba's dictionary tags as a person's name (nr…)."""
    from archivegen.dictionary import short_person_names

    return word in short_person_names()


def _is_name(word: str) -> bool:
    """A common surname and one or two characters, or a word jieba's dictionary knows as a
    person's name; never a body (a word ending in 区, 市, 委 …)."""
    if _NOT_A_NAME.search(word):
        return False
    return word[0] in SURNAMES or _known_name(word)


def title_speaker(title: str) -> tuple[str | None, str] | None:
    """(role or None, name) of the speaker a speech's title names, or None."""
    m = (re.match(_ROLE_BEFORE_NAME + _NAME + r"(?:同志)?(?:：|:|在|发表|会见)", title)
         or re.search(r"（[^（）]{4,16}）" + _NAME + r"$", title))
    if m and _is_name(m.group("name")):
        return (m.groupdict().get("role") or None), m.group("name")
    # no marker after it ("X抵达…发表书面讲话"): only a name jieba's dictionary knows
    lead = re.match(_ROLE_BEFORE_NAME, title)
    at = lead.end() if lead else 0
    for n in (3, 2):
        word = title[at:at + n]
        if len(word) == n and not _NOT_A_NAME.search(word) and _known_name(word):
            return (lead.group("role") if lead else None) or None, word
    return None


NEWS_CUES = re.compile(r"本报讯|记者|新华社|消息|今天|昨天|日前|近日|举行|召开|调研|会议|座谈会|出席")

# People: a role printed right before a name ("市委书记陈吉宁"), or a name with 同志.
ROLE_WORDS = (
    "市委书记 区委书记 省委书记 县委书记 党委书记 党组书记 副书记 书记 代理区长 代理市长 市长 副市长 区长 副区长 "
    "省长 副省长 县长 主任 副主任 主席 副主席 副主委 主委 院长 副院长 校长 副校长 院士 首席执行官 总经理 董事长 "
    "总裁 部长 副部长 局长 副局长 秘书长 总理 副总理"
).split()
ROLE_RE = re.compile("(" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + ")")
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝邰奚"
)
# Surnames that are more often function words right after a role ("委员和其他…").
SURNAMES -= set("和于向时全应明成连简古农商边师关万单齐安易文常尚党路")
# Characters that end a name candidate early: verbs and particles that follow names.
NAME_STOP = set("等主出指强表说参作在介用来同和与也就对向将到为是率带了的会一代、，,。同志讲提看听部")
ATTENDANCE = re.compile(r"(市|区|省|县)?领导[^。]{0,80}?(出席|参加)")


@dataclass
class Description:
    title: str
    title_derived: bool = False
    printed_title: str | None = None
    subtitle: str | None = None
    kicker: str | None = None
    doc_type: str = "其他"
    region: str | None = None
    date: str | None = None
    year: int | None = None
    date_inferred: bool = True
    year_evidence: str | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    author: str | None = None
    occasion: str | None = None
    source_name: str | None = None
    source_url: str | None = None
    issuer: str | None = None         # 发文机关, 发文字号, 成文日期, 发布日期, 主题分类 (ingest/policy.py)
    doc_number: str | None = None
    written: str | None = None
    published: str | None = None
    topic: str | None = None
    people: list[str] = field(default_factory=list)
    roles: dict[str, list[str]] = field(default_factory=dict)         # settled by name_people
    found_roles: dict[str, list[str]] = field(default_factory=dict)   # printed with a role here
    complete: bool = True
    incomplete_reason: str | None = None
    body_start: int = 0           # offset in the cleaned text where the body begins


# ---------------------------------------------------------------- regions

def report_region(occasion: str | None, role: str | None, title: str, body: str) -> str | None:
    """A report's region is the body it was delivered to (the occasion) or the speaker's
    office, never a place the text merely mentions; only when neither names one is the
    body consulted."""
    for where in (occasion or "", role or ""):
        found = region_mentions(where)
        if found:
            return most_specific(list(found))
        m = OCCASION_REGION.match(where)
        if m:
            return m.group("region")            # a region the table does not know yet
    return guess_region(title, body)


def _title_region(gm: re.Match) -> str | None:
    """The region a generic report title names ("河北省政府工作报告")."""
    named = (gm.group("region") or "").removesuffix("人民")
    if not named:
        return None
    found = region_mentions(named)
    return most_specific(list(found)) if found else named


def _issuer(region: str | None) -> str:
    """The name a region's report is titled with: 浦东新区, but 国务院 for the nation."""
    if not region:
        return ""
    known = regions().get(region)
    return (known.issuer if known else "") or region


def most_specific(names: list[str]) -> str | None:
    return max(names, key=lambda n: (depth(n), -names.index(n)), default=None)


def guess_region(title: str, body: str, hint: str | None = None) -> str | None:
    """The document's region: named in the title if it names one, else the place the body
    is about (a place mentioned far more than any other), else the broadest level it
    speaks for (市委/市政府 → the city)."""
    in_title = region_mentions(title)
    if in_title:
        return most_specific(sorted(in_title, key=lambda n: -in_title[n]))
    counts = region_mentions(body)
    if hint:
        counts[hint] = counts.get(hint, 0) + 3
    if not counts:
        return None
    # A district the body is about: mentioned at least 3 times and twice as often as any
    # other district (its own city's mentions do not compete with it).
    districts = sorted((kv for kv in counts.items() if depth(kv[0]) >= 2), key=lambda kv: (-kv[1], kv[0]))
    if districts:
        top, n = districts[0]
        second = districts[1][1] if len(districts) > 1 else 0
        if n >= 3 and n >= 2 * second:
            return top
        if len(districts) == 1 and not any(depth(k) == 1 for k in counts):
            return top
    # Several places, or the city itself: the broadest place spoken for.
    cities = sorted((kv for kv in counts.items() if depth(kv[0]) == 1), key=lambda kv: (-kv[1], kv[0]))
    if cities:
        return cities[0][0]
    if districts:
        return regions()[districts[0][0]].parent or districts[0][0]
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


# ---------------------------------------------------------------- dates

def _counted(n: int) -> str:
    digits = "一二三四五六七八九"
    tens, ones = divmod(n, 10)
    return (digits[tens - 1] if tens > 1 else "") + ("十" if tens else "") + (digits[ones - 1] if ones else "")


# 一 … 九十九 as counted (届 and 次 are counted, never written digit by digit)
SESSIONS = {_counted(n): n for n in range(1, 100)}


def year_evidence(text: str) -> list[tuple[int, str, str]]:
    """(year, kind, phrase) for every dating phrase: kind is "exact" or "from"."""
    cal = load_data("calendar.yaml")
    out = []
    for item in cal["numbered"]:
        for m in re.finditer(item["pattern"], text):
            groups = {k: v for k, v in m.groupdict().items() if v}
            n = groups.get("n") or groups.get("n2")
            k = groups.get("k") or groups.get("k2")
            base = item["base"].get(f"{n}届")
            if base is None:
                continue
            sessions = [SESSIONS.get(x) for x in re.findall("[一二三四五六七八九十]+", k)]
            if None in sessions:          # 九九次, 十十次: a misprint or damage, no session
                continue
            session = max(sessions)
            per_year = item.get("per_year", 1)
            out.append((base + (session - 1) // per_year, item["kind"], m.group()))
    for item in cal["fixed"]:
        if item.get("requires") and not re.search(item["requires"], text):
            continue
        m = re.search(item["pattern"], text)
        if m:
            out.append((item["year"], item["kind"], m.group()))
    for m in PRINTED_YEAR.finditer(text):
        before = text[max(0, m.start() - 1): m.start()]
        if FUTURE_CONTEXT.search(before):
            continue
        # "2023年工作回顾" in a 2024 report: a printed year is the text's year or earlier.
        out.append((int(m.group("y")), "from", m.group()))
    return out


def infer_year(evidence: list[tuple[int, str, str]]) -> tuple[int | None, str | None]:
    exact = [e for e in evidence if e[1] == "exact"]
    if exact:
        best = max(exact, key=lambda e: e[0])
        return best[0], best[2]
    if evidence:
        best = max(evidence, key=lambda e: e[0])
        return best[0], best[2]
    return None, None


# ---------------------------------------------------------------- people

def _name_after(text: str, pos: int) -> str | None:
    cand = text[pos:pos + 3]
    if len(cand) < 2 or cand[0] not in SURNAMES or cand[1] in "、，,。；：等":
        return None
    if not all(re.match(f"[{CJK}]", c) for c in cand[:2]):
        return None
    if cand[1] == cand[0]:
        return None
    if len(cand) == 3 and (cand[2] in NAME_STOP or not re.match(f"[{CJK}]", cand[2])):
        return cand[:2]
    # "龚正部署": a two-character name seen more often than the three-character reading
    if len(cand) == 3 and text.count(cand[:2]) > text.count(cand):
        cand = cand[:2]
    # "李强日前": a name the dictionary knows, when the third character starts a word
    if len(cand) == 3 and cand not in _names() and cand[:2] in _names() and text[pos + 2:pos + 4] in _words():
        cand = cand[:2]
    # a name is its own word: "总书记高度重视" names no 高度重, "方负责人" no 方负
    for reading in (cand, cand[:2]) if len(cand) == 3 else (cand,):
        if not _cuts_a_word(text, pos, len(reading)):
            return reading
    return None


def _names():
    from archivegen.dictionary import short_person_names

    return short_person_names()


def _words():
    from archivegen.dictionary import short_words

    return short_words()


def _cuts_a_word(text: str, pos: int, length: int, left: bool = False) -> bool:
    """Whether reading text[pos:pos + length] as a name cuts a dictionary word in two: a
    word (not itself a name) that starts inside it and runs on past its end (高度重视, 负责人),
    or, with `left` (no role before it to mark where it starts), one that starts before it
    and ends inside it (地方 in 地方负责同志; after a role, 部长石泰峰 is not 长石). Of the words
    that start at its last character only those of three or more count: 唐仁健在 (健在) is
    唐仁健 + 在, 李强日前 李强 + 日前. A name the dictionary knows is read as one (李强调研)."""
    names, words = _names(), _words()
    if text[pos:pos + length] in names:
        return False
    end = pos + length
    for start in range(max(0, pos - 3) if left else pos, end):
        first = end + 1 if start >= pos else pos + 1
        for stop in range(first, min(start + 4, len(text)) + 1):
            if start < pos and stop > end:
                break                     # around the whole name: not a cut
            if start == end - 1 and stop - start < 3:
                continue
            word = text[start:stop]
            if word in words and word not in names:
                return True
    return False


def find_people(text: str) -> dict[str, list[str]]:
    """Names printed with a role before them (or 同志 after), mapped to the roles seen.

    Names inside attendance lists ("市领导A、B、C出席") are left out: they attended, the
    document is not about them.
    """
    skip_spans = [m.span() for m in ATTENDANCE.finditer(text)]
    found: dict[str, list[str]] = {}
    for m in ROLE_RE.finditer(text):
        if any(a <= m.start() < b for a, b in skip_spans):
            continue
        name = _name_after(text, m.end())
        if not name:
            continue
        # the role as printed, with the organisation before it ("上海市委书记", "区政协主席")
        org = re.search(f"[{CJK}]{{0,8}}$", text[max(0, m.start() - 8): m.start()]).group()
        org = re.split(r"[、，,。；：]", org)[-1]
        role = (org + m.group())[-12:]
        found.setdefault(name, [])
        if role not in found[name]:
            found[name].append(role)
    for m in re.finditer(f"([{CJK}]{{2,3}})同志", text):
        # the three characters before 同志, or the last two: a name that cuts no word and
        # is not itself a word (全党同志, 地方负责同志, 感谢全党同志 name nobody)
        for name in (m.group(1), m.group(1)[1:]) if len(m.group(1)) == 3 else (m.group(1),):
            at = m.end(1) - len(name)
            if (name[0] in SURNAMES and not (name in _words() and name not in _names())
                    and not _cuts_a_word(text, at, len(name), left=True)):
                found.setdefault(name, [])
                break
    return found


def byline_names(s: str) -> list[str]:
    """Names in a byline: "李明 王芳" and "李明、王芳" are two people, but a lone character
    belongs to its neighbour ("龚 正" is one name, spaced as headlines space short names)."""
    names: list[str] = []
    for token in re.split(r"[\s、]+", s.strip()):
        if not token:
            continue
        if names and (len(token) == 1 or len(names[-1]) == 1):
            names[-1] += token
        else:
            names.append(token)
    return names


# ---------------------------------------------------------------- titles

def normalize_title_punct(s: str) -> str:
    """Half-width punctuation between Chinese characters in a headline becomes full-width."""
    table = {"!": "！", "?": "？", ",": "，", ":": "：", ";": "；"}
    return re.sub(rf"(?<=[{CJK}”’)])([!?,:;])(?=[{CJK}“‘(]|$)", lambda m: table[m.group(1)], s)


def derive_title(body: str, region: str | None) -> str:
    """A headline made from the first sentence: its last clause, the one that says what happened."""
    first = re.split(r"[。！？!?\n]", body.strip(), maxsplit=1)[0]
    clauses = [c.strip() for c in re.split(r"[，,；;]", first) if c.strip()]
    clause = clauses[-1] if clauses else first
    clause = re.sub(r"^\d{1,2}月\d{1,2}日(上午|下午|晚上|晚)?", "", clause)
    clause = re.sub(r"^(今天|昨天|日前|近日|当天)(上午|下午|晚上)?", "", clause).strip()
    if region and re.match(r"^(区委|区政府|区人大|区政协|市委|市政府|市人大|市政协)", clause):
        level_char = clause[0]
        if region.endswith(level_char):
            clause = region + clause[1:]
    return clause[:40]


def parse_headline(lines: tuple[str, ...]) -> tuple[str | None, str | None, str | None, int]:
    """(kicker, title, subtitle, lines used) of a headline block.

    A kicker (引题) sits above the title: it is either a couplet of two short phrases or a
    line much shorter than the one below it. A subtitle is a short line below the title; a
    longer summary line (deck) stays in the body.
    """
    if not lines:
        return None, None, None, 0
    kicker = None
    i = 0
    if len(lines) >= 2:
        first, second = lines[0], lines[1]
        couplet = re.fullmatch(r"\S{3,14}\s+\S{3,14}", first) and "，" not in first
        if couplet or len(first) * 1.5 <= len(second.rstrip("，,")):
            kicker, i = first, 1
    title = lines[i].rstrip("，,、 ")
    subtitle = None
    used = i + 1
    if used < len(lines):
        nxt = lines[used]
        if len(nxt) <= 24 and "，" not in nxt and "," not in nxt:
            subtitle, used = nxt, used + 1
    return kicker, title, subtitle, used


# ---------------------------------------------------------------- completeness

def completeness(body: str) -> tuple[bool, str | None]:
    paras = [p.strip() for p in body.split("\n") if p.strip()]
    while paras and CREDIT_LINE.match(paras[-1]):
        paras.pop()
    if paras:
        # a closing credit in brackets after the last sentence: "…罢工。（《新闻联播》 20240104）"
        paras[-1] = re.sub(r"[(（][^()（）]{0,40}[)）]$", "", paras[-1]).rstrip() or paras[-1]
    if not paras:
        return False, "没有正文"
    first = paras[0]
    m = re.match(r"[^。！？]*[。！？]?[”’]?", first)
    opening = m.group() if m else first
    if opening.count("”") > opening.count("“") or first[0] in "，。、；：）)”":
        return False, "开头缺失(从句中开始)"
    if not ends_sentence(paras[-1]):
        return False, "结尾缺失(在句中或标题处中断)"
    return True, None


# ---------------------------------------------------------------- the whole description

def describe(text: str, seg: Segment, facts: list[Fact] = (), page: headline.PageTitle | None = None) -> Description:
    """Describe one segment of the cleaned `text`. `facts` are what cleaning learned about
    this segment from the text it removed (the page frame's outlet and publish time); `page`
    is what a web page's markup says its headline is (for the page's first document).

    People are found here by the roles printed with them; `name_people` then settles the
    document's people with what the rest of the batch knows."""
    head = list(seg.header)
    desc = Description(title="", body_start=seg.header_end)
    body = text[seg.header_end:seg.end]

    datelines = [d for d in map(parse_dateline, head[1:]) if d]
    if seg.shape == "report" and datelines:
        dateline = datelines[0]
        printed = head[0]
        desc.printed_title = printed
        desc.occasion = dateline.occasion
        if dateline.date:
            desc.year = dateline.date[0]
            desc.date = calendar_date(*dateline.date)
            desc.date_inferred = False
            desc.year_evidence = "题注日期"
        signed = parse_signature(dateline.rest) or next(filter(None, map(parse_signature, head[1:])), None)
        if signed:
            desc.speaker_role, desc.speaker = signed
        desc.region = report_region(desc.occasion, desc.speaker_role, printed, body)
        if desc.occasion and desc.region in regions():
            parent = regions()[desc.region].parent
            if parent and desc.occasion.startswith(parent) and desc.occasion[len(parent):].startswith(desc.region):
                desc.occasion = desc.occasion[len(parent):]
        desc.title = printed
    elif seg.shape == "marked":
        desc.title = head[0]
        desc.doc_type = seg.genre or "其他"
    else:
        # an official document's title (its info table's 标题, lines joined), else the headline
        # the page agrees on, else the header's own lines up to a byline or label
        kicker, title, subtitle, used = (official_headline(tuple(head), facts) or headline.heading(tuple(head), page)
                                         or parse_headline(headline.own_lines(tuple(head))))
        desc.kicker, desc.subtitle = kicker, subtitle
        desc.title = headline.as_title(title or "", page)
        if title and desc.title != title:
            desc.printed_title = title
        # lines of the header block not used as kicker/title/subtitle stay in the body
        if used < len(head):
            idx = text.find(head[used], seg.start)
            desc.body_start = idx if idx >= 0 else seg.header_end
            body = text[desc.body_start:seg.end]
    gm = GENERIC_REPORT_TITLE.match(desc.title.replace(" ", ""))
    if gm:
        desc.doc_type = gm.group("kind")
        if seg.shape != "report":
            desc.printed_title = desc.title
            desc.region = desc.region or _title_region(gm) or guess_region("", body)
    desc.title = normalize_title_punct(desc.title)

    if not desc.title and page and page.fallback and seg.shape == "whole":
        # a web page whose headline sat in the page frame: the page's own title
        desc.title = re.sub(r"^\s*[\[【][^\]】]{1,4}[\]】]\s*", "", page.fallback).strip()
    all_text = desc.title + "\n" + body
    hint = None
    for f in facts:
        if isinstance(f, Outlet) and not desc.source_name:
            desc.source_name = f.name
            m = region_mentions(f.name)
            hint = most_specific(list(m)) if m else None
        if isinstance(f, SourceUrl) and not desc.source_url:
            desc.source_url = f.url
    page_date = pubdate.article_date(facts, body if seg.shape in ("whole", "article") else "")
    read_policy(desc, facts)
    if not desc.region and not desc.issuer:    # an issuing body's region is never guessed from mentions
        desc.region = guess_region(desc.title, body, hint)
    if not desc.title:
        # the editor's title: the first sentence's point, else simply its first words
        desc.title = derive_title(body, desc.region) or re.sub(r"\s+", " ", body).strip()[:20]
        desc.title_derived = True

    if desc.doc_type == "其他":
        desc.doc_type = next((name for name, pat in DOC_TYPES if pat.search(desc.title)), None) or (
            "新闻报道" if NEWS_CUES.search(body[:400]) else "其他")
    if desc.doc_type == "讲话" and not desc.speaker:
        named = title_speaker(desc.title)
        if named:
            desc.speaker_role, desc.speaker = named

    if desc.year is None and page_date:
        # the page's publish time: printed with the article (its meta line or dateline), or
        # only stated by the page (a meta tag, the page frame)
        (y, m, d), printed, desc.year_evidence = page_date
        desc.year, desc.date, desc.date_inferred = y, f"{y:04d}-{m:02d}-{d:02d}", not printed
    if desc.year is None:
        year, why = infer_year(year_evidence(all_text))
        desc.year, desc.year_evidence = year, why
    if desc.date is None and desc.year:
        first_para = body.strip().split("\n", 1)[0]
        full = next((m for m in YEAR_DATE.finditer(first_para)
                     if calendar_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))), None)
        days = {(int(m.group("m")), int(m.group("d"))) for m in MONTH_DAY.finditer(first_para[:200])}
        if full:
            desc.year = int(full.group("y"))
            desc.date = calendar_date(desc.year, int(full.group("m")), int(full.group("d")))
            desc.date_inferred = False
        elif len(days) == 1:
            desc.date = calendar_date(desc.year, *days.pop())
    if desc.date is None:
        desc.date_inferred = True if desc.year else desc.date_inferred

    if gm:
        # a work report titled generically is titled after its year and issuer
        year = gm.group("y1") or gm.group("y2") or desc.year
        issuer = _issuer(desc.region) or _title_region(gm) or ""
        desc.title = f"{year}年{issuer}{gm.group('kind')}" if year else f"{issuer}{gm.group('kind')}"

    am = AUTHOR.search(body[:300])
    if am:
        desc.author = "、".join(byline_names(am.group("names") or am.group("names2") or "")) or None

    desc.found_roles = find_people(all_text)
    desc.complete, desc.incomplete_reason = completeness(body)
    return desc


def people_text(desc: Description, text: str, seg: Segment) -> str:
    """The text people are looked for in: the printed title and the body (a title the
    editor derived from the body adds nothing)."""
    return ("" if desc.title_derived else desc.title) + "\n" + text[desc.body_start:seg.end]


class KnownPeople:
    """The names of people known from elsewhere (content/people.yaml, other documents of the
    batch), found in a text in one pass (Aho-Corasick) however many there are: an import
    of N files knows about N names, and looking for each in each text was quadratic."""

    def __init__(self, names: Iterable[str]) -> None:
        self.order = {name: i for i, name in enumerate(n for n in names if n)}
        self.automaton = ahocorasick.Automaton()
        for name in self.order:
            self.automaton.add_word(name, name)
        if self.order:
            self.automaton.make_automaton()

    def named_in(self, *texts: str) -> list[str]:
        """The known names that occur in any of `texts`, in the order they were given."""
        if not self.order:
            return []
        found = {name for text in texts for _, name in self.automaton.iter(text)}
        return sorted(found, key=self.order.__getitem__)


def name_people(desc: Description, all_text: str, known_people: KnownPeople | None = None) -> Description:
    """The document's people: those printed with a role, and people known from elsewhere
    (content/people.yaml, other documents of the batch) named at least twice or in the title."""
    roles = {name: list(r) for name, r in desc.found_roles.items()}
    for name in known_people.named_in(all_text, desc.title) if known_people else ():
        if name not in roles and (all_text.count(name) >= 2 or name in desc.title):
            roles[name] = []
    ignore = set(load_data("people_ignore.yaml") or [])
    for name in list(roles):
        if name in ignore or name == desc.author or (desc.author and name in desc.author):
            roles.pop(name)
    people = sorted(roles, key=lambda n: all_text.find(n))
    if desc.speaker and desc.speaker not in people:
        roles.setdefault(desc.speaker, [desc.speaker_role] if desc.speaker_role else [])
    return replace(desc, roles=roles, people=people)


def with_page_year(descs: list[Description], evidence_strength: list[bool]) -> list[Description]:
    """Articles of one newspaper page share its date: an article with no dating phrase of
    its own takes the latest year its neighbours have."""
    years = [d.year for d in descs if d.year]
    if not years:
        return descs
    page_year = max(years)
    out = []
    for d, strong in zip(descs, evidence_strength):
        if d.date_inferred and not strong and (d.year is None or d.year < page_year):
            d = replace(d, year=page_year, year_evidence=(d.year_evidence or "") + "(同版其他文章)")
        out.append(d)
    return out
