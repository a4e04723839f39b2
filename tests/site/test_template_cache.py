"""Material's nav rendered once per place (site/template_cache.py): the seed site is byte for
byte the site Material makes when every page renders its own nav."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from archivegen.site import template_cache
from tests.conftest import ROOT

EVERY_PAGE = ("import sys; import archivegen.site.template_cache as t; t.nav_key = lambda *args: None; "
              "from mkdocs.__main__ import cli; sys.argv = ['mkdocs', 'build', '--strict']; cli()")


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_site_is_what_material_makes_page_by_page(built_site, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "build").mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    result = subprocess.run([sys.executable, "-c", EVERY_PAGE], cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    cached, every = _files(built_site / "site"), _files(project / "site")
    pages = [name for name in cached if name.endswith(".html")]
    assert len(pages) > 100 and cached.keys() == every.keys()
    assert [name for name in cached if cached[name] != every[name]] == []


def _page(url: str, src: str):
    return SimpleNamespace(url=url, file=SimpleNamespace(src_uri=src))


def test_the_key_is_the_place_and_a_nav_page_has_none():
    home, regions = _page("", "index.md"), _page("regions/", "regions/index.md")
    nav = SimpleNamespace(pages=[home, regions])
    a = template_cache.nav_key(_page("documents/x/a/", "documents/x/a.md"), nav, "../../..")
    b = template_cache.nav_key(_page("documents/y/b/", "documents/y/b.md"), nav, "../../..")
    c = template_cache.nav_key(_page("regions/pudong/", "regions/pudong.md"), nav, "../..")
    assert a == b and a != c and c[1:] == ("../..", "../")
    assert template_cache.nav_key(regions, nav, "..") is None
    assert template_cache.nav_key(_page("regions/", "regions/index.md"), nav, "..") is None
