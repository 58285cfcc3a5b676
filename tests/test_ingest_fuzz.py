"""Fuzz: seeded trees of hostile files mixed with good articles, through the real ingest.

Each seed builds a folder with every kind of bad input the audit of issue
#11 found (symlink loops, dangling links, FIFOs, long, non-UTF-8, newline
and Rich-markup names, truncated and corrupt gzip and WARC, deeply nested
JSON and HTML, binary junk, wall pages, oversize files and gzip bombs) in
random names, places and mixes, beside good articles in every format. The
real `claimgraph ingest` runs over it into a real SQLite store and must
finish without a traceback, store every good article and name every bad
input with a reason that fits it. Byte-mutated copies of good files may go
either way, but must be stored or named, never crash.

Every generated path carries a token ("g7", "b12", "m3") so a result can be
traced to what made it however the name was mangled for printing.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.cli import main
from claimgraph.errors import EXIT_ERROR, EXIT_OK, EXIT_STRICT
from claimgraph.store import Store

REPO = Path(__file__).resolve().parents[1]
MAX_BYTES = 200_000  # --max-bytes for the run: oversize inputs stay small enough to write fast
SEEDS = range(8)
VERBS = ["shelled", "blockaded", "accused", "sanctioned", "praised", "threatened", "attacked", "aided"]
PLACES = ["the northern border", "the port city", "the capital", "a disputed island", "the river crossing"]


@dataclass
class Plan:
    """What a tree should produce: good markers to find stored, bad tokens to find named."""

    good: dict[str, str] = field(default_factory=dict)  # marker word → token of the file it is in
    bad: dict[str, tuple[str, ...]] = field(default_factory=dict)  # token → acceptable reason fragments
    mutants: set[str] = field(default_factory=set)  # tokens of byte-mutated files: stored, known or named
    count: int = 0

    def token(self, kind: str) -> str:
        self.count += 1
        return f"{kind}{self.count}"


def _article(rng: random.Random, marker: str) -> str:
    verb, place = rng.choice(VERBS), rng.choice(PLACES)
    return (f"Forces {verb} positions near {place}\n\n"
            f"Officials said on Tuesday that forces {verb} positions near {place} overnight, in what the "
            f"ministry called operation {marker}. A spokesman for the army said {rng.randint(2, 90)} people "
            f"were hurt and that talks would resume next week.\n")


def _name(rng: random.Random, token: str, ext: str) -> str | bytes:
    """A file name holding `token`: plain, long, non-UTF-8, with markup, spaces or a newline."""
    style = rng.randrange(7)
    if style == 0:
        return f"{token}{ext}"
    if style == 1:  # 246-255 bytes: a sidecar name built from it is too long to exist
        return f"{token}-" + "n" * (rng.randint(246, 255) - len(token) - 1 - len(ext)) + ext
    if style == 2:
        return f"{token}-".encode() + bytes(rng.sample(range(0x80, 0x100), 3)) + ext.encode()
    if style == 3:
        # "x]" in the folder "a[" makes "a[/x]" in the path: a closing tag Rich cannot match
        return rng.choice(["[bold]", "x]", "[entry 3]", "[http:", "[link=x]"]) + f"{token}{ext}"
    if style == 4:
        return f"{token} with spaces{ext}"
    if style == 5:
        return f"{token}\nsecond line{ext}"
    return f"{token}-Київ-“quoted”{ext}"


def _place(root: Path, rng: random.Random, name: str | bytes) -> Path:
    """A path under `root` (maybe in a subfolder, maybe one whose name makes "[/x]" in the path)."""
    folder = root
    if rng.random() < 0.4:
        folder = root / rng.choice(["sub", "deep/er", "a[", "x y"])
        folder.mkdir(parents=True, exist_ok=True)
    return folder / (os.fsdecode(name) if isinstance(name, bytes) else name)


def _warc(articles: list[str], gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i, text in enumerate(articles):
        body = f"<html><body><article><p>{text}</p></article></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


def _good(root: Path, rng: random.Random, plan: Plan) -> None:
    """One good file in a random format (some hold bad records as well)."""
    token = plan.token("g")
    markers = [f"Mk{token}x{i}" for i in range(2)]
    texts = [_article(rng, m) for m in markers]
    fmt = rng.choice(["txt", "txtgz", "md", "html", "jsonl", "jsonlbad", "warc", "warcgz", "rss"])
    keep = markers[:1]
    if fmt in ("txt", "md"):
        data, ext = texts[0].encode(), f".{fmt}"
    elif fmt == "txtgz":
        data, ext = gzip.compress(texts[0].encode()), ".txt.gz"
    elif fmt == "html":
        paras = "".join(f"<p>{p}</p>" for p in texts[0].split("\n\n"))
        data = f"<!doctype html><html><head><title>t</title></head><body><article>{paras}</article></body></html>"
        data, ext = data.encode(), ".html"
    elif fmt in ("jsonl", "jsonlbad"):
        lines = [json.dumps({"text": t, "url": f"https://e.org/{token}/{i}"}) for i, t in enumerate(texts)]
        keep = markers
        if fmt == "jsonlbad":
            lines.insert(1, rng.choice(["{broken", "[1, 2]", "{}", '{"text": 5}', "[" * 100_000]))
            plan.bad[token] = ("invalid JSON", "expected a JSON object", "no article text", "must be a string",
                               "nested too deeply")
        data, ext = ("\n".join(lines) + "\n").encode(), ".jsonl"
    elif fmt in ("warc", "warcgz"):
        data, ext, keep = _warc(texts, gz=fmt == "warcgz"), (".warc.gz" if fmt == "warcgz" else ".warc"), markers
    else:
        items = "".join(f"<item><title>t{i}</title><link>https://e.org/{token}/{i}</link>"
                        f"<description>{t}</description></item>" for i, t in enumerate(texts))
        data = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>"
        data, ext, keep = data.encode(), ".rss", markers
    path = _place(root, rng, _name(rng, token, ext))
    path.write_bytes(data)
    for m in keep:
        plan.good[m] = token
    if rng.random() < 0.25:  # a byte-mutated copy of the same file: stored or named, never a crash
        mutant = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            mutant[rng.randrange(len(mutant))] = rng.randrange(256)
        mtoken = plan.token("m")
        _place(root, rng, _name(rng, mtoken, ext)).write_bytes(bytes(mutant))
        plan.mutants.add(mtoken)


def _bad(root: Path, rng: random.Random, plan: Plan, kind: str) -> None:
    """One hostile input of `kind`, recorded in the plan with the reasons that fit it."""
    token = plan.token("b")
    text = _article(rng, f"Bad{token}").encode()
    reasons: tuple[str, ...]
    if kind == "loop":
        a = root / f"{token}a-loop"
        b = root / f"{token}b-loop"
        a.symlink_to(b.name)
        b.symlink_to(a.name)
        reasons = ("symbolic link loop",)
    elif kind == "self":
        (root / f"{token}-self").symlink_to(f"{token}-self")
        reasons = ("symbolic link loop",)
    elif kind == "uplink":
        folder = root / f"{token}-dir"
        folder.mkdir()
        (folder / "back").symlink_to("..")
        reasons = ("symbolic link loop",)
    elif kind == "dangling":
        _place(root, rng, _name(rng, token, ".txt")).symlink_to("/nonexistent/target.txt")
        reasons = ("dangling symbolic link",)
    elif kind == "fifo":
        os.mkfifo(_place(root, rng, _name(rng, token, ".txt")))
        reasons = ("not a regular file (FIFO)",)
    elif kind == "deepsidecar":  # a good article whose sidecar is nested too deeply: named, not stored
        folder = _place(root, rng, "x").parent
        (folder / f"{token}.txt").write_bytes(text)
        (folder / f"{token}.meta.json").write_bytes(b'{"title": ' + b"[" * 50_000)
        reasons = ("nested too deeply",)
    else:
        data, ext, reasons = _bad_bytes(rng, kind, text, token)
        _place(root, rng, _name(rng, token, ext)).write_bytes(data)
    plan.bad[token] = reasons


def _bad_bytes(rng: random.Random, kind: str, text: bytes, token: str) -> tuple[bytes, str, tuple[str, ...]]:
    if kind == "empty":
        return rng.choice([b"", b"  \n\t\n"]), ".txt", ("empty file",)
    if kind == "binary":
        return b"\x00" + rng.randbytes(rng.randint(10, 4000)), rng.choice([".txt", ".html", ""]), ("binary content",)
    if kind == "latin1":
        return "Caf\xe9 talks in Montr\xe9al collapse".encode("latin-1"), ".txt", ("not valid UTF-8",)
    if kind == "cutgz":
        return gzip.compress(text * 30)[: rng.randint(12, 40)], ".txt.gz", ("truncated gzip",)
    if kind == "corruptgz":
        return b"\x1f\x8b\x08\x00" + rng.randbytes(200), ".txt.gz", ("truncated gzip",)
    if kind == "bomb":
        return gzip.compress(b"a" * (MAX_BYTES * 3)), ".txt.gz", ("over the size limit",)
    if kind == "oversize":
        return text * (MAX_BYTES // len(text) + 2), ".txt", ("over the size limit",)
    if kind == "deepjson":
        return b'{"text": ' + b"[" * 50_000 + b"\n", ".jsonl", ("nested too deeply", "invalid JSON")
    if kind == "deephtml":
        body = "<div>" * 9_000 + "x" + "</div>" * 9_000
        return f"<html><body>{body}</body></html>".encode(), ".html", ("no article text found", "nested too deeply")
    if kind == "wall":
        page = rng.choice([
            "Please enable JavaScript to view this page.",
            "Cookie Policy\n\nWe use cookies to improve your experience on our site.\n\nAccept all",
            "Just a moment...\n\nChecking your browser before accessing example.org.",
            "<html><body><noscript>You need to enable JavaScript to run this app.</noscript></body></html>",
        ])
        return page.encode(), ".html" if page.startswith("<") else ".txt", ("no article text found",)
    if kind == "furniture":
        return b"Share this article\nFacebook Twitter Email Print\n", ".txt", ("no article text found",)
    if kind in ("cutwarc", "cutwarcgz"):
        data = _warc([text.decode()], gz=kind == "cutwarcgz")
        return data[: len(data) - rng.randint(40, 120)], ".warc.gz" if kind == "cutwarcgz" else ".warc", (
            "truncated",)
    if kind == "badfeed":
        junk = rng.choice([b"<item><title>t</title>", b"&bogus;<item>", b"\x01\x02", b"<item><description>"])
        return b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title>" + junk, ".rss", (
            "malformed feed", "feed has no entries", "no article text found")
    if kind == "badwarc":
        return b"WARC/1.0\r\nGARBAGE\r\n\r\n" + rng.randbytes(300), ".warc", (
            "bad WARC record header", "truncated", "no WARC-Type")
    raise AssertionError(kind)


BAD_KINDS = ["loop", "self", "uplink", "dangling", "fifo", "empty", "binary", "latin1", "cutgz", "corruptgz",
             "bomb", "oversize", "deepjson", "deephtml", "wall", "furniture", "cutwarc", "cutwarcgz", "badwarc",
             "badfeed", "deepsidecar"]


def build_tree(root: Path, seed: int) -> Plan:
    """The seed's hostile tree: every bad kind at least once, in a random order and place."""
    rng = random.Random(seed)
    plan = Plan()
    root.mkdir()
    kinds = BAD_KINDS + rng.choices(BAD_KINDS, k=4)
    rng.shuffle(kinds)
    for kind in kinds:
        _bad(root, rng, plan, kind)
        for _ in range(rng.randint(0, 2)):
            _good(root, rng, plan)
    _good(root, rng, plan)
    return plan


def names(token: str, text: str) -> bool:
    """`text` mentions `token` itself ("b1", not the "b1" inside "b12" or "Mkb1")."""
    return re.search(rf"(?<![A-Za-z0-9]){token}(?![0-9])", text) is not None


def check(plan: Plan, code: int, out: str, err: str, db: Path, strict: bool) -> dict[str, object]:
    assert "Traceback" not in out + err, err
    assert code == (EXIT_STRICT if strict else EXIT_OK), (code, err)
    summary = json.loads(out)
    errors: list[str] = summary["errors"]
    assert not [e for e in errors if "internal error" in e], errors
    for token, reasons in plan.bad.items():
        mine = [e for e in errors if names(token, e)]
        assert mine, f"{token} is not named in the errors: {errors}"
        assert all(any(r in e for r in reasons) for e in mine), (token, reasons, mine)
    with Store.open(db, create=False) as store:
        docs = store.documents(with_text=True)
    texts = "\n".join(d.text for d in docs)
    missing = [m for m in plan.good if m not in texts]
    assert not missing, f"good articles not stored: {missing}; errors: {errors}"
    files = "\n".join(str(d.meta.get("file", "")) for d in docs)
    for token in plan.bad:  # nothing of a bad input was stored
        assert not names(token, files) or token in set(plan.good.values()), token
    assert summary["skipped_files"] >= len([t for t in plan.bad if t not in {v for v in plan.good.values()}])
    return summary


@pytest.mark.parametrize("seed", SEEDS)
def test_hostile_tree_ingests_every_good_file_and_names_every_bad_one(tmp_path: Path, seed: int) -> None:
    plan = build_tree(tmp_path / "in", seed)
    db = tmp_path / "t.db"
    strict = seed % 2 == 1
    args = ["ingest", str(tmp_path / "in"), "--no-extract", "--json", "--max-bytes", str(MAX_BYTES),
            "--db", str(db), *(["--strict"] if strict else [])]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    check(plan, result.exit_code, result.stdout, result.stderr, db, strict)
    # a second run over the same tree stores nothing new and still names the same bad inputs
    again = CliRunner().invoke(main, args, catch_exceptions=False)
    summary = json.loads(again.stdout)
    assert summary["added"] == 0 and summary["duplicates"] > 0
    assert again.exit_code == (EXIT_STRICT if strict else EXIT_OK)


def test_hostile_tree_with_extraction_in_a_real_process(tmp_path: Path) -> None:
    """The installed command, end to end with the spaCy pipeline, over a small hostile tree."""
    rng = random.Random(1000)
    plan = Plan()
    root = tmp_path / "in"
    root.mkdir()
    for kind in ("loop", "fifo", "dangling", "wall", "cutwarcgz", "deepjson", "binary"):
        _bad(root, rng, plan, kind)
    for _ in range(3):
        _good(root, rng, plan)
    db = tmp_path / "t.db"
    proc = subprocess.run([sys.executable, "-m", "claimgraph", "ingest", str(root), "--json", "--processes", "1",
                           "--max-bytes", str(MAX_BYTES), "--db", str(db)], capture_output=True, text=True,
                          cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=600)
    summary = check(plan, proc.returncode, proc.stdout, proc.stderr, db, strict=False)
    assert summary["extracted"] >= len(plan.good) // 2 and summary["extraction_errors"] == []


def test_only_bad_input_exits_one_naming_each(tmp_path: Path) -> None:
    rng = random.Random(7)
    plan = Plan()
    root = tmp_path / "in"
    root.mkdir()
    for kind in BAD_KINDS:
        _bad(root, rng, plan, kind)
    result = CliRunner().invoke(main, ["ingest", str(root), "--no-extract", "--json", "--max-bytes", str(MAX_BYTES),
                                       "--db", str(tmp_path / "t.db")], catch_exceptions=False)
    assert result.exit_code == EXIT_ERROR and "Traceback" not in result.stderr
    errors = json.loads(result.stdout)["errors"]
    for token in plan.bad:
        assert any(names(token, e) for e in errors), token
