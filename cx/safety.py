"""Output safety: spreadsheet-formula neutralising and presenter-mode masking."""
from __future__ import annotations

import io

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
PII_COLUMNS = ("name", "email", "customer_name", "customer_email")


def neutralise_cell(value):
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise_cell)
    out.columns = [neutralise_cell(str(c)) for c in out.columns]
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (Excel opens Japanese text correctly), formula-safe."""
    buf = io.StringIO()
    neutralise_frame(df).to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8-sig")


def mask_email(email) -> str | None:
    if not isinstance(email, str) or not email:
        return email
    local, _, domain = email.partition("@")
    return (local[:1] + "•••@" + domain) if domain else "•••"


def mask_name(name) -> str | None:
    if not isinstance(name, str) or not name:
        return name
    return name.strip()[:1] + "•••"


def mask_pii(df: pd.DataFrame) -> pd.DataFrame:
    """Mask every name/email column (presenter mode: tables, hover labels, downloads)."""
    out = df.copy()
    for col in out.columns:
        low = str(col).lower()
        if "email" in low:
            out[col] = out[col].map(mask_email)
        elif low in PII_COLUMNS or low.endswith("_name") or low == "name":
            out[col] = out[col].map(mask_name)
    return out
