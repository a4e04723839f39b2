"""The import half: raw files → content/ (decode, clean, split, describe, write)."""

from archivegen.ingest.importer import ImportReport, collect, import_
from archivegen.ingest.run import ImportError_

__all__ = ["ImportError_", "ImportReport", "collect", "import_"]
