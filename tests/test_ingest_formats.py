"""Each input format through the real ingest into a real SQLite store."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph import registry
from claimgraph.errors import UsageError
from claimgraph.ingest import IngestOptions, ingest_paths
from claimgraph.ingest.readers import RawArticle
from claimgraph.model import DateValue, document_id
from claimgraph.store import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"

ARTICLE = (
    "Chile and Argentina agree to reopen mountain pass\n\n"
    "Sofia Rojas, Andes Courier, 12 February 2024 —\n\n"
    "Chile and Argentina agreed on Monday to reopen the Cristo Redentor pass to freight traffic after a "
    "two-week closure caused by landslides, according to the Chilean public works ministry.\n\n"
    "Truck drivers had accused both governments of ignoring repeated warnings about the state of the road.\n"
)
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Nepal and India open new rail link</title>
<meta property="og:site_name" content="Himalaya Times Online">
<meta name="author" content="Prakash Thapa">
<meta property="article:published_time" content="2022-04-02T10:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Nepal and India open new rail link</h1>
<p>Nepal and India opened a cross-border passenger railway on Saturday, the first between the two countries in
decades, officials from both governments said at a ceremony in Janakpur.</p>
<p>According to Nepal's transport ministry, the line will carry up to two thousand passengers a day and will
later be extended to the capital. Indian officials said New Delhi had financed the project with a grant.</p>
<p>Critics in Kathmandu accused the government of signing the agreement without a parliamentary debate.</p>
</article><footer>Copyright 2022 Himalaya Times Online</footer></body></html>
"""


@pytest.fixture()
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    # The database lives outside tmp_path so folder walks over tmp_path never see it.
    with Store.open(tmp_path_factory.mktemp("db") / "t.db") as st:
        yield st


def _warc(records: list[tuple[str, str, bytes]], gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for uri, ctype, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


def test_plain_text_with_byline(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "pass.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    report = ingest_paths([path], store)
    assert report.errors == [] and report.files == 1 and len(report.added) == 1
    doc = store.get_document(report.added[0])
    assert doc.title == "Chile and Argentina agree to reopen mountain pass"
    assert (doc.author, doc.outlet) == ("Sofia Rojas", "Andes Courier")
    assert doc.published == DateValue("2024-02-12", "day")
    assert doc.format == "text" and doc.origin == str(path.resolve())
    assert doc.id == document_id(doc.text)


def test_html_body_and_metadata(tmp_path: Path, store: Store) -> None:
    (tmp_path / "rail.html").write_text(PAGE, encoding="utf-8")
    report = ingest_paths([tmp_path], store)
    doc = store.get_document(report.added[0])
    assert doc.format == "html"
    assert doc.title == "Nepal and India open new rail link"
    assert doc.outlet == "Himalaya Times Online" and doc.author == "Prakash Thapa"
    assert doc.published == DateValue("2022-04-02", "day")
    assert "cross-border passenger railway" in doc.text and "Home" not in doc.text


@pytest.mark.parametrize("gz", [False, True])
def test_warc_records_become_documents(tmp_path: Path, store: Store, gz: bool) -> None:
    data = _warc([
        ("https://example.org/rail", "text/html; charset=utf-8", PAGE.encode()),
        ("https://example.org/pass.txt", "text/plain", ARTICLE.encode()),
        ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
    ], gz)
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(data)
    report = ingest_paths([path], store)
    assert report.errors == [] and len(report.added) == 2
    docs = {d.origin: d for d in store.documents()}
    assert set(docs) == {"https://example.org/rail", "https://example.org/pass.txt"}
    assert docs["https://example.org/rail"].outlet == "Himalaya Times Online"
    assert docs["https://example.org/pass.txt"].author == "Sofia Rojas"  # text payloads get text metadata
    assert {d.format for d in docs.values()} == {"warc"}


def test_rss_and_atom_feeds(store: Store) -> None:
    report = ingest_paths([FIXTURES / "feed.rss", FIXTURES / "feed.atom"], store)
    docs = {d.origin: d for d in store.documents(with_text=True)}
    assert len(report.added) == 3
    # the entry with neither content nor summary is reported, not stored
    assert [e.reason for e in report.errors] == ["no article text found: entry has no content or summary"]
    assert "gallery" in report.errors[0].path
    river = docs["https://example.org/steppe/river-data"]
    assert river.outlet == "Steppe Bulletin" and river.author == "Dana Seitkali"
    assert river.published == DateValue("2024-03-05", "day") and river.format == "feed"
    assert "track()" not in river.text and "\n" in river.text
    lake = docs["https://example.org/andes/lake-patrols"]
    assert lake.outlet == "Andes Observer" and lake.published == DateValue("2024-01-09", "day")


def test_jsonl_bad_line_does_not_stop_the_rest(tmp_path: Path, store: Store) -> None:
    good = {"text": ARTICLE, "title": "Pass reopens", "url": "https://example.org/x", "outlet": "Wire",
            "author": "A. Writer", "published": "2024-02"}
    lines = [json.dumps(good), "{not json", json.dumps({"title": "no text"}), "[1, 2]",
             json.dumps({"text": "Peru and Chile signed a fisheries accord on Friday, officials said."})]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ingest_paths([path], store)
    assert len(report.added) == 2
    assert sorted(e.path for e in report.errors) == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert all(str(e).startswith(f"{path}:") for e in report.errors)
    doc = next(d for d in store.documents() if d.origin == "https://example.org/x")
    # record fields win over what the text's own byline says
    assert (doc.title, doc.outlet, doc.author) == ("Pass reopens", "Wire", "A. Writer")
    assert doc.published == DateValue("2024-02", "month")
    other = next(d for d in store.documents() if d.origin != "https://example.org/x")
    assert other.origin == f"{path}:5" and other.published is None and other.id in report.undated


def test_gzip_text_and_sniffing_beats_extension(tmp_path: Path, store: Store) -> None:
    (tmp_path / "pass.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")  # HTML content, misleading name
    report = ingest_paths([tmp_path], store)
    assert report.errors == [] and len(report.added) == 2
    assert sorted(d.format for d in store.documents()) == ["html", "text"]


def test_sidecar_manifest_and_options_override(tmp_path: Path, store: Store) -> None:
    body = "Protesters in Tbilisi accused the government of abandoning its pledge to join the European Union.\n"
    (tmp_path / "a.txt").write_text("Headline from text\n\n" + body, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"outlet": "Sidecar Post", "published": "2021-06-01"}))
    (tmp_path / "b.txt").write_text("Second piece\n\nGeorgia " + body, encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,title,outlet,author,published,url\nb.txt,Manifest Title,Manifest Daily,Ann Lee,2020,\n"
                        "a.txt,,Manifest Outlet,,,\n", encoding="utf-8")
    report = ingest_paths([tmp_path], store, IngestOptions(manifest=manifest))
    assert report.files == 2 and report.errors == []  # sidecar and manifest are not articles
    docs = {Path(d.origin).name: d for d in store.documents()}
    assert docs["a.txt"].outlet == "Sidecar Post" and docs["a.txt"].title == "Headline from text"
    assert docs["a.txt"].published == DateValue("2021-06-01", "day")
    assert (docs["b.txt"].title, docs["b.txt"].outlet, docs["b.txt"].author) == ("Manifest Title", "Manifest Daily", "Ann Lee")
    assert docs["b.txt"].published == DateValue("2020", "year")

    with Store.open(tmp_path / "other.db") as other:
        report = ingest_paths([tmp_path / "b.txt"], other, IngestOptions(outlet="Flag Times", published="2019-03-04"))
        doc = other.get_document(report.added[0])
        assert doc.outlet == "Flag Times" and doc.published == DateValue("2019-03-04", "day")
    with pytest.raises(UsageError):
        ingest_paths([tmp_path], store, IngestOptions(published="next tuesday"))


def test_globs_hidden_files_and_missing_paths(tmp_path: Path, store: Store) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden article text that must not be read.", encoding="utf-8")
    report = ingest_paths([str(tmp_path / "**" / "*.txt"), tmp_path / "nope.txt"], store)
    assert len(report.added) == 1
    assert [e.reason for e in report.errors] == ["no such file or folder"]


def test_plugin_reader_is_used(tmp_path: Path, store: Store) -> None:
    @registry.register(registry.READERS, "shout")
    class ShoutReader:
        name = "shout"

        def sniff(self, path: Path, head: bytes) -> float:
            return 1.0 if path.suffix == ".shout" else 0.0

        def read(self, path: Path, data: bytes):
            yield RawArticle(text=data.decode().lower(), title="Plugin", infer_metadata=False)

    try:
        (tmp_path / "x.shout").write_text("ICELAND AND NORWAY SIGNED A FISHING DEAL.", encoding="utf-8")
        report = ingest_paths([tmp_path], store)
        doc = store.get_document(report.added[0])
        assert doc.format == "shout" and doc.text == "iceland and norway signed a fishing deal."
    finally:
        registry.unregister(registry.READERS, "shout")


def test_example_corpus_ingests(tmp_path: Path, store: Store) -> None:
    report = ingest_paths([EXAMPLES], store)
    assert report.errors == [] and report.undated == []
    formats = sorted(d.format for d in store.documents())
    assert formats.count("jsonl") == 2 and "html" in formats and "text" in formats
    assert all(d.outlet and d.title for d in store.documents())
