"""Print the content schema as CONTRIBUTING.md shows it: python -m archivegen.contract"""

from archivegen.contract import schema_markdown

print(schema_markdown(), end="")
