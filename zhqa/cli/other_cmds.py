"""`qa documents` and other small commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from zhqa.cli import app
from zhqa.cli.output import out, print_json
from qa.config import load_settings


@app.command("documents")
def documents_command(
    index: Annotated[Optional[Path], typer.Option("--index", help="index directory")] = None,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List the indexed documents."""
    from qa.index.store import Index

    s = load_settings(index_dir=index)
    idx = Index.load(s.index_dir)
    if json_out:
        print_json(list(idx.docs))
        return
    for d in idx.docs:
        out.print(f"[cyan]{escape(d.doc_id)}[/]  {d.chunk_hi - d.chunk_lo} chunks  "
                  f"[green]{escape(d.org or '-')}[/]  {escape(d.title)}")
