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

_extra: dict[str, dict[str, Any]] = {READERS: {}, EXPORTERS: {}}
_loaded: dict[tuple[str, str], Any] = {}


def _load_target(spec: str) -> Any:
    module_name, _, attr = spec.partition(":")
    module = __import__(module_name, fromlist=[attr])
    return getattr(module, attr)


def _specs(group: str) -> dict[str, str]:
    return {ep.name: ep.value for ep in entry_points(group=group)}


def names(group: str) -> list[str]:
    """Registered names, without importing anything (a broken plugin cannot break listing)."""
    return sorted(set(_specs(group)) | set(_extra.get(group, {})))


def get(group: str, name: str) -> Any:
    """Load one implementation by name (imported on first use)."""
    if name in _extra.get(group, {}):
        return _extra[group][name]
    key = (group, name)
    if key not in _loaded:
        spec = _specs(group).get(name)
        if spec is None:
            kind = group.rsplit(".", 1)[-1].rstrip("s")
            raise UsageError(f"unknown {kind} {name!r}; known: {', '.join(names(group))}")
        _loaded[key] = _load_target(spec)
    return _loaded[key]


def get_all(group: str) -> dict[str, Any]:
    """Every implementation that loads; ones whose module fails to import are left out."""
    out: dict[str, Any] = {}
    for name in names(group):
        try:
            out[name] = get(group, name)
        except (ImportError, AttributeError):
            continue
    return out


def register(group: str, name: str) -> Callable[[Any], Any]:
    """Decorator: add an implementation to a registry for this process."""

    def deco(obj: Any) -> Any:
        _extra.setdefault(group, {})[name] = obj
        return obj

    return deco


def unregister(group: str, name: str) -> None:
    _extra.get(group, {}).pop(name, None)
