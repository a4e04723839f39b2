"""paths.relative_path is posixpath.relpath for the site's own (normalised, relative) paths."""

import posixpath
import random

from archivegen.site.paths import link, relative_path

PARTS = ["documents", "huangpu", "a.md", "edits", "glossary", "x y.md", "tags", "index.md", "b", "sources", "b.md"]


def test_relative_path_equals_relpath_on_random_site_paths():
    rng = random.Random(7)
    for _ in range(50_000):
        to = "/".join(rng.choice(PARTS) for _ in range(rng.randint(1, 4)))
        start = "/".join(rng.choice(PARTS) for _ in range(rng.randint(0, 3)))
        assert relative_path(to, start) == posixpath.relpath(to, start or "."), (to, start)


def test_link_quotes_and_adds_the_anchor():
    assert link("documents/huangpu/a.md", "glossary/x y.md", "p-1") == "../../glossary/x%20y.md#p-1"
    assert link("index.md", "documents/a.md") == "documents/a.md"
    assert link("documents/a.md", "documents/a.md") == "a.md"
