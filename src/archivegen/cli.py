"""The `archivegen` command: a thin shell over the library.

Exit codes: 0 success, 1 bad input (message names the file), 2 usage error (click's).
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
@click.pass_obj
def import_cmd(rep: Reporter, paths: tuple[Path, ...], content_dir: Path, dry_run: bool) -> None:
    """Import raw files (text or HTML, any common Chinese encoding) into CONTENT.

    Each file is kept byte for byte in CONTENT/sources/, cleaned, split into its
    documents and described; each document becomes CONTENT/documents/<region>/<id>.md.
    Files a person has edited since the last import are never overwritten.
    """
    from archivegen import ingest
    from archivegen.progress import progress_bar

    started = time.perf_counter()
    try:
        files = ingest.collect(list(paths))
        with progress_bar(len(files), "importing", disable=rep.quiet) as advance:
            result = ingest.import_(files, content_dir, dry_run=dry_run, progress=advance)
    except (ingest.ImportError_, ValueError) as exc:
        fail(str(exc))
    for f, name in result.renamed:
        rep.detail(f"{f}: another file named {f.name} is in the archive; importing as {name}")
    if result.written is None:
        for rel in sorted(result.plan.files):
            rep.summary(f"would write {content_dir / rel}")
        return
    report = result.written
    for rel in report.written:
        rep.detail(f"wrote {content_dir / rel}")
    for rel in report.kept:
        rep.info(f"kept {content_dir / rel}: edited by hand since the last import; not overwritten")
    rep.summary(
        f"imported {len(result.plan.sources)} file(s) → {result.documents} document(s): {len(report.written)} written, "
        f"{len(report.unchanged)} unchanged, {len(report.kept)} kept (edited by hand) "
        f"in {time.perf_counter() - started:.1f}s"
    )


@main.command("export")
@click.option("--json", "as_json", is_flag=True, required=True, help="Export as JSON (the only format).")
@click.option("--content", "content_dir", default="content", show_default=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write here instead of stdout.")
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
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        rep.summary(f"exported {len(archive.documents)} documents, {len(archive.glossary)} glossary entries → {output}")
    else:
        click.echo(text, nl=False)


@main.command("check")
@click.option("--content", "content_dir", default="content", show_default=True, type=click.Path(path_type=Path))
@click.option("--site", "site_dir", default=None, type=click.Path(path_type=Path),
              help="Also crawl this built site for broken internal links.")
@click.pass_obj
def check_cmd(rep: Reporter, content_dir: Path, site_dir: Path | None) -> None:
    """Validate content/ (and a built site's internal links); exit 1 on any problem."""
    from archivegen.site import ContentError, load_archive

    try:
        archive = load_archive(content_dir)
    except ContentError as exc:
        fail(str(exc))
    problems = []
    if site_dir:
        from archivegen.site.linkcheck import broken_links

        problems = broken_links(site_dir)
        for p in problems:
            click.echo(p, err=True)
    if problems:
        fail(f"{len(problems)} broken internal link(s) in {site_dir}")
    rep.summary(f"ok: {len(archive.documents)} documents, {len(archive.glossary)} glossary entries"
                + (f"; all internal links in {site_dir} resolve" if site_dir else ""))


if __name__ == "__main__":  # pragma: no cover
    main()
