"""Site search: Material's lunr index for small archives, Pagefind for large ones.

Material's search ships one index file to every reader (megabytes at a few hundred
Chinese documents); Pagefind loads small index chunks per query. See BENCHMARKS.md.
"""

from __future__ import annotations

from pathlib import Path


class SearchBuildError(RuntimeError):
    pass


def choose_engine(setting: str, n_documents: int, threshold: int) -> str:
    if setting != "auto":
        return setting
    return "pagefind" if n_documents > threshold else "material"


def page_front_matter(engine: str) -> dict:
    """Front matter for generated pages: with Pagefind, keep them out of lunr's index."""
    return {"search": {"exclude": True}} if engine == "pagefind" else {}


def configure(config, engine: str) -> None:
    """Adjust the MkDocs config for the chosen engine (nothing to do for Material)."""
    return None


def after_build(site_dir: Path, engine: str) -> None:
    """Build the Pagefind index into site_dir when Pagefind is the engine."""
    if engine != "pagefind":
        return
    raise SearchBuildError("Pagefind search is not wired in yet; set `search: material` for the archivegen plugin")
