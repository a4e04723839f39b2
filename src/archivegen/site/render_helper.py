"""A second process renders pages while MkDocs renders the others (`mkdocs build`, 2+ CPUs).

MkDocs renders one page after another on one CPU: Markdown → HTML for every page (its first
pass), then every page's template (its second). Once the nav is known, the plugin forks a
helper. The helper takes pages from the last one backwards, renders each with MkDocs' own
two steps (`_populate_page`, `_build_page`: every plugin's events run as they do in MkDocs)
and keeps each finished page in the page cache (page_cache.py). MkDocs, going forwards,
finds those pages there. They stop where they meet: MkDocs writes how far its first pass
has got into a few shared bytes, which the helper reads before each page. After its first
pass MkDocs stops the helper and waits for it.

What the helper keeps is what MkDocs would render: the same process state (forked after
the nav), the same functions, the same cache key. A page that logged a warning is not kept
(MkDocs renders it again and the warning is counted there). The helper writes nothing else:
no site/ file, no log line. Its template environment is the theme's own, without plugins'
on_env: of the plugins the page cache allows (page_cache.KNOWN_PLUGINS) only Material's
tags plugin has one, and it fills listing pages, which are never cached.

Only for `mkdocs build`, in a process without other threads (forking `mkdocs serve`'s
threads is unsafe), with the page cache on, on a machine with 2+ CPUs, and for MIN_PAGES
pages or more. Anything that fails in the helper leaves the page to MkDocs.
"""

from __future__ import annotations

import gc
import logging
import mmap
import os
import struct
import threading

MIN_PAGES = 100            # fewer: the helper's start is not worth it
# Tests set this to make MkDocs wait until the helper has done all it can, so which process
# renders which page is known (tests/site/test_render_helper.py).
WAIT_FOR_HELPER = "ARCHIVEGEN_WAIT_FOR_HELPER"
MARGIN = 2                 # pages left between the helper and MkDocs' first pass
_SHARED = struct.Struct("=qqq")   # MkDocs' position in its first pass, stop (1), pages the helper kept


class RenderHelper:
    def __init__(self, pid: int, shared: mmap.mmap, positions: dict[str, int]):
        self.pid = pid
        self.shared = shared
        self.positions = positions        # src_uri → index in MkDocs' first pass
        self.position = -1
        self.kept = 0

    @classmethod
    def start(cls, plugin, config, files, nav) -> "RenderHelper | None":
        """Fork the helper; None where it must not or need not run."""
        from archivegen.site.parallel import cpus

        if not hasattr(os, "fork") or cpus() < 2 or threading.active_count() > 1:
            return None
        try:
            from mkdocs.commands.build import _build_page, _populate_page  # noqa: F401  (MkDocs 1.6)
        except ImportError:
            return None
        pages = list(files.documentation_pages())
        if len(pages) < MIN_PAGES:
            return None
        shared = mmap.mmap(-1, _SHARED.size)
        shared[:] = _SHARED.pack(-1, 0, 0)
        gc.freeze()               # the helper's garbage collector leaves the parent's objects (shared pages) alone
        try:
            pid = os.fork()
        except OSError:
            gc.unfreeze()
            return None
        if pid == 0:
            try:
                _help(plugin, config, files, nav, pages, shared)
            finally:
                os._exit(0)       # no atexit, no cleanup of the parent's temporary files
        gc.unfreeze()
        if os.environ.get(WAIT_FOR_HELPER) == "1":
            os.waitpid(pid, 0)
        return cls(pid, shared, {f.src_uri: i for i, f in enumerate(pages)})

    def reached(self, src_uri: str) -> None:
        """MkDocs' first pass is at this page."""
        i = self.positions.get(src_uri)
        if i is not None and i > self.position:
            self.position = i
            struct.pack_into("=q", self.shared, 0, i)

    def stop(self) -> int:
        """Stop the helper, wait for it; the number of pages it kept."""
        if self.pid:
            struct.pack_into("=q", self.shared, 8, 1)
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.kept = _SHARED.unpack(self.shared)[2]
            self.pid = 0
            self.shared.close()
        return self.kept


def _help(plugin, config, files, nav, pages, shared) -> None:
    import mkdocs.utils
    from mkdocs.commands.build import _build_page, _populate_page
    from mkdocs.structure.pages import Page

    parent = os.getppid()
    _quiet(plugin.warnings)
    mkdocs.utils.write_file = lambda *args, **kwargs: None      # MkDocs writes every page itself
    plugin.helper = None
    env = config.theme.get_env()
    from archivegen.site import template_cache

    template_cache.install(env, config)      # as the plugin's on_env does for MkDocs' own
    # Other pages print the nav's titles; a nav page without a title in mkdocs.yml takes
    # it from its Markdown, so read those first, as MkDocs' first pass would have.
    for page in nav.pages:
        if "title" not in page.__dict__ and page.markdown is None:
            _attempt(lambda: _populate_page(page, config, files), plugin, page)
    kept = 0
    for i in range(len(pages) - 1, -1, -1):
        position, stop, _ = _SHARED.unpack(shared)
        if stop or i <= position + MARGIN or os.getppid() != parent:     # met MkDocs, or it is gone
            break
        file = pages[i]
        page = file.page if file.page is not None else Page(None, file, config)
        if page.markdown is None:
            _attempt(lambda: _populate_page(page, config, files), plugin, page)
        state = plugin.page_state.get(file.src_uri)
        if state is not None and state.key and state.spilled and not state.hit:
            before = plugin.pages.kept
            _attempt(lambda: _build_page(page, config, pages, nav, env), plugin, page)
            kept += plugin.pages.kept - before
            struct.pack_into("=q", shared, 16, kept)
        plugin.page_state.pop(file.src_uri, None)
        page.content = None            # not needed again: the helper's memory stays small


def _attempt(step, plugin, page) -> None:
    try:
        step()
    except Exception:
        plugin.page_state.pop(page.file.src_uri, None)      # MkDocs renders it, and reports what failed


def _quiet(counter: logging.Handler) -> None:
    """Log nothing (MkDocs logs what matters when it renders the page), but still count
    warnings: a page that warned is not kept."""
    for name in ("", "mkdocs"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            if handler is not counter:
                logger.removeHandler(handler)
    logging.getLogger("mkdocs").addHandler(counter)
    logging.getLogger("mkdocs").propagate = False
