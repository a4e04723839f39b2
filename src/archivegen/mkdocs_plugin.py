"""The MkDocs plugin `archivegen`: on every build, content/ → build/ (the docs_dir).

A thin adapter over `archivegen.site.build` and `archivegen.site.search`: it only turns
MkDocs events into calls, and errors into a PluginError naming the file, so `mkdocs build`
fails without a traceback.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils import CountHandler

log = logging.getLogger("mkdocs.plugins.archivegen")


@dataclass(frozen=True)
class TagChip:
    """What Material's partials/tags.html reads from each tag (it prints `name` as HTML:
    the pages' front matter holds tags HTML-escaped, see site/pages/common.front)."""
    name: str
    url: str | None
    hidden: bool = False


@dataclass
class PageState:
    """One page between on_pre_page and on_post_page (the build cache's view of it)."""
    warnings_before: int
    key: str | None = None      # None: this page is not cached
    hit: bool = False           # served from the cache
    meta: dict | None = None    # toc, title, anchors: read from the cache, or to be kept
    spilled: bool = False       # its HTML waits in the cache folder between the two passes
    output: str = ""            # a hit's page as written, from on_page_context to on_post_page
    unchanged: bool = False     # a hit whose file in site/ is already this page: not written


class ArchivegenConfig(Config):
    content_dir = c.Type(str, default="content")
    # Search engine behind Material's search box: "pagefind" (chunked index, Chinese word
    # segmentation; the default at every size, see BENCHMARKS.md), "material" (lunr, one
    # index file that every reader downloads), or "auto": Material up to
    # `pagefind_threshold` documents, Pagefind above.
    search = c.Choice(("auto", "material", "pagefind"), default="pagefind")
    pagefind_threshold = c.Type(int, default=300)
    # Answers kept between builds (topic phrases per document …), relative to mkdocs.yml;
    # safe to delete; an empty string turns the cache off.
    cache_dir = c.Type(str, default=".cache/archivegen")
    # `mkdocs build` on 2+ CPUs: a forked helper renders pages into that cache while MkDocs
    # renders the others (site/render_helper.py); false turns it off.
    render_helper = c.Type(bool, default=True)
    # Pagefind indexes at most this many pages in one index; a bigger site is indexed in
    # parts that readers' browsers merge (site/pagefind_parts.py). Each indexer takes
    # 240 MB + 0.3-0.4 MB per page; each part adds to a reader's first search.
    search_pages_per_index = c.Type(int, default=3000)


class ArchivegenPlugin(BasePlugin[ArchivegenConfig]):
    command = None              # "build", "serve", "gh-deploy" (on_startup)
    dirty = False
    helper = None               # the render helper of this build (site/render_helper.py), if any
    search_index = None         # Pagefind's indexer, fed as pages are written (site/search.py)
    kept_site = None            # the previous build's pages kept in site/ (site/kept_site.py)
    quiet_skips = None          # hides MkDocs' line for each page not written on purpose

    def on_startup(self, *, command, dirty):
        self.command, self.dirty = command, dirty

    def on_pre_build(self, config):
        from archivegen.site.clearing import clear_in_background
        from archivegen.site.kept_site import KeptSite

        self.kept_site = None
        if self.dirty:
            return
        site_dir = Path(config.site_dir)
        # MkDocs empties site/ next, one file at a time. With the page cache on, the pages
        # that come out as they were are kept instead (site/kept_site.py); the rest is
        # moved aside and removed meanwhile.
        if self.pages_cached(config):
            self.kept_site = KeptSite.set_aside(site_dir, self.cache_dir)
            if self.kept_site is not None and self.kept_site.moved:
                log.debug("archivegen: site/ set aside, to keep the pages that do not change")
                return
        if clear_in_background(site_dir):
            log.debug("archivegen: site/ moved aside, removed in the background")

    def pages_cached(self, config) -> bool:
        """Whether rendered pages are kept between builds (site/page_cache.py)."""
        from archivegen.site.page_cache import unknown_plugins

        return self.cache_dir is not None and not unknown_plugins(config)

    def _warned(self) -> int:
        return sum(self.warnings.counts.values())

    def on_config(self, config):
        from archivegen import site
        from archivegen.site import search
        from archivegen.site.guard import GuardExtension
        from archivegen.site.fragments import FragmentExtension
        from archivegen.site.plain_paragraphs import PlainParagraphExtension

        started = time.perf_counter()
        root = Path(config.config_file_path).parent
        self.content = (root / self.config.content_dir).resolve()
        build = Path(config.docs_dir)
        site_url = check_site_url(config)
        if self.config.search_pages_per_index < 1:
            raise PluginError("archivegen: search_pages_per_index in mkdocs.yml must be at least 1 "
                              f"(it is {self.config.search_pages_per_index})")
        # our templates (404, footer, search) come before Material's
        if str(OVERRIDES) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(OVERRIDES))
        try:
            cache = (root / self.config.cache_dir) if self.config.cache_dir else None
            result = site.build(self.content, build, site.SiteInfo(url=site_url, repo_url=config.repo_url or ""),
                                cache)
            self.engine = search.choose_engine(self.config.search, result.documents, self.config.pagefind_threshold)
            search.configure(config, self.engine, build)
        except (site.ContentError, site.BuildDirError, search.SearchBuildError) as exc:
            raise PluginError(str(exc)) from None
        except OSError as exc:      # a full or read-only disk, a folder without permission: not a bug
            raise PluginError(f"archivegen: the site could not be built: {exc}. Free space or fix the "
                              "permissions, and build again") from None
        except Exception as exc:
            raise _internal(exc) from None
        # every page's HTML: no script URLs or event handlers, tooltips shown as text (guard.py)
        if not any(isinstance(e, GuardExtension) for e in config.markdown_extensions):
            config.markdown_extensions.append(GuardExtension())
        # plain paragraphs and our own blocks made without Markdown's passes (plain_paragraphs.py,
        # fragments.py)
        for extension in (PlainParagraphExtension, FragmentExtension):
            if not any(isinstance(e, extension) for e in config.markdown_extensions):
                config.markdown_extensions.append(extension())
        self.edit_paths = result.site.edit_paths
        self.tag_pages = result.site.tag_pages
        self.blocks = result.site.blocks        # HTML that skips Markdown (site/blocks.py)
        self.timings = result.site.timings
        # rendered pages kept between builds (site/page_cache.py); opened once the nav is known
        self.cache_dir = cache
        self.pages = None
        self.page_state = {}
        # the warnings MkDocs and its plugins log: a page that warned is not cached, so a
        # --strict build fails again rather than passing from the cache
        self.warnings = CountHandler(level=logging.WARNING)
        logging.getLogger("mkdocs").addHandler(self.warnings)
        log.info(f"archivegen: {result.documents} documents → {result.files} files in "
                 f"{build.name}/ ({result.written} written, {result.removed} removed), search: {self.engine}, "
                 f"in {time.perf_counter() - started:.2f}s")
        return config

    def on_files(self, files, config):
        # "Edit this page" on a generated page opens the content/ file it came from
        # (with repo_url and edit_uri set in mkdocs.yml; without them there is no button).
        # Material prints the address unescaped: a file name is quoted into it.
        for f in files:
            source = self.edit_paths.get(f.src_uri)
            if source:
                f.edit_uri = quote(source)
        # raw sources, logs and downloads reach site/ as hard links (site/static_links.py)
        from archivegen.site.static_links import link_static_files

        self.linked = link_static_files(files, config.docs_dir)
        # where each tag chip leads (see site/pages/tags.py), as site URLs
        self.tag_urls = {}
        for tag, page in self.tag_pages.items():
            target = files.get_file_from_path(page)
            if target is not None:
                self.tag_urls[tag] = target.url
        return files

    def on_nav(self, nav, config, files):
        from archivegen.site.page_cache import PageCache, build_fingerprint, unknown_plugins

        folder = self.cache_dir
        others = unknown_plugins(config)
        if others and folder is not None:
            log.info(f"archivegen: pages are not cached, because mkdocs.yml has plugins archivegen does not know "
                     f"({', '.join(others)}): what they add to a page is not part of its cache key")
            folder = None
        self.pages = PageCache.open(folder, build_fingerprint(config, files, nav))
        self.page_state = {}        # src_uri → PageState, dropped once the page is written
        if self.kept_site is not None and self.kept_site.moved:
            from archivegen.site.search import BUNDLE
            from mkdocs.structure.files import InclusionLevel

            written = InclusionLevel.is_in_serve if self.command == "serve" else InclusionLevel.is_included
            removed = self.kept_site.put_back({f.dest_uri for f in files if written(f.inclusion)},
                                              self.linked, {BUNDLE})
            log.debug(f"archivegen: site/ kept, {removed} files of the last build removed")
        if self.kept_site is not None:
            from archivegen.site.kept_site import QuietSkips

            self.quiet_skips = QuietSkips()
            logging.getLogger("mkdocs.commands.build").addFilter(self.quiet_skips)
        self.helper = None
        if self.config.render_helper and self.command == "build" and not self.dirty and folder is not None:
            from archivegen.site.render_helper import RenderHelper

            self.helper = RenderHelper.start(self, config, files, nav)
        return nav

    def on_pre_page(self, page, config, files):
        self.page_state[page.file.src_uri] = PageState(warnings_before=self._warned())
        if self.helper is not None:
            self.helper.reached(page.file.src_uri)
        return page

    @event_priority(-100)         # last: the Markdown every other plugin has finished with
    def on_page_markdown(self, markdown, page, config, files):
        from archivegen.site.page_cache import page_key

        state = self.page_state.get(page.file.src_uri)
        if state is None or self.pages is None:
            return markdown
        state.key = page_key(self.pages.fingerprint, page, markdown)
        state.meta = self.pages.lookup(state.key)
        state.hit = state.meta is not None
        if state.hit:       # nothing to convert: not even a Markdown converter is made (~1 ms a page)
            page.render = lambda config, files: setattr(page, "content", "")
        return "" if state.hit else markdown

    @event_priority(-100)
    def on_page_content(self, html, page, config, files):
        from archivegen.site.blocks import restore
        from archivegen.site.page_cache import STUB_TEMPLATE, page_meta, restore_meta

        state = self.page_state.get(page.file.src_uri)
        if state is not None and state.hit:
            del page.render                              # the Page's own method again
            restore_meta(page, state.meta, files)
            page.meta["template"] = STUB_TEMPLATE      # its output is replaced in on_post_page
            state.spilled = True                        # its HTML is read back in on_page_context
            return ""
        html = restore(html, self.blocks)
        if state is not None and state.key:
            # rendered: MkDocs would keep every page's Markdown to the end of the build
            # (~1 GB at 10,000 raw files); a page with a key has no plugin that reads it again
            page.markdown = ""
        if state is not None and state.key and self._warned() == state.warnings_before:
            state.meta = page_meta(page)
            if self.pages.spill(state.key, html):
                state.spilled = True
                return ""
        return html

    @event_priority(100)          # before Material's search and tags plugins, wherever listed
    def on_page_context(self, context, page, config, nav):
        from archivegen.site import search
        from archivegen.site.page_cache import CacheVanished

        state = self.page_state.get(page.file.src_uri)
        if state is not None:
            state.warnings_before = self._warned()
            try:
                # A hit's HTML is read back only for Material's search to index: with
                # Pagefind it indexes no page, and the stub template needs none (reading and
                # inflating it was ~0.5 ms a page, 25,000 pages in a rebuild at 10,000 raw files)
                if state.spilled and not (state.hit and self.engine == "pagefind"):
                    page.content = self.pages.content(state.key)
                if state.hit and self.kept_site is not None and self.kept_site.unchanged(page.file.dest_uri,
                                                                                         state.key):
                    state.unchanged = True          # site/ holds this page already: not read, not written
                    self.pages.forget_output(state.key)
                elif state.hit:
                    state.output = self.pages.output(state.key)
            except CacheVanished as exc:
                raise PluginError(str(exc)) from None
        for key, value in search.page_front_matter(self.engine).items():
            page.meta[key] = {**(page.meta.get(key) or {}), **value}
        # Material's tags plugin draws the chips from context["tags"] and, when it is
        # already set, leaves it: the chips link to our pages.
        names = page.meta.get("tags") or []
        if names and "tags" not in context:
            context["tags"] = [TagChip(str(n), self.tag_urls.get(str(n))) for n in names]
        return context

    @event_priority(-100)         # last: the page exactly as written
    def on_post_page(self, output, page, config):
        from archivegen.site import search

        state = self.page_state.pop(page.file.src_uri, None)
        output = self._finish_page(output, page, state)
        dest = page.file.dest_uri
        unchanged = state is not None and state.unchanged
        if self.search_index is not None:
            try:
                if unchanged and search.indexed_section(dest):
                    output = (Path(config.site_dir) / dest).read_text(encoding="utf-8")
                self.search_index.add_page(dest, output)
            except search.SearchBuildError as exc:
                raise PluginError(str(exc)) from None
            except OSError as exc:
                raise PluginError(f"archivegen: {dest} in site/ could not be read ({exc}); build again") from None
        if unchanged:
            self.quiet_skips.skip(page.file.src_uri)
            return ""               # MkDocs writes no empty page: the file in site/ is this page
        if self.kept_site is not None:
            self.kept_site.wrote(dest, state.key if state is not None else None, output)
        return output

    def _finish_page(self, output, page, state):
        if state is None:
            return output
        if state.spilled:
            page.content = ""         # written: MkDocs needs the page's HTML no more
        if state.hit:
            return state.output
        log.debug(f"archivegen: rendered {page.file.src_uri}")
        if state.meta is not None and self._warned() == state.warnings_before:
            self.pages.keep(state.key, state.meta, output)
        return output

    @event_priority(200)          # MkDocs' first pass is over: before any other plugin's on_env
    def on_env(self, env, config, files):
        from archivegen.site import search, template_cache

        template_cache.install(env, config)          # Material's nav rendered once per place

        if self.helper is not None:
            kept = self.helper.stop()
            self.helper = None
            if kept:                 # a rebuild finds every page in the cache: nothing to say
                log.info(f"archivegen: {kept} pages rendered by a helper process")
        # Pagefind reads each page as MkDocs writes it (the second pass), on another CPU
        if self.engine == "pagefind":
            try:
                indexed = sum(1 for f in files.documentation_pages() if search.indexed_section(f.dest_uri))
                self.search_index = search.SearchIndex.start(self.config.search_pages_per_index, indexed)
            except search.SearchBuildError as exc:
                raise PluginError(str(exc)) from None
        return env

    def _stop_quiet_skips(self):
        if self.quiet_skips is not None:
            logging.getLogger("mkdocs.commands.build").removeFilter(self.quiet_skips)
            self.quiet_skips = None

    def on_build_error(self, error):
        self._stop_quiet_skips()
        self.kept_site = None           # its record stays the last build's: newer files are written again
        if getattr(self, "helper", None) is not None:
            self.helper.stop()
            self.helper = None
        if getattr(self, "search_index", None) is not None:
            self.search_index.close()
            self.search_index = None
        if getattr(self, "warnings", None) is not None:        # on_config may have failed first
            logging.getLogger("mkdocs").removeHandler(self.warnings)
        if getattr(self, "pages", None) is not None:
            self.pages.close()

    def on_post_build(self, config):
        from archivegen.site import search

        logging.getLogger("mkdocs").removeHandler(self.warnings)
        self._stop_quiet_skips()
        if self.kept_site is not None:
            self.kept_site.save()       # every page is written: what site/ holds, for the next build
            self.kept_site = None
        if self.pages is not None:
            self.pages.prune()
            log.info(f"archivegen: {self.pages.hits} pages from the build cache, {self.pages.misses} rendered")
        try:
            index, self.search_index = self.search_index, None
            said = search.after_build(Path(config.site_dir), self.engine, index, self.cache_dir,
                                      self.config.search_pages_per_index)
            if said:
                log.info(f"archivegen: {said}")
        except search.SearchBuildError as exc:
            raise PluginError(str(exc)) from None
        except Exception as exc:
            raise _internal(exc) from None

    def on_serve(self, server, config, builder):
        # a change under content/ rebuilds the site, once: build/ is regenerated by that
        # build, so watching it too would rebuild a second time for every edit
        server.unwatch(config.docs_dir)
        server.watch(str(self.content))
        return server


OVERRIDES = Path(__file__).parent / "overrides"
# The address mkdocs.yml ships with: citations work, and every build says to change it.
PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net")


def check_site_url(config) -> str:
    """site_url, required: every document's citation gives its page's full address."""
    from urllib.parse import urlsplit

    url = (config.site_url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PluginError(
            f"{config.config_file_path}: site_url: {url or 'empty'}{' is not an http(s) address' if url else ''}. "
            "Every document's citation gives its page's full address, which starts with site_url: "
            "set it to the address the site is published at, e.g. `site_url: https://archive.example.org/`.")
    host = parts.hostname or ""
    if host in PLACEHOLDER_HOSTS or host.endswith(tuple("." + h for h in PLACEHOLDER_HOSTS)):
        log.info(f"archivegen: site_url is the placeholder {url}; citations will give addresses there. "
                 "Set site_url in mkdocs.yml to the address you publish the site at.")
    return url if url.endswith("/") else url + "/"


def _internal(exc: Exception) -> Exception:
    """A bug, not bad content: one line for the maintainer (the traceback with ARCHIVEGEN_DEBUG=1)."""
    import os

    if os.environ.get("ARCHIVEGEN_DEBUG"):
        return exc
    return PluginError(f"archivegen: internal error: {type(exc).__name__}: {exc}. This is a bug in archivegen, "
                       "not in your files; run again with ARCHIVEGEN_DEBUG=1 to see where it happened, and report it.")
