"""Material's navigation sidebar rendered once per place in the site, not once per page.

Material renders its primary navigation (partials/nav.html: the site's name, logo and nav
links) into every page, a Jinja macro call per nav item: at 1,000 raw files ~3,000 pages
and about a fifth of MkDocs' templates. For a page that is not in the nav (every document,
term, person and tag page) that HTML depends only on where the page is: its links are the
nav pages' addresses relative to it, its logo relative to the site's root. So our
partials/nav.html (overrides/) asks `nav_key` for that place and renders Material's own
template (`material/partials/nav.html`) only the first time; a nav page itself is always
rendered. The pages are byte for byte what Material alone makes (tests/site/test_template_cache.py).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader


def material_templates(theme_dirs: list[str]) -> Path | None:
    for d in theme_dirs:
        if Path(d).parts[-2:] == ("material", "templates"):
            return Path(d)
    return None


def install(env, config) -> None:
    """Give `env` (a page template environment) Material's templates under "material/" and
    the nav cache; a theme other than Material is left as it is."""
    material = material_templates(config.theme.dirs)
    if material is None:
        return
    env.loader = ChoiceLoader([env.loader, PrefixLoader({"material": FileSystemLoader(str(material))})])
    cache: dict = {}
    env.globals["ag_nav_key"] = nav_key
    env.globals["ag_nav_cache"] = cache


def nav_key(page, nav, base_url: str):
    """What Material's nav.html makes of `page` depends on, or None (render it): the page's
    place (the site's root and every nav page's address, relative to it)."""
    if page is None or nav is None or getattr(page, "url", None) is None:
        return None
    from mkdocs.utils import get_relative_url

    pages = nav.pages
    if any(p is page or p.file.src_uri == page.file.src_uri for p in pages):
        return None                      # a nav page: its item is active and shows its toc
    return (base_url, *(get_relative_url(p.url, page.url) for p in pages))
