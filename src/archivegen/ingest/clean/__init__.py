"""Clean stage: text → text + edits. One rule per kind of damage; the order is below.

To add a rule: write a function `find_x(text, ctx) -> list[Edit | Fact]` in the module of
its family, add a `Rule` to RULES (declaring the kinds of Fact it reports, if any), and add
cases to tests/ingest/test_clean.py and the evaluation gate (tests/eval/).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from archivegen.ingest.clean import (blocks, characters, damaged, duplicates, layout, newswire, obfuscation, pages,
                                     policy, residue, tail, web)
from archivegen.ingest.clean.base import (Context, DeclaredTitle, DocNumber, Fact, InfoField, MetaLine, Outlet, PageDate,
                                          PageFrame, Rule, Signature, SourceUrl, TocEntry, forget_lines)
from archivegen.ingest.clean.templates import BatchLines
from archivegen.ingest.decode import Decoded
from archivegen.ingest.edits import Edit, OffsetMap, Pass, apply_edits, edited_parts, join_parts, reconcile

# Order matters: bytes decoding could not read first (the placeholders it left must become
# U+FFFD before any rule moves text), then page structure (HTML frame, footers), then
# characters, then the rules that compare or join text, which need the text already clean.
RULES: tuple[Rule, ...] = (
    Rule("damaged_bytes", "无法解码的字节", "替换", damaged.find_damaged_bytes),
    Rule("html_frame", "网页框架", "删除", web.find_outside_main, (Outlet, PageDate, DeclaredTitle, InfoField)),
    Rule("markup_residue", "文本中残留的网页代码", "删除", residue.find_markup_residue),
    Rule("entities", "HTML 实体与转义字符", "替换", characters.find_entities),
    Rule("fullwidth", "全角数字和字母", "替换", characters.find_fullwidth),
    Rule("halfwidth_punct", "中文里的半角标点", "改正", characters.find_halfwidth_punctuation),
    Rule("flattened", "被压平的段落", "恢复", newswire.find_flattened_paragraphs),
    Rule("photo_caption", "图片说明", "删除", newswire.find_photo_captions),
    Rule("newspaper_page", "报纸版面信息", "删除", newswire.find_newspaper_page_lines, (PageDate,)),
    Rule("pinyin", "拼音注音", "删除", obfuscation.find_pinyin),
    Rule("substitution", "替换词", "恢复", obfuscation.find_substitutions),
    Rule("traditional", "繁体字", "改为简体", characters.find_traditional),
    Rule("pagination", "分页导航", "删除", pages.find_pagination),
    Rule("saved_copies", "重复保存的页面", "删除", duplicates.find_saved_copies),
    Rule("info_table", "政府信息公开信息表", "删除", policy.find_info_table, (InfoField,)),
    Rule("related", "文末无关文章", "删除", web.find_related_block, (DeclaredTitle,)),
    Rule("story_end", "文末链接、按钮与署名", "删除", tail.find_story_end, (Outlet,)),
    Rule("footer", "网站页脚", "删除", web.find_footer, (DeclaredTitle,)),
    Rule("chrome", "网页导航与信息行", "删除", web.find_chrome_lines, (Outlet, PageDate, DeclaredTitle, SourceUrl, MetaLine)),
    Rule("page_furniture", "页面导航与文末杂项", "删除", blocks.find_page_furniture, (Outlet, PageDate, PageFrame)),
    # again where a saved page's story ends once page_furniture cut its frame away (the first
    # pass read the end of the file: the footer, and a credit with the links after it)
    Rule("story_end_in_frame", "文末链接、按钮与署名", "删除", tail.find_story_end, (Outlet,)),
    Rule("toc", "目录", "删除", layout.find_toc, (TocEntry,)),
    Rule("continuation", "续版标记", "删除", layout.find_continuation_markers),
    Rule("running_heads", "页眉页脚", "删除", layout.find_running_heads),
    Rule("page_numbers", "页码", "删除", layout.find_page_numbers),
    Rule("pull_quote", "插页引语", "删除", layout.find_pull_quotes),
    Rule("cjk_spaces", "断行空格", "删除", layout.find_cjk_spaces),
    Rule("broken_paragraphs", "断开的段落", "合并", layout.find_broken_paragraphs),
    Rule("repeated_body", "重复的正文", "删除", duplicates.find_repeated_body),
    Rule("policy_marks", "发文字号与落款", "记录", policy.find_marks, (DocNumber, Signature)),
)
RULES_BY_NAME = {r.name: r for r in RULES}


@dataclass(frozen=True)
class Cleaned:
    text: str
    passes: tuple[Pass, ...]


def run_rule(rule: Rule, text: str, ctx: Context) -> tuple[Pass, str]:
    """One rule on `text`: its pass (edits and facts, in text order) and the text after it."""
    p = find_pass(rule, text, ctx)
    return p, apply_edits(text, p.edits)


def find_pass(rule: Rule, text: str, ctx: Context) -> Pass:
    """One rule's pass on `text`: its edits and facts, in text order."""
    found = rule.find(text, ctx)
    edits = reconcile(text, [x for x in found if isinstance(x, Edit)])
    facts = tuple(sorted((x for x in found if isinstance(x, Fact)), key=lambda f: f.at))
    for f in facts:
        if not isinstance(f, rule.facts):
            raise TypeError(f"rule {rule.name} reported a {type(f).__name__}, which it does not declare")
    return Pass(rule.name, rule.label, rule.action, edits, facts)


def _meta_lines_after(ctx: Context, p: Pass) -> Context:
    """The context for the next rule: the meta lines removed so far, moved to where they
    lie in the text this pass leaves, and the ones it removed."""
    found = [f.at for f in p.facts if isinstance(f, MetaLine)]
    if not found and not (ctx.meta_lines and p.edits):
        return ctx
    moved = OffsetMap(p.edits).forward_all(sorted([*ctx.meta_lines, *found])) if p.edits else sorted(found)
    return replace(ctx, meta_lines=tuple(sorted(set(moved))))


def clean(decoded: Decoded, rules: tuple[Rule, ...] = RULES, batch: BatchLines | None = None,
          done: Callable[[float], None] | None = None) -> Cleaned:
    """Run every rule in order on the decoded text, recording each rule's edits and facts.
    `batch`: line counts over the import's files (clean/templates.py), when there are several.
    `done`, if given, hears the share of the rules run after each one (a big file's progress)."""
    ctx = Context(decoded, batch)
    text = decoded.text
    passes = []
    for k, rule in enumerate(rules):
        p = find_pass(rule, text, ctx)
        ctx = _meta_lines_after(ctx, p)
        if p.edits:
            parts = edited_parts(text, p.edits)
            # the old text and its lines go before the new text is made: a big file's
            # text is then held twice at most, not three times
            forget_lines()
            text = ""
            text = join_parts(parts)
            del parts
        if p.edits or p.facts:
            passes.append(p)
        if done:
            done((k + 1) / len(rules))
    forget_lines()
    return Cleaned(text, tuple(passes))
