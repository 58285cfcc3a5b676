"""Write docs/cli.md from the real `--help` of every command.

    .venv/bin/python scripts/cli_docs.py          # rewrite docs/cli.md
    .venv/bin/python scripts/cli_docs.py --check  # exit 1 if docs/cli.md is stale (tests run this)
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from claimgraph.cli import main

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"

HEADER = """# claimgraph command reference

Generated from the real `--help` of each command by `scripts/cli_docs.py`; a test fails when it is stale.
Every command takes `--db` (a SQLite file or a `postgresql://` URL; default `./claimgraph.db`, or `$CLAIMGRAPH_DB`).
"""


def help_text(args: list[str]) -> str:
    result = CliRunner().invoke(main, [*args, "--help"], prog_name="claimgraph", terminal_width=100)
    assert result.exit_code == 0, result.output
    return result.output.rstrip() + "\n"


def render() -> str:
    parts = [HEADER, "## claimgraph\n", "```text\n" + help_text([]) + "```\n"]
    ctx = click.Context(main)
    for name in main.list_commands(ctx):
        parts.append(f"## claimgraph {name}\n")
        parts.append("```text\n" + help_text([name]) + "```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if DOC.exists() and DOC.read_text() == text else 1)
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text)
    print(f"wrote {DOC}")
