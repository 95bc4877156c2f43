"""`qa documents` (list the indexed documents) and `qa documents purge`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from qa.config import load_settings
from zhqa.cli import app
from zhqa.cli.output import out, print_json

documents_app = typer.Typer(no_args_is_help=False, add_completion=False)
app.add_typer(documents_app, name="documents")


@documents_app.callback(invoke_without_command=True)
def documents_command(
    ctx: typer.Context,
    index: Annotated[Path | None, typer.Option("--index", help="index directory")] = None,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List the indexed documents (`qa documents purge` empties corpus/.deleted/)."""
    if ctx.invoked_subcommand is not None:
        return
    from qa.index.store import Index

    s = load_settings(index_dir=index)
    idx = Index.load(s.index_dir)
    if json_out:
        print_json(list(idx.docs))
        return
    if not len(idx.docs):
        out.print(escape(f"the index at {s.index_dir} holds no documents"))
    for d in idx.docs:
        out.print(f"[cyan]{escape(d.doc_id)}[/]  {d.chunk_hi - d.chunk_lo} chunks  "
                  f"[green]{escape(d.org or '-')}[/]  {escape(d.title)}")


@documents_app.command("purge")
def purge_command(
    older_than: Annotated[str, typer.Option("--older-than", help="remove what was deleted longer ago than "
                                            "this: 30d, 12h, 1w2d (units s, m, h, d, w)")],
    corpus: Annotated[Path | None, typer.Option("--corpus", help="corpus folder [default: ./corpus]")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="list what would be removed, remove nothing")] = False,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Remove deleted documents kept in the corpus folder's .deleted/ for longer than --older-than."""
    from qa.deleted import parse_duration, purge_deleted

    seconds = parse_duration(older_than)
    s = load_settings(corpus_dir=corpus)
    report = purge_deleted(s.corpus_dir, seconds, dry_run=dry_run)
    if json_out:
        print_json(report)
        return
    verb = "would remove" if dry_run else "removed"
    out.print(escape(f"{verb} {len(report.removed)} file(s) ({report.freed_bytes / 1024:.0f} KiB) from "
                     f"{report.folder}, kept {report.kept} deleted less than {older_than} ago"))
    for name in report.removed:
        out.print(escape(f"  {name}"))
