"""The only code that writes into content/.

A file that import wrote earlier and a person has since edited is never overwritten: the
manifest content/.import-manifest.json remembers the sha256 of what import last wrote to
each path, and a file whose bytes differ from it is a person's and is left alone.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from archivegen.ingest.run import ImportPlan

MANIFEST = ".import-manifest.json"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)      # new or updated files
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)         # edited by a person: left alone


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_manifest(content: Path) -> dict[str, str]:
    path = content / MANIFEST
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_plan(plan: ImportPlan, content: Path) -> WriteReport:
    manifest = load_manifest(content)
    report = WriteReport()
    for rel in sorted(plan.files):
        value = plan.files[rel]
        data = value if isinstance(value, bytes) else value.encode("utf-8")
        path = content / rel
        new_sha = _sha(data)
        if path.exists():
            current = _sha(path.read_bytes())
            if current == new_sha:
                manifest[rel] = new_sha
                report.unchanged.append(rel)
                continue
            if rel.startswith("sources/") and not rel.endswith(".edits.json"):
                # a different raw file under the same name: never replace a source
                report.kept.append(rel)
                continue
            if manifest.get(rel) != current:
                report.kept.append(rel)
                continue
        _atomic_write(path, data)
        manifest[rel] = new_sha
        report.written.append(rel)
    text = json.dumps(dict(sorted(manifest.items())), ensure_ascii=False, indent=1) + "\n"
    _atomic_write(content / MANIFEST, text.encode("utf-8"))
    return report
