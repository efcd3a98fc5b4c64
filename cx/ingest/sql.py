"""SQL expressions over the staged columns (c0..cN, all text) that every loader uses: a cell's
text, status words folded for comparing, literals, the row as a CSV line again, content keys,
and the reason a row is skipped or rejected."""
from __future__ import annotations

from cx.ingest import parsing as P
from cx.ingest.plan import Plan
from cx.ingest.reading import normalise_header


def cell_text(col: str | None) -> str:
    """Trimmed text with Shopify's leading apostrophe removed, or NULL."""
    if col is None:
        return "NULL::VARCHAR"
    return (f"NULLIF(trim(CASE WHEN starts_with({col}, '''') THEN substr({col}, 2) "
            f"ELSE {col} END), '')")


def folded(col: str | None) -> str:
    """Lower-case, `_ - .` folded to spaces: for comparing status words."""
    if col is None:
        return "NULL::VARCHAR"
    return f"trim(regexp_replace(lower({P.clean(col)}), '[_.\\-\\s]+', ' ', 'g'))"


def sql_list(values) -> str:
    """Words as a SQL list, each normalised as a header is (what `folded` compares with)."""
    return ", ".join("'" + normalise_header(v).replace("'", "''") + "'" for v in values)


def sql_literal(value: str | None) -> str:
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


def reason_case(checks: list[tuple[str, str]]) -> str:
    """The code of the first (code, condition) pair that holds, or NULL."""
    if not checks:
        return "NULL::VARCHAR"
    return "CASE " + " ".join(f"WHEN {cond} THEN '{code}'" for code, cond in checks) + " END"


def count_by(cur, table: str, col: str) -> dict:
    """{value: rows} of a column's non-null values."""
    return {r[0]: int(r[1]) for r in cur.execute(
        f"SELECT {col}, COUNT(*) FROM {table} WHERE {col} IS NOT NULL GROUP BY 1").fetchall()}


def raw_line(plan: Plan, prefix: str = "") -> str:
    """The row as a CSV line again (fields with the delimiter, quotes or newlines quoted)."""
    d = plan.framed.delimiter.replace("'", "''")
    parts = []
    for i in range(len(plan.headers)):
        c = f"{prefix}c{i}"
        parts.append(f"CASE WHEN regexp_matches({c}, '[{d}\"\\n\\r]') THEN '\"' || "
                     f"replace({c}, '\"', '\"\"') || '\"' ELSE COALESCE({c}, '') END")
    return f"concat_ws('{d}', " + ", ".join(parts) + ")"


def _plain_line(plan: Plan) -> str:
    d = plan.framed.delimiter.replace("'", "''")
    return f"concat_ws('{d}', " + ", ".join(f"COALESCE(c{i}, '')"
                                              for i in range(len(plan.headers))) + ")"


def row_hash(plan: Plan) -> str:
    """Stable content key (md5) for rows without an id."""
    return "md5(" + _plain_line(plan) + ")"


def row_fingerprint(plan: Plan) -> str:
    """A fast fingerprint for spotting identical rows inside one file."""
    return "hash(" + _plain_line(plan) + ")"
