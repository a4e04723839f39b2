"""The build half: content/ → build/ (load, annotate, link, tag, emit), then MkDocs."""

from archivegen.contract import ContentError
from archivegen.site.emit import BuildDirError
from archivegen.site.load import load_archive
from archivegen.site.run import BuildResult, SiteInfo, build

__all__ = ["BuildDirError", "BuildResult", "ContentError", "SiteInfo", "build", "load_archive"]
