"""Page timings for the bench, run in a process of its own so its memory is the server's:
`python tools/bench_pages.py DB` runs every page with AppTest twice (cold, then warm) and prints
JSON. It imports Streamlit, so it lives outside `cx/` (only `cx bench` starts it)."""
from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run by path: make `cx` importable


def main(db: str) -> None:
    os.environ["CX_DB"] = db
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from cx.cache import clear_memory
    from cx.store import close_all_stores

    pages = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "views").glob("*.py")
                   if p.name != "__init__.py")
    # A server loads the libraries once, on its first page (scikit-learn alone is ~1 s): time
    # that apart, so each page's cold load is what a user sees after a new import.
    t0 = time.perf_counter()
    import sklearn.calibration  # noqa: F401
    import sklearn.ensemble  # noqa: F401
    import sklearn.linear_model  # noqa: F401

    import cx.charts  # noqa: F401
    import cx.churn  # noqa: F401
    import cx.nps  # noqa: F401
    import cx.overview  # noqa: F401
    import cx.repeat  # noqa: F401
    import cx.retention  # noqa: F401
    import cx.segments  # noqa: F401
    import cx.ui  # noqa: F401
    libraries = time.perf_counter() - t0
    results = []
    for script in pages:
        st.cache_data.clear()  # cold: nothing cached, as after a server start
        st.cache_resource.clear()
        clear_memory()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.switch_page(script)
        t0 = time.perf_counter()
        at.run()
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        at.run()
        warm = time.perf_counter() - t0
        results.append({"page": script, "cold": cold, "warm": warm,
                        "errors": len(at.exception)})
    close_all_stores()
    print(json.dumps({"pages": results, "peak_rss_mib": peak_rss_mib(), "libraries": libraries}))


def peak_rss_mib() -> float:
    """This process's peak resident memory. Not getrusage's ru_maxrss: Linux carries that over
    exec from the parent, so a child of the bench would report the bench's own peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main(sys.argv[1])
