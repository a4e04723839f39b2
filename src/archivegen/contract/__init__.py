"""The content contract: the schema of every file in content/, the project's public interface.

    documents/<region>/<id>.md   DocumentMeta (+ Source, EditCount) and a Markdown body
    glossary/<term-id>.md        GlossaryMeta and the definition as body
    compilations/<id>.md         CompilationMeta (+ Part) and the preface as body
    people.yaml                  PeopleFile (+ PersonEntry)
    topic_stopwords.yaml         a list of words

Import writes these types (`to_front_matter`), the build reads them (`read_markdown`),
which is the validation: a file that does not fit is named with its line and key.
"""

from archivegen.contract.compilation import CompilationMeta, Part
from archivegen.contract.curated import PeopleFile, PersonEntry
from archivegen.contract.document import DocumentMeta, EditCount, Source
from archivegen.contract.fields import FieldError, parse as from_front_matter, schema_tables, unparse as to_front_matter
from archivegen.contract.glossary import GlossaryMeta
from archivegen.contract.read import ContentError, read_markdown, read_people, read_topic_stopwords, typed

__all__ = [
    "CompilationMeta", "ContentError", "DocumentMeta", "EditCount", "FieldError", "GlossaryMeta", "Part",
    "PeopleFile", "PersonEntry", "Source", "from_front_matter", "read_markdown", "read_people",
    "read_topic_stopwords", "schema_markdown", "to_front_matter", "typed",
]


def schema_markdown() -> str:
    """The schema as CONTRIBUTING.md shows it (a test keeps the two the same)."""
    return schema_tables([
        (DocumentMeta, "Document: front matter of content/documents/<region>/<id>.md"),
        (GlossaryMeta, "Glossary entry: front matter of content/glossary/<term-id>.md"),
        (CompilationMeta, "Compilation: front matter of content/compilations/<id>.md"),
        (PeopleFile, "People: content/people.yaml"),
    ])
