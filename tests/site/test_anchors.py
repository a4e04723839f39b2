"""Section headings run into their paragraphs become headings (layout only), and every
paragraph permalink made before stays where it was."""

from __future__ import annotations

import re

import hashlib

from archivegen.markdown_io import body_to_text, render_body, run_in_headings
from archivegen.site import anchors
from archivegen.site.anchors import add_paragraph_anchors, paragraph_ids

TEXT = ("一年来，我们主要做了以下工作：\n"
        "（一）改革开放持续攻坚突破，引领区建设全面深化。扎实推动意见落地落实。\n"
        "（二）承压奋进，区域经济稳中向好\n"
        "全年地区生产总值增长5%。\n"
        "（三）一是完善制度；二是加强监督。这一段不是标题。\n")


def _old_id(text: str) -> str:
    return "p-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def test_run_in_headings_are_headings_and_the_text_is_unchanged():
    body = render_body(TEXT)
    assert "### （一）改革开放持续攻坚突破，引领区建设全面深化。\n\n扎实推动意见落地落实。" in body
    assert "### （二）承压奋进，区域经济稳中向好\n" in body
    assert "\n（三）一是完善制度" in body                # a list in a paragraph stays a paragraph
    assert body_to_text(body) == TEXT.strip()          # layout, not an edit: the text comes back
    assert run_in_headings(TEXT) == 1


def test_permalinks_made_before_the_headings_still_land():
    ids = [i for i in paragraph_ids(render_body(TEXT)) if i]
    assert _old_id("（一）改革开放持续攻坚突破，引领区建设全面深化。扎实推动意见落地落实。") in ids
    rendered = add_paragraph_anchors(render_body(TEXT), render_body(TEXT))
    # the line that is a heading now keeps its old paragraph id on an anchor before it
    assert f'<div id="{_old_id("（二）承压奋进，区域经济稳中向好")}" class="ag-anchor"></div>' in rendered
    # the ¶ link follows the last character: no space it could wrap at (a plain paragraph
    # gets it from site/plain_paragraphs.py, in the same place)
    assert re.search(r'落实。(<a class="ag-pilcrow" href="#|\n\{: #p-[0-9a-f]{8} \})', rendered)


def test_the_pilcrow_as_inline_html_renders_as_the_markdown_link_did(monkeypatch):
    """anchors.pilcrow writes the ¶ link as the HTML Python-Markdown made of
    [¶](#id "本段链接"){ .ag-pilcrow } (it renders faster): every seed document's body, with
    the site's Markdown extensions, gives the same HTML either way."""
    import re

    import markdown
    from mkdocs.config import load_config

    from archivegen.site.guard import GuardExtension
    from archivegen.site.load import load_archive
    from tests.conftest import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))

    def html(text: str) -> str:
        md = markdown.Markdown(extensions=[*config["markdown_extensions"], GuardExtension()],
                               extension_configs=config["mdx_configs"])
        return md.convert(text)

    archive = load_archive(ROOT / "content")
    # every paragraph in the full form (plain ones are tests/site/test_plain_paragraphs.py's)
    monkeypatch.setattr(anchors, "is_plain", lambda text: False)
    pattern = re.compile(r'<a class="ag-pilcrow" href="#(p-[0-9a-f]{8}(?:-\d+)?)" title="本段链接">¶</a>')
    compared = 0
    for doc in archive.documents:
        new = add_paragraph_anchors(doc.body, doc.body)
        old = pattern.sub(lambda m: f'[¶](#{m[1]} "本段链接"){{ .ag-pilcrow }}', new)
        assert old != new
        assert html(new) == html(old), doc.path
        compared += len(pattern.findall(new))
    assert compared > 300                  # every paragraph of the seed archive
