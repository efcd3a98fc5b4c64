"""All user-facing strings, one module per area, merged here. Each module defines STRINGS."""
from __future__ import annotations

import importlib
import pkgutil

STRINGS: dict[str, dict[str, str]] = {}

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    for _key, _value in _module.STRINGS.items():
        if _key in STRINGS:
            raise KeyError(f"string key {_key!r} defined twice (in {_info.name})")
        STRINGS[_key] = _value
