"""Issue #11 items 4–12: one bad input must not stop the run.

Each test plants one kind of hostile input beside a good article in a real
folder, runs the real ingest into a real SQLite store, and checks that the
good article is stored and the bad input is named with its reason.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.errors import InputError, printable
from claimgraph.ingest import IngestOptions, IngestReport, ingest_paths
from claimgraph.store import Store


def article(tag: str) -> str:
    return (
        f"Envoys meet again over the {tag} dispute\n\n"
        f"Officials from both capitals met on Tuesday to discuss the {tag} dispute, according to a statement "
        f"from the foreign ministry, which said the talks would resume next week after a short pause.\n"
    )


def ingest(folder: Path, **opts: object) -> tuple[IngestReport, list[str]]:
    """Ingest `folder` into a store beside it (never inside: the walk would find the store)."""
    with Store.open(folder.parent / f"{folder.name}.db") as store:
        report = ingest_paths([folder], store, IngestOptions(**opts))  # type: ignore[arg-type]
        texts = [store.get_document(d).text for d in store.document_ids()]
    return report, texts


def reasons(report: IngestReport) -> dict[str, str]:
    return {e.path: e.reason for e in report.errors}


def stored(texts: list[str], tag: str) -> bool:
    return any(f"the {tag} dispute" in t for t in texts)


# --------------------------------------------------------------- item 4, 10
def test_symlink_loop_dangling_link_and_fifo_are_named_and_the_rest_ingests(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(article("alpha"), encoding="utf-8")
    (src / "sub" / "b.txt").write_text(article("beta"), encoding="utf-8")
    (src / "loop1").symlink_to("loop2")
    (src / "loop2").symlink_to("loop1")
    (src / "sub" / "up").symlink_to("..")  # a folder link back to an enclosing folder
    (src / "dangling.txt").symlink_to("nowhere.txt")
    os.mkfifo(src / "pipe.txt")
    report, texts = ingest(src)
    assert stored(texts, "alpha") and stored(texts, "beta") and len(texts) == 2
    got = reasons(report)
    assert got[str(src / "loop1")].startswith("symbolic link loop")
    assert got[str(src / "loop2")].startswith("symbolic link loop")
    assert got[str(src / "sub" / "up")].startswith("symbolic link loop")
    assert got[str(src / "dangling.txt")].startswith("dangling symbolic link")
    assert got[str(src / "pipe.txt")].startswith("not a regular file (FIFO)")


def test_fifo_named_explicitly_is_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "a.txt").write_text(article("gamma"), encoding="utf-8")
    with Store.open(tmp_path / "t.db") as store:  # would block forever if the FIFO were opened
        report = ingest_paths([tmp_path / "pipe", tmp_path / "a.txt"], store)
    assert len(report.added) == 1
    assert reasons(report)[str(tmp_path / "pipe")].startswith("not a regular file (FIFO)")


def test_folder_link_is_followed_once(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text(article("delta"), encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "in" / "again").symlink_to(tmp_path / "real")
    report, texts = ingest(tmp_path / "in")
    assert stored(texts, "delta") and report.errors == [] and report.files == 1


# ------------------------------------------------------------------- item 5
def test_deeply_nested_json_line_is_one_bad_record(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    lines = [json.dumps({"text": article("epsilon")}), "[" * 200_000 + "]" * 200_000,
             json.dumps({"text": article("zeta"), "meta": {"a": [[[[1]]]]}})]
    (src / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (src / "deep.meta.json").write_text("[" * 200_000, encoding="utf-8")  # a sidecar nested too deep
    (src / "deep.txt").write_text(article("eta"), encoding="utf-8")
    report, texts = ingest(src)
    assert stored(texts, "epsilon") and stored(texts, "zeta")
    got = reasons(report)
    assert "nested too deeply" in got[f"{src / 'feed.jsonl'}:2"]
    assert "nested too deeply" in got[str(src / "deep.meta.json")]


# ------------------------------------------------------------------- item 6
@pytest.mark.parametrize("length", [246, 250, 255])
def test_long_file_name_is_read(tmp_path: Path, length: int) -> None:
    src = tmp_path / "in"
    src.mkdir()
    name = "x" * (length - 4) + ".txt"
    (src / name).write_text(article(f"theta{length}"), encoding="utf-8")
    report, texts = ingest(src)
    assert report.errors == [] and stored(texts, f"theta{length}")


# ------------------------------------------------------------------- item 7
def test_non_utf8_and_control_character_file_names(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / os.fsdecode(b"caf\xe9.txt")).write_text(article("iota"), encoding="utf-8")
    (src / "two\nlines.txt").write_text(article("kappa"), encoding="utf-8")
    (src / os.fsdecode(b"bad\xff.txt")).write_bytes(b"")
    report, texts = ingest(src)
    assert stored(texts, "iota") and stored(texts, "kappa")
    [err] = report.errors
    assert err.path.endswith("bad\\xff.txt") and err.reason == "empty file"
    with Store.open(tmp_path / "in.db") as store:
        origins = {d.origin for d in store.documents()}
    assert str(src / "caf\\xe9.txt") in origins and str(src / "two\\nlines.txt") in origins
    json.dumps([str(e) for e in report.errors], ensure_ascii=False).encode("utf-8")  # printable anywhere


def test_printable_escapes_what_a_log_line_cannot_hold() -> None:
    assert printable("a\udce9b") == "a\\xe9b"
    assert printable("x\ny\rz\x00") == "x\\ny\\rz\\x00"
    assert printable("\u202egnp.exe") == "\\u202egnp.exe"
    assert printable("Kyiv — Київ [x]") == "Kyiv — Київ [x]"
    assert "\n" not in str(InputError("a\nb", "reason\nmore"))


# ------------------------------------------------------------------- item 9
def _warc(n: int, gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(n):
        body = f"<html><body><article><p>{article(f'record{i}') * 3}</p></article></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
def test_truncated_warc_keeps_its_complete_records(tmp_path: Path, name: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    data = _warc(3, gz=name.endswith(".gz"))
    (src / name).write_bytes(data[: len(data) - 150])
    report, texts = ingest(src)
    assert stored(texts, "record0") and stored(texts, "record1") and not stored(texts, "record2")
    [err] = report.errors
    assert err.path == str(src / name) and err.reason.startswith("truncated")


def test_truncated_jsonl_gz_keeps_complete_lines(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    lines = "".join(json.dumps({"text": article(f"line{i}")}) + "\n" for i in range(3)).encode()
    packed = gzip.compress(lines)
    (src / "cut.jsonl.gz").write_bytes(packed[:-12])  # the trailer and the end of the last line
    report, texts = ingest(src)
    assert stored(texts, "line0") and stored(texts, "line1")
    assert not stored(texts, "line2")
    assert any(e.reason.startswith("truncated gzip") for e in report.errors)


def test_truncated_single_article_gz_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(article("lambda").encode() * 20)[:60])
    report, texts = ingest(tmp_path)
    assert texts == [] and report.errors[0].reason.startswith("truncated gzip")


# ------------------------------------------------------------------ item 10
def test_bad_warc_records_are_reported_not_skipped_silently(tmp_path: Path) -> None:
    data = _warc(3, gz=False)
    # record 1: an unknown WARC-Type; record 2 keeps a wrong Content-Length
    first = data.index(b"WARC/1.0", 10)
    second = data.index(b"WARC/1.0", first + 10)
    bad = (data[:first] + data[first:second].replace(b"WARC-Type: response", b"WARC-Type: bogus", 1)
           + data[second:].replace(b"Content-Length: ", b"Content-Length: 1", 1))
    (tmp_path / "bad.warc").write_bytes(bad)
    report, texts = ingest(tmp_path)
    assert stored(texts, "record0")
    assert not stored(texts, "record1")
    msgs = [str(e) for e in report.errors]
    assert any("unknown WARC-Type 'bogus'" in m for m in msgs), msgs
    assert any("record 3" in m for m in msgs), msgs


def test_warc_record_with_a_wrong_content_length_is_named(tmp_path: Path) -> None:
    data = _warc(3, gz=False)
    first = data.index(b"WARC/1.0", 10)
    second = data.index(b"WARC/1.0", first + 10)
    middle = data[first:second]
    head, _, rest = middle.partition(b"Content-Length: ")
    length, _, tail = rest.partition(b"\r\n")
    shorter = head + b"Content-Length: " + str(int(length) - 7).encode() + b"\r\n" + tail
    (tmp_path / "len.warc").write_bytes(data[:first] + shorter + data[second:])
    report, texts = ingest(tmp_path)
    assert stored(texts, "record0") and not stored(texts, "record1")
    assert any("record 2 is not followed by a blank line" in str(e) for e in report.errors), report.errors


def test_garbage_between_warc_records_is_a_bad_header_not_a_cut(tmp_path: Path) -> None:
    data = _warc(2, gz=False)
    second = data.index(b"WARC/1.0", 10)
    (tmp_path / "g.warc").write_bytes(data[:second] + b"GARBAGE LINE\r\n" + data[second + 8:])
    report, texts = ingest(tmp_path)
    assert stored(texts, "record0")
    [err] = report.errors
    assert "bad WARC record header" in err.reason


# ------------------------------------------------------------------ item 11
@pytest.mark.parametrize("page", [
    "Please enable JavaScript to view this page.",
    "You need to enable JavaScript to run this app.",
    "Cookie Policy\n\nWe use cookies to improve your experience on our site.\n\nAccept all\n\nManage preferences",
    "<html><body><noscript>Please enable JS and disable any ad blocker</noscript><p>Cookie policy</p></body></html>",
    "Just a moment...\n\nChecking your browser before accessing example.org.",
    "Access denied\n\nYou don't have permission to access this page.",
])
def test_pages_of_only_boilerplate_are_rejected_with_a_reason(tmp_path: Path, page: str) -> None:
    ext = ".html" if page.startswith("<html") else ".txt"
    (tmp_path / f"wall{ext}").write_text(page, encoding="utf-8")
    report, texts = ingest(tmp_path)
    assert texts == []
    [err] = report.errors
    assert err.reason.startswith("no article text found"), err.reason


def test_an_article_that_mentions_cookies_is_kept(tmp_path: Path) -> None:
    text = ("We use cookies to improve your experience.\n\n" + article("mu")
            + "\nThe regulator said the cookie policy of the ministry website breached the law.\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    report, texts = ingest(tmp_path)
    assert report.errors == [] and stored(texts, "mu")


# ------------------------------------------------------------------ item 12
def test_one_article_over_the_article_bound_is_refused_but_records_are_not(tmp_path: Path) -> None:
    from claimgraph.ingest.run import MAX_ARTICLE_BYTES

    (tmp_path / "huge.txt").write_text(article("nu") * (MAX_ARTICLE_BYTES // 200), encoding="utf-8")
    many = "".join(json.dumps({"text": article(f"rec{i}") * 5}) + "\n" for i in range(200))
    (tmp_path / "many.jsonl").write_text(many * (MAX_ARTICLE_BYTES // len(many) + 1), encoding="utf-8")
    report, texts = ingest(tmp_path, max_bytes=4 * MAX_ARTICLE_BYTES)
    assert not stored(texts, "nu") and stored(texts, "rec199")
    [err] = report.errors
    assert err.path.endswith("huge.txt") and "over the per-article limit" in err.reason


def test_document_id_hashes_the_normalised_text_word_by_word() -> None:
    """The streamed hash (item 12: no joined copy of a large text) gives the ids stored before it."""
    import hashlib
    import random

    from claimgraph.model import document_id, normalise_for_hash

    rng = random.Random(5)
    alphabet = [chr(c) for c in [*range(0x20, 0x80), 0x09, 0x0A, 0x0D, 0x1C, 0x1F, 0x85, 0xA0, 0x1680, 0x2002,
                                 0x2028, 0x2029, 0x202F, 0x3000, 0x200B, 0xFEFF, 0xFB01, 0x2126]]
    samples = ["", "   ", " a  b\n\nc ", *("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
                                          for _ in range(2000))]
    for text in samples:
        expected = hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()[:16]
        assert document_id(text) == expected, repr(text)
