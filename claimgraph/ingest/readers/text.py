"""Plain-text articles: the whole file is one article.

Metadata (headline, byline, footer outlet) is not read here but inferred
later from the cleaned text (claimgraph/ingest/metadata.py), so a JSON
Lines record or a WARC text/plain payload gets the same treatment.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from claimgraph.ingest.readers import RawArticle, ReadItem, decode_utf8, extension

# Extensions that name text written for people. Anything else that decodes
# as text (a .csv, a .py) is still *readable*, but only barely wins the
# sniff, and a few extensions are data, never articles.
TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ".rst", ""})
NOT_ARTICLES = frozenset({
    ".csv", ".tsv", ".json", ".toml", ".yaml", ".yml", ".ini", ".cfg", ".py", ".js", ".css",
    ".sh", ".sql", ".log", ".xml", ".svg",
})


class TextReader:
    """Reads UTF-8 text files as one article each."""

    name = "text"
    one_article = True  # so ingest bounds the file by MAX_ARTICLE_BYTES before decoding it

    def sniff(self, path: Path, head: bytes) -> float:
        ext = extension(path)
        if ext in NOT_ARTICLES:
            return 0.0
        if ext in TEXT_EXTENSIONS:
            return 0.5
        return 0.2

    def read(self, path: Path, data: bytes) -> Iterator[ReadItem]:
        yield RawArticle(text=decode_utf8(path, data), format=self.name, infer_metadata=True)
