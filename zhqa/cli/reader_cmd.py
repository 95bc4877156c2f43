"""`qa reader train` and `qa reader measure`: the trained span reader's own commands.

Both hand their arguments to the reader's modules (``python -m qa.reader.train`` and
``python -m qa.reader.measure`` take the same ones), so there is one definition of each option.
"""

from __future__ import annotations

import typer

from zhqa.cli import app

reader_app = typer.Typer(no_args_is_help=True, add_completion=False,
                         help="Train or measure the span reader (qa/reader).")
app.add_typer(reader_app, name="reader")
_PASS = {"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []}


@reader_app.command("train", context_settings=_PASS)
def train_command(ctx: typer.Context) -> None:
    """Train the reader on ../shared/train (see `qa reader train --help`; checkpoints, --resume, CUDA when present)."""
    from qa.reader.train import main

    raise typer.Exit(main(list(ctx.args)))


@reader_app.command("measure", context_settings=_PASS)
def measure_command(ctx: typer.Context) -> None:
    """Measure the reader: `cmrc` (F1/EM on CMRC 2018 dev against gold paragraphs) or `latency`."""
    from qa.reader.measure import main

    raise typer.Exit(main(list(ctx.args)))
