"""Bad input is reported one line per file and skipped; interrupted runs resume."""

from __future__ import annotations

import gzip
import io
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.errors import InputError
from claimgraph.ingest import IngestOptions, ingest_paths
from claimgraph.store import Store

REPO = Path(__file__).resolve().parents[1]


def _article(i: int) -> str:
    return (
        f"Border incident number {i} raises tensions\n\n"
        f"Officials in capital {i} accused the neighbouring army of firing {i + 2} shells across the frontier on "
        f"Tuesday, according to a statement from the defence ministry, which said nobody was hurt in attack {i}.\n"
    )


def _warc_bytes() -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i in range(2):
        body = f"<html><body><article><p>{_article(100 + i) * 3}</p></article></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


def _mixed_folder(folder: Path) -> dict[str, str]:
    """Good files plus one of each kind of bad file; returns bad file name → expected reason start."""
    folder.mkdir()
    for i in range(3):
        (folder / f"good{i}.txt").write_text(_article(i), encoding="utf-8")
    (folder / "good.txt.gz").write_bytes(gzip.compress(_article(10).encode()))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\n \n", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "latin1.txt").write_bytes("Caf\xe9 talks collapse in Montr\xe9al".encode("latin-1"))
    (folder / "cut.txt.gz").write_bytes(gzip.compress(_article(11).encode() * 20)[:60])
    (folder / "cut.warc").write_bytes(_warc_bytes()[:-200])
    (folder / "furniture.txt").write_text("Share this article\nFacebook Twitter Email Print\n", encoding="utf-8")
    return {
        "empty.txt": "empty file",
        "blank.txt": "empty file",
        "image.txt": "binary content",
        "latin1.txt": "not valid UTF-8",
        "cut.txt.gz": "truncated gzip",
        "cut.warc": "truncated WARC",
        "furniture.txt": "no article text found",
    }


def test_mixed_folder_ingests_good_and_reports_each_bad(tmp_path: Path) -> None:
    expected = _mixed_folder(tmp_path / "in")
    with Store.open(tmp_path / "t.db") as store:
        report = ingest_paths([tmp_path / "in"], store)
        # 3 good .txt + 1 good .gz + the complete first record of the cut WARC
        assert len(report.added) == 5
        assert report.files == 11
        by_file = {Path(e.path).name: e for e in report.errors}
        assert len(report.errors) == len(expected)
        for name, reason in expected.items():
            err = by_file[name]
            assert isinstance(err, InputError) and err.reason.startswith(reason), (name, err.reason)
            assert str(err) == f"{err.path}: {err.reason}" and "\n" not in str(err)
        assert "https://example.org/0" in {d.origin for d in store.documents()}


def test_size_limit(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text(_article(1) * 50, encoding="utf-8")
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 200_000))
    with Store.open(tmp_path / "t.db") as store:
        report = ingest_paths([tmp_path / "big.txt", tmp_path / "bomb.txt.gz"], store, IngestOptions(max_bytes=5_000))
    assert report.added == []
    assert [e.reason.split(" bytes")[1] for e in report.errors] == [" is over the size limit of 5,000"] * 2


def _corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(_article(i), encoding="utf-8")


def test_interrupted_by_exception_then_rerun(tmp_path: Path) -> None:
    _corpus(tmp_path / "in", 6)
    with Store.open(tmp_path / "full.db") as full:
        expected = set(ingest_paths([tmp_path / "in"], full).added)

    def boom(_: str) -> None:
        raise KeyboardInterrupt

    with Store.open(tmp_path / "cut.db") as cut:
        with pytest.raises(KeyboardInterrupt):
            ingest_paths([tmp_path / "in"], cut, progress=boom)
        assert cut.count("documents") == 1
        again = ingest_paths([tmp_path / "in"], cut)
        assert len(again.added) == 5 and len(again.duplicates) == 1
        assert set(cut.document_ids()) == expected


def test_killed_process_then_rerun(tmp_path: Path) -> None:
    """SIGKILL a real ingest after its first document is committed; the re-run completes it."""
    _corpus(tmp_path / "in", 30)
    with Store.open(tmp_path / "full.db") as full:
        expected = set(ingest_paths([tmp_path / "in"], full).added)
    db = tmp_path / "killed.db"
    Store.open(db).close()  # schema created up front: the probe below must not race the child's migration
    script = textwrap.dedent(f"""
        import time
        from claimgraph.ingest import ingest_paths
        from claimgraph.store import Store
        # slow each file down so the parent can kill us mid-run
        ingest_paths([{str(tmp_path / "in")!r}], Store.open({str(db)!r}), progress=lambda _: time.sleep(0.3))
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=REPO)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists():
                with Store.open(db) as probe:
                    if probe.count("documents") >= 1:
                        break
            time.sleep(0.05)
        assert proc.poll() is None, "ingest finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    with Store.open(db) as store:
        partial = store.count("documents")
        assert 1 <= partial < 30
        report = ingest_paths([tmp_path / "in"], store)
        assert len(report.added) == 30 - partial
        assert set(store.document_ids()) == expected
