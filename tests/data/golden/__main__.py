"""Regenerate the reviewed cleaned texts of the seeds: python -m tests.data.golden

Run it only when a cleaning rule changed on purpose, then read `git diff tests/data/golden`:
every changed line is a change readers will see.
"""

from pathlib import Path

from archivegen.ingest.run import process_source
from tests.conftest import seed_files

HERE = Path(__file__).parent

for path in seed_files():
    text = process_source(path.name, path.read_bytes()).cleaned.text
    (HERE / f"{path.name}.cleaned.txt").write_text(text, encoding="utf-8")
    print(f"wrote {path.name}.cleaned.txt")
