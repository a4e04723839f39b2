"""One module per kind of generated page; each returns {build-relative path: Markdown}."""
