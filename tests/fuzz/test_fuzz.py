"""Fuzzing: a few hundred damaged raw files (tests/fuzz/mutate.py, fixed seed) through the
import and the build, each checked by tests/fuzz/harness.py: no traceback, nothing
half-written, and an accepted file makes an archive that loads, replays and builds.
A handful of accepted archives also go through a real `mkdocs build --strict`, and a few
inputs through the `archivegen import` command. The long run is benchmarks/fuzz.py.
"""

from __future__ import annotations

import pytest

from tests.conftest import run_cli
from tests.fuzz.harness import ACCEPTED, REFUSED, check, mkdocs_check
from tests.fuzz.mutate import generate

SEED = 20240117        # fixed: a failure here is reproduced by benchmarks/fuzz.py --seed 20240117 --only N
COUNT = 200


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    work = tmp_path_factory.mktemp("fuzz") / "work"
    out = []
    for i in range(COUNT):
        inp = generate(SEED, i)
        out.append((inp, check(inp, work)))
    return out


def test_damaged_inputs_are_imported_or_refused_cleanly_and_build(outcomes):
    problems = [f"{o.kind}: {inp.label}\n  {o.reason}\n{o.detail}" for inp, o in outcomes if o.problem]
    assert not problems, f"{len(problems)} of {COUNT} inputs failed:\n" + "\n".join(problems)
    kinds = [o.kind for _, o in outcomes]
    # the inputs reach both outcomes (a generator that only makes garbage tests nothing)
    assert kinds.count(ACCEPTED) >= COUNT // 3 and kinds.count(REFUSED) >= 5


def _pick(outcomes, kind: str, n: int, html: bool | None = None, md: bool = True):
    chosen = [inp for inp, o in outcomes if o.kind == kind and (html is None or inp.name.endswith(".html") == html)
              and (md or not inp.name.endswith(".md"))]
    return chosen[:n]


@pytest.mark.slow
def test_accepted_archives_pass_a_strict_mkdocs_build(outcomes, tmp_path):
    """The whole site (Markdown, theme, search index) from a text and a web page accepted
    above, and every internal link of it. A raw .md or .html file is left out here: it is
    published under its own name (a page of the site, served as HTML), which the
    page-escaping work changes."""
    chosen = (_pick(outcomes, ACCEPTED, 1, html=False, md=False)
              + [inp for inp in _pick(outcomes, ACCEPTED, COUNT) if inp.recipe[0].startswith(("cctv", "news-sites", "govcn "))
                 and not inp.name.endswith((".md", ".html"))][:1])
    assert len(chosen) == 2
    for inp in chosen:
        work = tmp_path / f"work-{inp.index}"
        assert check(inp, work).kind == ACCEPTED
        built = mkdocs_check(work / "content", tmp_path / f"project-{inp.index}")
        assert built.kind == ACCEPTED, (inp.label, built.reason, built.detail)


def test_the_import_command_exits_0_or_1_without_a_traceback(outcomes, tmp_path):
    chosen = [(inp, 0) for inp in _pick(outcomes, ACCEPTED, 1)] + [(inp, 1) for inp in _pick(outcomes, REFUSED, 2)]
    for inp, expected in chosen:
        raw = tmp_path / str(inp.index) / inp.name
        raw.parent.mkdir()
        raw.write_bytes(inp.data)
        result = run_cli("import", str(raw), "--content", str(tmp_path / str(inp.index) / "content"))
        assert result.returncode == expected, (inp.label, result.stderr)
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr, (inp.label, result.stderr)
        if expected:
            assert f"archivegen: error: {raw}: " in result.stderr, result.stderr


def test_the_generator_is_deterministic_and_keeps_inputs_small():
    for i in (0, 1, 57):
        assert generate(SEED, i) == generate(SEED, i)
    assert generate(SEED, 3) != generate(SEED + 1, 3)
    assert all(len(generate(SEED, i).data) <= 200_000 for i in range(40))
