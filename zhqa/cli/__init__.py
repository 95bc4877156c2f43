"""The ``qa`` command line: the composition root of the CLI.

Commands live in one module per resource; this module owns the one place where
errors become a line on stderr and an exit code.
"""

from __future__ import annotations

import sys

import click
import typer

from qa.errors import QAError

app = typer.Typer(
    name="qa",
    help="Question answering with verified citations over Chinese documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    # imported here so `import zhqa.cli` stays cheap and commands register exactly once
    from zhqa.cli import ask_cmd, bench_cmd, eval_cmd, index_cmd, other_cmds, reader_cmd, serve_cmd  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``qa`` script; returns the exit code."""
    _register()
    try:
        rv = app(args=argv, standalone_mode=False, prog_name="qa")
        if isinstance(rv, int):  # typer.Exit(code) comes back as a return value here
            return rv
    except QAError as exc:
        line = f"error: {exc.message}"
        if exc.hint:
            line += f" (hint: {exc.hint})"
        print(line, file=sys.stderr)
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        print("interrupted; nothing was changed", file=sys.stderr)
        return 130
    except Exception as exc:
        detail = (str(exc).strip().splitlines() or [""])[0][:300]
        print(f"error: unexpected {type(exc).__name__}: {detail} (hint: this is a bug, please report it "
              "with the command that caused it)", file=sys.stderr)
        return 70
    return 0


if __name__ == "__main__":
    sys.exit(main())
