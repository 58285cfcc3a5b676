"""The self-contained HTML report: one file an analyst can attach to an email.

Everything is inline (our CSS from the package, charts as server-drawn SVG)
and nothing is fetched. The report carries no JavaScript at all, and its
Content-Security-Policy meta tag says so (`script-src 'none'`) while allowing
only the one inline stylesheet by hash — so injected article text stays text
even if a viewer ignores escaping bugs we do not know about.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from markupsafe import Markup

from claimgraph.store import Store
from claimgraph.web.svg import dyad_chart, timeline_chart
from claimgraph.web.templating import STATIC, template_env
from claimgraph.web.views import Filters, Views
from claimgraph.web.views_docs import dyad_series


def _csp(css: str) -> str:
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; script-src 'none'; base-uri 'none'"


def busiest_dyads(v: Views, n: int) -> list[tuple[str, str]]:
    """The most-reported actor pairs (from claims, else events), unordered."""
    claims = [sc.claim for sc in v.claims_store.claims()]
    items = claims or v.store.events()
    counts: Counter[tuple[str, str]] = Counter()
    for it in items:
        for s in it.source:
            for t in it.target:
                a, b = sorted((v.canon.get(s, s), v.canon.get(t, t)))
                if a != b:
                    counts[(a, b)] += 1
    return [pair for pair, _ in counts.most_common(n)]


def build_report(store: Store, top_dyads: int = 6) -> str:
    v = Views(store)
    css = (STATIC / "app.css").read_text(encoding="utf-8")
    timeline = v.timeline(older=True)  # the report is the whole record, background included
    dyads: list[dict[str, Any]] = []
    for a, b in busiest_dyads(v, top_dyads):
        series = dyad_series(v, a, b, "year")
        dyads.append({"series": series, "chart": dyad_chart(series)})
    env = template_env()
    return env.get_template("report.html").render(
        css=Markup(css),  # our own file from the package, not data
        csp=_csp(css),
        o=v.overview(recent=1000),
        ledger=v.ledger(Filters())[0],
        timeline_svg=timeline_chart(timeline["events"], standalone=True),
        timeline=timeline,
        dyads=dyads,
        docs=sorted(v.docs.values(), key=lambda d: (d.published.value if d.published else "", d.id)),
        generated=datetime.now(UTC).isoformat(timespec="seconds"),
        db=store.display_url,
        standalone=True,
    )
