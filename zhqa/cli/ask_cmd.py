"""`qa ask`: answer a question with verified citations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from qa.config import load_settings
from zhqa.cli import app
from zhqa.cli.output import highlight, out, print_json


@app.command("ask")
def ask_command(
    question: Annotated[str, typer.Argument(help="the question, in Chinese or English")],
    k: Annotated[int | None, typer.Option("-k", "--top-k", help="passages to retrieve")] = None,
    llm: Annotated[str | None, typer.Option("--llm", help="extractive (default), openai, llama-cpp")] = None,
    reader: Annotated[str | None, typer.Option("--reader", help="span reader in the extractive composer: trained or none")] = None,
    doc: Annotated[list[str] | None, typer.Option("--doc", help="only use this document id (repeatable)")] = None,
    llm_base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1")] = None,
    llm_model: Annotated[str | None, typer.Option(help="model name sent to the endpoint")] = None,
    index: Annotated[Path | None, typer.Option("--index", help="index directory")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="print the Answer as JSON")] = False,
) -> None:
    """Answer a question from the indexed documents, citing the passages that support it."""
    from qa.answer.pipeline import Answerer
    from qa.factory import load_index, make_retriever

    s = load_settings(index_dir=index, llm=llm, top_k=k, llm_base_url=llm_base_url, llm_model=llm_model,
                      reader=reader)
    answerer = Answerer(make_retriever(load_index(s)), s)
    answer = answerer.ask(question, doc_ids=doc)
    if json_out:
        print_json(answer)
        return
    _print_answer(answer)


def _print_answer(a) -> None:
    style = "bold red" if a.abstained else "bold green"
    out.print(f"[{style}]{escape(a.answer)}[/]")
    if a.fallback or a.notes:
        for note in a.notes:
            out.print(f"[yellow]note:[/] {escape(note)}")
    if a.citations:
        out.print("\n[bold]Sources[/]")
    for c in a.citations:
        out.print(f" [{c.n}] [cyan]{escape(c.doc_id)}[/] [green]{escape(c.org or '-')}[/] "
                  f"[dim]{c.start}:{c.end}[/]")
        marked = [a.answer] if not a.abstained and a.answer in c.text else []
        out.print("     " + highlight(" ".join(c.text.split()), marked, style="bold yellow on grey15"))
    if a.abstained and a.passages:
        out.print("\n[bold]Nearest passages[/]")
        for p in a.passages[:3]:
            out.print(f" - [cyan]{escape(p.doc_id)}[/] [green]{escape(p.org or '-')}[/] "
                      f"{escape(' '.join(p.text.split())[:100])}…")
    t = a.timings
    out.print(f"\n[dim]{a.backend} · retrieve {t.retrieve_ms:.0f} ms · compose {t.compose_ms:.0f} ms[/]")
