"""All user-facing strings, one module per area, merged here. Each module defines STRINGS."""
from __future__ import annotations

from cx.strings import (
    available,
    churn,
    core,
    data,
    headline,
    nps,
    overview,
    repeat,
    retention,
    segments,
)

__all__ = ["STRINGS"]

_MODULES = (available, churn, core, data, headline, nps, overview, repeat, retention, segments)

STRINGS: dict[str, dict[str, str]] = {}
for _module in _MODULES:
    for _key, _value in _module.STRINGS.items():
        if _key in STRINGS:
            raise KeyError(f"string key {_key!r} defined twice (in {_module.__name__})")
        STRINGS[_key] = _value
