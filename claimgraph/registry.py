"""Plugin registries, loaded from entry points.

The built-in readers and exporters are declared in pyproject.toml under the
same entry-point groups a third-party package would use, so the extension
API is exercised by core code every run. `register()` exists for tests and
for code that wants to add one at run time without packaging it.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any

from claimgraph.errors import UsageError

READERS = "claimgraph.readers"
EXPORTERS = "claimgraph.exporters"

# Fallback for running from a source tree that was never pip-installed: the
# same names the pyproject declares. Installed entry points take precedence.
_BUILTIN: dict[str, dict[str, str]] = {
    READERS: {
        "text": "claimgraph.ingest.readers.text:TextReader",
        "html": "claimgraph.ingest.readers.html:HtmlReader",
        "warc": "claimgraph.ingest.readers.warc:WarcReader",
        "feed": "claimgraph.ingest.readers.feed:FeedReader",
        "jsonl": "claimgraph.ingest.readers.jsonl:JsonlReader",
    },
    EXPORTERS: {},
}

_extra: dict[str, dict[str, Any]] = {READERS: {}, EXPORTERS: {}}
_cache: dict[str, dict[str, Any]] = {}


def _load_target(spec: str) -> Any:
    module_name, _, attr = spec.partition(":")
    module = __import__(module_name, fromlist=[attr])
    return getattr(module, attr)


def _discover(group: str) -> dict[str, Any]:
    if group in _cache:
        return _cache[group]
    found: dict[str, Any] = {}
    specs = dict(_BUILTIN.get(group, {}))
    for ep in entry_points(group=group):
        specs[ep.name] = ep.value
    for name, spec in specs.items():
        found[name] = _load_target(spec)
    _cache[group] = found
    return found


def get_all(group: str) -> dict[str, Any]:
    items = dict(_discover(group))
    items.update(_extra.get(group, {}))
    return items


def get(group: str, name: str) -> Any:
    items = get_all(group)
    if name not in items:
        raise UsageError(f"unknown {group.rsplit('.', 1)[-1][:-1]} {name!r}; known: {', '.join(sorted(items))}")
    return items[name]


def register(group: str, name: str) -> Callable[[Any], Any]:
    """Decorator: add an implementation to a registry for this process."""

    def deco(obj: Any) -> Any:
        _extra.setdefault(group, {})[name] = obj
        return obj

    return deco


def unregister(group: str, name: str) -> None:
    _extra.get(group, {}).pop(name, None)
