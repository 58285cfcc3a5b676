"""Issue #11 items 8, 13 and 14 at the command line: markup-safe messages, no store
conjured from a typo, and exit codes that tell a crash from "nothing added" from --strict.

The codes are documented in `claimgraph --help` (docs/cli.md) and README.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.errors import EXIT_CRASH, EXIT_ERROR, EXIT_OK, EXIT_STRICT, EXIT_USAGE

REPO = Path(__file__).resolve().parents[1]
ARTICLE = ("Talks resume over the {0} crossing\n\nNegotiators met on Monday to reopen the {0} crossing, "
           "the interior ministry said in a statement, adding that aid convoys would pass from Thursday.\n")


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_exit_code_constants_follow_click() -> None:
    assert (EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_STRICT) == (0, 1, 2, 3)
    assert EXIT_CRASH not in (0, 1, 2, 3)


# ------------------------------------------------------------------- item 8
def test_rich_markup_in_paths_and_reasons_is_printed_verbatim(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "a[").mkdir(parents=True)
    (src / "a[" / "x]b.txt").write_text(ARTICLE.format("north"), encoding="utf-8")  # path holds "[/x]"
    (src / "[b]c[").mkdir()
    (src / "[b]c[" / "b].txt").write_bytes(b"")
    (src / "[http:").mkdir()
    (src / "[http:" / "e.org]").write_bytes(b"")
    code, out, err = cli("ingest", str(src), "--no-extract", "--db", str(tmp_path / "t.db"))
    assert code == EXIT_OK, err
    assert f"{src}/[b]c[/b].txt: empty file" in err
    assert f"{src}/[http:/e.org]: empty file" in err
    assert "1 document(s) added" in out
    code, out, err = cli("ingest", str(src / "a[" / "x]b.txt"), "--no-extract", "--db", str(tmp_path / "t.db"))
    assert code == EXIT_OK and "already known" in out


def test_feed_entry_labels_survive_printing(tmp_path: Path) -> None:
    feed = ("<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
            "<item><title>x</title><link>http://e.org/1</link></item>"
            f"<item><title>y</title><description>{ARTICLE.format('south')}</description></item>"
            "</channel></rss>")
    (tmp_path / "f.rss").write_text(feed, encoding="utf-8")
    code, _out, err = cli("ingest", str(tmp_path / "f.rss"), "--no-extract", "--db", str(tmp_path / "t.db"))
    assert code == EXIT_OK
    assert "[entry 1 http://e.org/1]: no article text found" in err.replace("\n", "")


def test_stored_text_with_markup_is_shown_verbatim(tmp_path: Path) -> None:
    text = "Headline [red]with[/red] [/x] markup\n\n" + ARTICLE.format("[/east]")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "t.db")
    code, out, _ = cli("ingest", str(tmp_path / "a.txt"), "--no-extract", "--json", "--db", db)
    doc = json.loads(out)["documents"][0]
    code, out, _ = cli("show", doc[:10], "--db", db)
    assert code == EXIT_OK and "Headline [red]with[/red] [/x] markup" in out
    code, out, _ = cli("documents", "--db", db)
    assert code == EXIT_OK and "[/x]" in out


# ------------------------------------------------------------------ item 13
@pytest.mark.parametrize("command", [
    ["documents"], ["show", "abc"], ["events"], ["summary"], ["export"], ["extract"], ["analyze"],
    ["actors"], ["claims"], ["grade"], ["dyad", "A", "B"], ["report"], ["serve"],
])
def test_read_commands_refuse_a_missing_store(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "typo.db"
    code, _out, err = cli(*command, "--db", str(db))
    assert code == EXIT_ERROR
    assert not db.exists(), "a read command created a store"
    assert f"{db}: no claimgraph store here" in err and "claimgraph ingest" in err


def test_ingest_creates_the_store(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE.format("west"), encoding="utf-8")
    db = tmp_path / "new.db"
    code, _, _ = cli("ingest", str(tmp_path / "a.txt"), "--no-extract", "--db", str(db))
    assert code == EXIT_OK and db.exists()
    code, out, _ = cli("documents", "--db", str(db))
    assert code == EXIT_OK and "Talks resume" in out


def test_an_existing_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "notes.txt"
    db.write_text("my notes\n", encoding="utf-8")
    code, _, err = cli("summary", "--db", str(db))
    assert code == EXIT_ERROR and str(db) in err
    assert db.read_text(encoding="utf-8") == "my notes\n"


# ------------------------------------------------------------------ item 14
def test_ingest_exit_codes_and_skipped_files_counted(tmp_path: Path) -> None:
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir()
    bad.mkdir()
    (good / "a.txt").write_text(ARTICLE.format("alpha"), encoding="utf-8")
    lines = [json.dumps({"text": ARTICLE.format("beta")}), "{broken", "[1]", "{}"]
    (good / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "junk.bin").write_bytes(b"\x00\x01\x02" * 50)
    db = str(tmp_path / "t.db")

    code, out, err = cli("ingest", str(good), str(bad), "--no-extract", "--db", db)
    assert code == EXIT_OK
    assert "2 document(s) added, 2 file(s) skipped, 3 bad record(s) in 1 file(s) that were read" in out
    code, out, _ = cli("ingest", str(good), str(bad), "--no-extract", "--json", "--db", db)
    summary = json.loads(out)
    assert code == EXIT_OK and summary["skipped_files"] == 2 and summary["bad_records"] == 3
    assert summary["duplicates"] == 2

    code, out, _ = cli("ingest", str(bad), "--no-extract", "--db", db)
    assert code == EXIT_ERROR and "0 document(s) added, 2 file(s) skipped" in out
    code, _, _ = cli("ingest", str(good), str(bad), "--no-extract", "--strict", "--db", str(tmp_path / "s.db"))
    assert code == EXIT_STRICT
    code, _, err = cli("ingest", str(good), "--no-extract", "--max-bytes", "0", "--db", db)
    assert code == EXIT_USAGE


def test_a_crash_has_its_own_exit_code_and_keeps_the_traceback(tmp_path: Path) -> None:
    """A reader plugin with a bug: the run finishes, the crash is reported with its traceback."""
    (tmp_path / "a.txt").write_text(ARTICLE.format("gamma"), encoding="utf-8")
    (tmp_path / "b.boom").write_text("boom\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from claimgraph import registry\n"
        "class Boom:\n"
        "    name = 'boom'\n"
        "    def sniff(self, path, head): return 1.0 if path.suffix == '.boom' else 0.0\n"
        "    def read(self, path, data): raise ZeroDivisionError('plugin bug')\n"
        "registry.register(registry.READERS, 'boom')(Boom)\n"
        "from claimgraph.cli import main\n"
        "sys.exit(main())\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, "ingest", str(tmp_path), "--no-extract",
                           "--db", str(tmp_path / "t.db")], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert proc.returncode == EXIT_CRASH, proc.stderr
    assert "ZeroDivisionError: plugin bug" in proc.stderr and "Traceback" in proc.stderr
    assert "1 document(s) added" in proc.stdout  # the good file was still stored


def test_exit_codes_are_documented() -> None:
    helptext = CliRunner().invoke(main, ["--help"]).output
    for code in (EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_STRICT, EXIT_CRASH):
        assert f"{code}  " in helptext or f" {code} " in helptext
    assert "Exit codes" in (REPO / "README.md").read_text(encoding="utf-8")
