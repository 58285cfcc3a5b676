"""The HTML report is one self-contained file: nothing to fetch, no script, CSS allowed by hash."""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from backends import Databases
from click.testing import CliRunner
from conftest_web import make_store

from claimgraph.cli.web import report


class _Refs(HTMLParser):
    """Every URL-bearing attribute and every element name, as the browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.tags: set[str] = set()
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self._in_style = tag == "style"
        self.refs += [v or "" for k, v in attrs if k in ("src", "href", "xlink:href", "action", "srcset")]

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data


def test_report_command_writes_a_self_contained_file(dbs: Databases, tmp_path: Path) -> None:
    store, ids = make_store(dbs.url("r.db"))
    store.close()
    out = tmp_path / "report.html"
    result = CliRunner().invoke(report, ["--db", dbs.url("r.db"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    p = _Refs()
    p.feed(html)
    assert "script" not in p.tags and "img" not in p.tags and "link" not in p.tags
    assert all(r.startswith("#") for r in p.refs), [r for r in p.refs if not r.startswith("#")]
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    digest = base64.b64encode(hashlib.sha256(p.style.encode("utf-8")).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in csp and "script-src 'none'" in csp
    # the sections an analyst expects, with real content
    for anchor in ("summary", "ledger", "timeline", "dyads", "sources"):
        assert f'id="{anchor}"' in html
    assert html.count('class="claim"') == 5 and "<svg" in html
    assert f'id="doc-{ids["Haaretz"]}"' in html
