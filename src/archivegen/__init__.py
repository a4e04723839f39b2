"""archivegen: an annotated archive of Chinese policy documents, built with MkDocs."""

__version__ = "0.1.0"
