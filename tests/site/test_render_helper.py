"""The render helper (site/render_helper.py): a forked process renders pages from the last
one backwards while MkDocs renders from the first; what it keeps is what MkDocs would have
rendered, and a page that warned in it is rendered again by MkDocs (and fails --strict)."""

from __future__ import annotations

import shutil

from archivegen.site.parallel import cpus
from archivegen.site.render_helper import WAIT_FOR_HELPER
from tests.conftest import ROOT
from tests.site.test_page_cache import HELPED, _build, _edit, _project, _tree

# MkDocs waits until the helper has rendered every page it can: which process renders which
# page is then fixed, whatever the machine's load.
WAIT = {WAIT_FOR_HELPER: "1"}


def test_the_helper_renders_the_pages_mkdocs_would_and_only_on_two_or_more_cpus(tmp_path):
    helped, plain = _project(tmp_path / "helped", helper=True), _project(tmp_path / "plain", cache=False)
    result, rendered, (hits, misses) = _build(helped, env=WAIT)
    assert result.returncode == 0, result.stderr
    reference, _, _ = _build(plain)
    assert reference.returncode == 0, reference.stderr
    assert _tree(helped / "site") == _tree(plain / "site")
    count = HELPED.search(result.stderr)
    if cpus() < 2:
        assert count is None and hits == 0
        return
    # every page but the nav pages it read for their titles and those MkDocs had reached
    assert count and int(count[1]) == hits and hits > 100 and misses == len(rendered) < 10


def test_a_page_that_warned_in_the_helper_is_rendered_again_and_fails_strict(tmp_path):
    if cpus() < 2:
        return _no_helper_here(tmp_path)
    project = _project(tmp_path / "p", helper=True)
    doc = _edit(project, "参见[不存在的文件](../nowhere.md)。")
    page = doc.relative_to(project / "content").as_posix()
    for _ in range(2):
        broken, rendered, (hits, _) = _build(project, env=WAIT)
        assert broken.returncode == 1 and "nowhere.md" in broken.stderr
        assert page in rendered and hits > 100       # MkDocs rendered it: the helper did not keep it
    shutil.copy(ROOT / "content" / page, doc)
    fixed, rendered, _ = _build(project, env=WAIT)
    assert fixed.returncode == 0, fixed.stderr
    assert page not in rendered


def _no_helper_here(tmp_path):
    """One CPU: no helper, and the build says nothing of one."""
    project = _project(tmp_path / "p", helper=True)
    result, _, (hits, _) = _build(project, env=WAIT)
    assert result.returncode == 0 and hits == 0 and HELPED.search(result.stderr) is None
