"""Pre-rendered HTML blocks (site/blocks.py): a page whose long HTML skips Markdown renders
to the same HTML as the page with that HTML written into its Markdown."""

from __future__ import annotations

import markdown
import pytest
from mkdocs.config import load_config

from archivegen.site import blocks as blocks_mod
from archivegen.site.load import load_archive, read_edit_log
from archivegen.site.pages.editlog import edit_log_page
from tests.conftest import ROOT


def test_stash_and_restore_round_trip():
    store: dict[str, str] = {}
    html = '<table class="ag-edits"><tr><td>1</td></tr></table>\n\n'
    marker = blocks_mod.stash(html, store)
    assert marker.endswith("\n\n") and "<table" not in marker and list(store.values()) == [html.rstrip("\n")]
    assert blocks_mod.restore(f"<h2>x</h2>\n{marker.strip()}\n<p>y</p>", store) == \
        f"<h2>x</h2>\n{html.strip()}\n<p>y</p>"
    assert blocks_mod.stash(html, None) == html                  # no store: the HTML itself
    assert blocks_mod.stash(html, store) == marker               # same HTML, same name


@pytest.fixture(scope="module")
def render():
    cfg = load_config(str(ROOT / "mkdocs.yml"))
    md = markdown.Markdown(extensions=cfg["markdown_extensions"], extension_configs=cfg["mdx_configs"])

    def to_html(text: str) -> str:
        md.reset()
        return md.convert(text.split("\n---\n", 1)[1])
    return to_html


def test_edit_log_pages_render_the_same_with_their_tables_stashed(render):
    archive = load_archive(ROOT / "content")
    assert archive.edit_logs
    for rel in sorted(archive.edit_logs):
        log = read_edit_log(archive, rel)
        store: dict[str, str] = {}
        plain = edit_log_page("edits/x.md", log, [])
        stashed = edit_log_page("edits/x.md", log, [], store)
        if '<table class="ag-edits">' in plain:
            assert store and '<table class="ag-edits">' not in stashed, rel
            assert len(stashed) < len(plain) / 3, rel
        assert blocks_mod.restore(render(stashed), store) == render(plain), rel


def test_a_block_store_gives_back_each_block_and_keeps_none_in_memory():
    store = blocks_mod.BlockStore()
    html = '<table class="ag-edits"><tr><td>删去“阅读 1234”</td></tr></table>'
    marked = blocks_mod.stash(html + "\n\n", store)
    assert marked.endswith("\n\n") and html not in marked and len(store) == 1
    (key,) = blocks_mod._MARKERS.findall(marked)
    assert key in store and store.get(key) == html and store.get("0" * 20) is None
    assert not any(isinstance(v, str) for v in vars(store).values())     # only offsets are held
    page = f"<p>前</p>{marked.strip()}<p>后</p>"
    assert blocks_mod.restore(page, store) == f"<p>前</p>{html}<p>后</p>"
    store.close()
