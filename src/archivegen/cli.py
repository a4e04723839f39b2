"""The `archivegen` command: a thin shell over the library.

Exit codes: 0 success, 1 bad input (the message names the file), 2 usage error (click's),
3 internal error (a bug).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from archivegen import __version__

EXIT_BAD_INPUT = 1


class Reporter:
    def __init__(self, quiet: bool, verbose: bool) -> None:
        self.quiet, self.verbose = quiet, verbose

    def info(self, msg: str) -> None:
        if not self.quiet:
            click.echo(msg, err=True)

    def detail(self, msg: str) -> None:
        if self.verbose and not self.quiet:
            click.echo(msg, err=True)

    def summary(self, msg: str) -> None:
        if not self.quiet:
            click.echo(msg)


def fail(msg: str) -> None:
    click.echo(f"archivegen: error: {msg}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def _set_quiet(ctx: click.Context, _param, value: bool) -> None:
    if value:
        ctx.ensure_object(Reporter).quiet = True


def _set_verbose(ctx: click.Context, _param, value: bool) -> None:
    if value:
        ctx.ensure_object(Reporter).verbose = True


def verbosity(f):
    """-q/-v on a subcommand too (`archivegen import -v x.txt` as well as `archivegen -v import x.txt`)."""
    f = click.option("-v", "--verbose", is_flag=True, expose_value=False, callback=_set_verbose,
                     help="Print every file handled.")(f)
    return click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=_set_quiet,
                        help="Print only errors.")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archivegen")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print every file handled.")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Build an annotated archive of Chinese policy documents.

    Import raw files into content/, then run `mkdocs build` (or `mkdocs serve`) to build
    the site; the archivegen MkDocs plugin does the rest.
    """
    ctx.obj = Reporter(quiet, verbose)


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--content", "content_dir", default="content", show_default=True, type=click.Path(path_type=Path),
              help="The content folder to import into.")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option("--encoding", metavar="NAME", default=None,
              help="Read the files as NAME (gbk, big5, utf-16 …) instead of detecting their encoding.")
@verbosity
@click.pass_obj
def import_cmd(rep: Reporter, paths: tuple[Path, ...], content_dir: Path, dry_run: bool, encoding: str | None) -> None:
    """Import raw files (text or HTML, any common Chinese encoding) into CONTENT.

    Each file is kept byte for byte in CONTENT/sources/, cleaned, split into its
    documents and described; each document becomes CONTENT/documents/<region>/<id>.md.
    Files a person has edited since the last import are never overwritten. A file that
    cannot be imported is reported and the others are imported; the exit code is then 1.
    """
    from archivegen import ingest
    from archivegen.ingest.write import WriteReport
    from archivegen.progress import progress_bar

    started = time.perf_counter()
    files, _ = ingest.collect(list(paths))
    try:
        with progress_bar(sum(_size(f) for f in files), "importing", disable=rep.quiet) as advance:
            result = ingest.import_(list(paths), content_dir, dry_run=dry_run, progress=advance, encoding=encoding)
    except ingest.ImportError_ as exc:
        fail(str(exc))
    if result.written and result.written.recovered:
        rep.info(f"finished an earlier import into {content_dir} that was interrupted")
    for f, name in result.renamed:
        rep.info(f"{f}: another file named {f.name} is in the archive; imported as sources/{name}")
    for f, name in result.duplicates:
        rep.info(f"{f}: the same bytes as sources/{name}; imported as that file, nothing is duplicated")
    for failure in result.failures:
        click.echo(f"archivegen: error: {failure.name}: {failure.reason}", err=True)
    failed = f", {len(result.failures)} file(s) not imported" if result.failures else ""
    if dry_run:
        for rel in sorted(result.plan.files):
            rep.summary(f"would write {content_dir / rel}")
    else:
        report = result.written or WriteReport()
        for rel in report.written:
            rep.detail(f"wrote {content_dir / rel}")
        for rel in report.kept:
            rep.info(f"kept {content_dir / rel}: edited by hand since the last import; not overwritten")
        rep.summary(
            f"imported {len(result.plan.sources)} file(s) → {result.documents} document(s): {len(report.written)} written, "
            f"{len(report.unchanged)} unchanged, {len(report.kept)} kept (edited by hand){failed} "
            f"in {time.perf_counter() - started:.1f}s"
        )
    if result.failures:
        sys.exit(EXIT_BAD_INPUT)


@main.command("export")
@click.option("--json", "as_json", is_flag=True, required=True, help="Export as JSON (the only format).")
@click.option("--content", "content_dir", default="content", show_default=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write here instead of stdout.")
@verbosity
@click.pass_obj
def export_cmd(rep: Reporter, as_json: bool, content_dir: Path, output: Path | None) -> None:
    """Export the whole archive (metadata, cleaned text, glossary) as JSON."""
    from archivegen.export import export_json
    from archivegen.site import ContentError, load_archive

    try:
        archive = load_archive(content_dir)
    except ContentError as exc:
        fail(str(exc))
    text = export_json(archive)
    if output:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"{output}: cannot write the export: {exc.strerror or exc}")
        rep.summary(f"exported {len(archive.documents)} documents, {len(archive.glossary)} glossary entries → {output}")
    else:
        click.echo(text, nl=False)


@main.command("check")
@click.option("--content", "content_dir", default="content", show_default=True, type=click.Path(path_type=Path))
@click.option("--site", "site_dir", default=None, type=click.Path(path_type=Path),
              help="Also crawl this built site for broken internal links.")
@verbosity
@click.pass_obj
def check_cmd(rep: Reporter, content_dir: Path, site_dir: Path | None) -> None:
    """Validate content/ (every file against the content schema, every raw file against
    its sha256, every edit log) and, with --site, a built site's internal links; exit 1 on any problem.

    An import that was interrupted (the machine stopped, the process was killed) is
    finished first, so content/ is whole again."""
    from archivegen.ingest.write import recover
    from archivegen.site import ContentError, load_archive
    from archivegen.site.load import read_edit_log

    if content_dir.is_dir() and recover(content_dir):
        rep.info(f"finished an earlier import into {content_dir} that was interrupted")
    try:
        archive = load_archive(content_dir)
        for source in archive.edit_logs:        # a build reads a log only to make its page
            read_edit_log(archive, source)
    except ContentError as exc:
        fail(str(exc))
    problems = []
    if site_dir:
        from archivegen.site.linkcheck import broken_links

        if not site_dir.is_dir():
            fail(f"{site_dir}: no such folder; build the site first (mkdocs build)")
        problems = broken_links(site_dir)
        for p in problems:
            click.echo(p, err=True)
    if problems:
        fail(f"{len(problems)} broken internal link(s) in {site_dir}")
    rep.summary(f"ok: {len(archive.documents)} documents, {len(archive.glossary)} glossary entries, "
                f"{sum(1 for k in archive.sources if not k.endswith('.edits.json'))} raw files match their sha256"
                + (f"; all internal links in {site_dir} resolve" if site_dir else ""))


EXIT_INTERNAL = 3


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0            # unreadable: import reports it


def entry() -> None:
    """The console script: an unexpected exception is a bug, reported in one line (set
    ARCHIVEGEN_DEBUG=1 for the traceback), never a wall of Python for bad input."""
    import os

    try:
        main(prog_name="archivegen")
    except Exception as exc:
        if os.environ.get("ARCHIVEGEN_DEBUG"):
            raise
        click.echo(f"archivegen: internal error: {type(exc).__name__}: {exc}\n"
                   "This is a bug in archivegen, not in your files; run again with ARCHIVEGEN_DEBUG=1 "
                   "to see where it happened, and report it.", err=True)
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":  # pragma: no cover
    entry()
