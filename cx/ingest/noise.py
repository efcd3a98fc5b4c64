"""Noise rows: rows that are not data and are skipped and counted, never loaded nor rejected.
Empty rows, a trailing totals row, what a known export layout marks (cx.ingest.profiles), a row
that is all non-sale (a gift card sold), and the status words of cx.ingest.vendors."""
from __future__ import annotations

from cx.ingest import parsing as P
from cx.ingest.plan import Plan
from cx.ingest.sql import cell_text, folded, sql_list
from cx.ingest.vendors import ROW_RULES

TOTAL_WORDS = ("total", "totals", "grand total", "合計", "総計", "総合計", "小計")


def skip_checks(plan: Plan) -> list[tuple[str, str]]:
    """(code, SQL condition) pairs; the first that holds is the row's skip reason."""
    return [("empty_row", _all_empty(plan)), ("totals_row", _first_cell_total(plan)),
            *_layout_rules(plan), *_non_sale_rule(plan), *_status_rules(plan)]


def non_sale_col(plan: Plan) -> str | None:
    """The staged column of the profile's non-sale amount (Square `Gift Card Sales`)."""
    if plan.kind != "transactions" or not plan.profile or not plan.profile.non_sale:
        return None
    return plan.header_col(plan.profile.non_sale[1])


def words_match(col: str, words) -> str:
    """The column's folded value is one of `words` (`~text`: contains it, `^text`: starts with
    it, `*` alone: any non-empty value)."""
    exact = [w for w in words if not w.startswith(("~", "^"))]
    parts = [f"{folded(col)} IN ({sql_list(exact)})"] if exact else []
    parts += [f"strpos({folded(col)}, {sql_list([w[1:]])}) > 0"
              for w in words if w.startswith("~")]
    parts += [f"starts_with({folded(col)}, {sql_list([w[1:]])})"
              for w in words if w.startswith("^")]
    return "(" + " OR ".join(parts) + ")"


def _first_cell_total(plan: Plan) -> str:
    """A trailing totals row: its first non-empty cell says Total/合計 and the key is empty."""
    first = "COALESCE(" + ", ".join(f"c{i}" for i in range(min(len(plan.headers), 3))) + ")"
    return f"lower(trim({first})) IN ({', '.join(repr(w) for w in TOTAL_WORDS)})"


def _all_empty(plan: Plan) -> str:
    """Every cell empty (the readers give NULL for empty cells)."""
    cells = ", ".join(f"c{i}" for i in range(len(plan.headers)))
    return f"(COALESCE({cells}) IS NULL)"


def _layout_rules(plan: Plan) -> list[tuple[str, str]]:
    """The known export layout's own skip rules (test payments, ledger rows that are not
    sales, ...), on the columns the file has."""
    if plan.profile is None:
        return []
    rules = []
    for code, header, values in plan.profile.skip:
        col = plan.header_col(header)
        if col is None:
            continue
        if values == ("*",):
            rules.append((code, f"{cell_text(col)} IS NOT NULL"))
            continue
        rules.append((code, words_match(col, values)))
    return rules


def _non_sale_rule(plan: Plan) -> list[tuple[str, str]]:
    """A row whose whole amount is the non-sale part (a gift card sold or refunded, and
    nothing else) is not a sale."""
    ns = non_sale_col(plan)
    if not (ns and plan.col("amount")):
        return []
    whole, part = (P.money(x, plan.decimal_comma) for x in (plan.col("amount"), ns))
    return [(plan.profile.non_sale[0],
             f"COALESCE({part}, 0) <> 0 AND abs(COALESCE({whole}, 0) - {part}) < 0.005")]


def _status_rules(plan: Plan) -> list[tuple[str, str]]:
    """cx.ingest.vendors.ROW_RULES of this kind of file, on the columns it has."""
    rules = []
    for rule in ROW_RULES:
        if rule.kind != plan.kind or not all(f in plan.mapping for f in rule.needs):
            continue
        if rule.field is not None:
            col = plan.col(rule.field)
        else:
            col = next((c for c in map(plan.header_col, rule.headers) if c is not None), None)
        if col is not None:
            rules.append((rule.code, words_match(col, rule.words)))
    return rules
