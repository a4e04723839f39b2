"""Build half: content/ → build/ (the MkDocs docs_dir)."""
