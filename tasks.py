#!/usr/bin/env python3
"""Set up and run archivegen with nothing but Python 3.11+ on the machine.

    python3 tasks.py site     create .venv, install archivegen, build the site into site/
    python3 tasks.py test     create .venv, install archivegen with test tools, run every test
    python3 tasks.py serve    live preview at http://127.0.0.1:8000 (rebuilds on content/ edits)
    python3 tasks.py bench    import/build/annotation benchmark (times, peak memory)
    python3 tasks.py bench-search   what the first search transfers, Material vs Pagefind
    python3 tasks.py eval     import every development corpus, print fidelity tables (EVALUATION.md)
    python3 tasks.py fuzz     10,000 damaged raw files through import and build (benchmarks/fuzz.py)

The browser tests need Debian's chromium and fonts-noto-cjk; `test` installs them with
apt-get when they are missing and it runs as root (as in CI), and otherwise says how.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}   # Material's end-of-life banner is not a warning


def run(*cmd: str | Path) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    code = subprocess.call([str(c) for c in cmd], cwd=ROOT, env=ENV)
    if code:
        sys.exit(code)


def setup(extras: str = "") -> None:
    if not PY.exists():
        venv.create(VENV, with_pip=True)
    run(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", f".{extras}")
    # MkDocs refuses a docs_dir that does not exist, before archivegen can make it: a
    # generated build/ that was deleted is recreated here (with its .gitignore)
    run(PY, "-c", "from pathlib import Path; from archivegen.site.emit import ensure_build_dir; "
                  "ensure_build_dir(Path('build')) and print('recreated the generated folder build/')")


def browser_packages() -> None:
    """Debian Chromium and CJK fonts for the browser tests (no browser download works here)."""
    missing = [p for p, probe in (("chromium", "/usr/bin/chromium"),
                                  ("fonts-noto-cjk", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"))
               if not Path(probe).exists()]
    if not missing:
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        run("apt-get", "update", "-q")
        run("apt-get", "install", "-y", "-q", "--no-install-recommends", *missing)
    else:
        print(f"note: the browser tests need {' and '.join(missing)} "
              f"(Debian: sudo apt-get install {' '.join(missing)}); they will fail without them.", flush=True)


def main(argv: list[str]) -> None:
    task = argv[0] if argv else "help"
    if task == "site":
        setup()
        run(BIN / "mkdocs", "build", "--strict")
        print(f"site built in {ROOT / 'site'}; to browse it (search needs http://, not file://): "
              "python3 tasks.py serve, or python3 -m http.server -d site")
    elif task == "test":
        setup("[test]")
        browser_packages()
        code = subprocess.call([str(PY), "-m", "pytest", *argv[1:]], cwd=ROOT, env=ENV)
        sys.exit(code)
    elif task == "serve":
        setup()
        run(BIN / "mkdocs", "serve")
    elif task == "bench":
        setup("[test]")
        run(PY, "benchmarks/run.py", *argv[1:])
    elif task == "eval":
        setup("[test]")
        run(PY, "-m", "tests.eval.run", *argv[1:])
    elif task == "bench-search":
        setup("[test]")
        browser_packages()
        run(PY, "benchmarks/search_payload.py", *argv[1:])
    elif task == "fuzz":
        setup("[test]")
        run(PY, "benchmarks/fuzz.py", *argv[1:])
    else:
        print(__doc__)
        sys.exit(0 if task in ("help", "-h", "--help") else 2)


if __name__ == "__main__":
    main(sys.argv[1:])
