"""The one shape (issue 18, docs/architecture.md), checked on the source: no module over 600
lines, imports at the top (function-local only where the list below says why), no star imports
and no discovery by pkgutil, every area declared in AREAS with its files, every package with an
explicit __all__."""
from __future__ import annotations

import ast

import pytest

from cx.area import Area
from cx.areas import AREAS
from tests.conftest import ROOT

MODULES = sorted([*(ROOT / "cx").rglob("*.py"), *(ROOT / "views").glob("*.py"), ROOT / "app.py"])

# (module, imported module): why it is imported inside a function
LATE_IMPORTS = {
    # the command line starts fast: each command imports what only it needs (the areas load
    # scikit-learn and plotly, which `import`, `demo`, `backup` never use)
    **{("cx/__main__.py", m): "startup" for m in (
        "cx.store", "cx.demo", "cx.ingest.cli", "cx.engine", "cx.areas", "cx.exports",
        "cx.area", "cx.report", "cx.scope", "cx.backup", "getpass", "cx.auth", "cx.bench",
        "cx.annotations")},
    # optional engines: Spark and its SQL translator are installed for the engine only
    **{("cx/engine.py", m): "optional" for m in ("pyarrow.parquet", "sqlglot", "pyspark.sql")},
    ("cx/bench/engine.py", "pyspark"): "optional",
    # after an import, the preparation loads every area: not at the import's own start
    ("cx/ingest/cli.py", "cx.prepare"): "startup",
    ("cx/demo.py", "cx.prepare"): "startup",
    # cycles: cx.prepare refits through cx.churn.train, whose background fit then prepares
    ("cx/churn/train.py", "cx.prepare"): "cycle",
    # the recognition bench times a cold start of the import's caches
    **{("cx/bench/ingest.py", m): "bench" for m in (
        "cx.ingest.recognise", "cx.ingest.load", "cx.ingest.mapping", "cx.ingest.reading",
        "cx.ingest", "cx.store")},
}


def _late_imports(tree: ast.Module) -> list[tuple[int, str]]:
    top = {id(n) for n in tree.body}
    type_only = {id(n) for stmt in tree.body if isinstance(stmt, ast.If)
                 and getattr(stmt.test, "id", "") == "TYPE_CHECKING" for n in stmt.body}
    return [(n.lineno, n.module if isinstance(n, ast.ImportFrom) else n.names[0].name)
            for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
            and id(n) not in top and id(n) not in type_only]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_each_module_is_short_and_imports_at_the_top(path):
    text = path.read_text(encoding="utf-8")
    name = path.relative_to(ROOT).as_posix()
    assert len(text.splitlines()) <= 600
    tree = ast.parse(text)
    late = [(line, m) for line, m in _late_imports(tree) if (name, m) not in LATE_IMPORTS]
    assert not late, f"{name}: imports inside functions {late}"
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                and any(a.name == "*" for a in n.names)]
    assert "pkgutil" not in text and "importlib.import_module" not in text


def test_the_late_import_list_names_only_imports_that_exist():
    found = {(p.relative_to(ROOT).as_posix(), m) for p in MODULES
             for _, m in _late_imports(ast.parse(p.read_text(encoding="utf-8")))}
    assert set(LATE_IMPORTS) <= found


@pytest.mark.parametrize("area", AREAS, ids=lambda a: a.name)
def test_every_area_has_the_one_shape(area):
    assert isinstance(area, Area)
    folder = ROOT / "cx" / area.name
    for part in ("__init__", "queries", "metrics", "page", "export", "report"):
        assert (folder / f"{part}.py").exists(), f"cx/{area.name}/{part}.py"
    assert (ROOT / area.page).exists() and (ROOT / "cx" / "bench" / f"{area.name}.py").exists()
    assert area.exports and area.opening is not None


@pytest.mark.parametrize("package", sorted(p.parent for p in (ROOT / "cx").rglob("__init__.py")),
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_package_says_what_it_exports(package):
    tree = ast.parse((package / "__init__.py").read_text(encoding="utf-8"))
    assert any(getattr(getattr(n, "target", None), "id", "") == "__all__"
               or any(getattr(t, "id", "") == "__all__" for t in getattr(n, "targets", ()))
               for n in tree.body)
