import pandas as pd

from cx.safety import csv_bytes, mask_email, mask_name, mask_pii, neutralise_cell


def test_formula_cells_are_neutralised():
    for bad in ("=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\nx", "\rx"):
        assert neutralise_cell(bad).startswith("'")
    assert neutralise_cell("Ann") == "Ann"
    assert neutralise_cell(-5) == -5  # numbers stay numbers
    text = csv_bytes(pd.DataFrame({"name": ["=HYPERLINK(\"x\")"], "n": [1]})).decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_masking():
    assert mask_email("ann.test@example.com") == "a•••@example.com"
    assert mask_name("Ann Test") == "A•••"
    df = mask_pii(pd.DataFrame({"customer_id": ["C1"], "name": ["Ann"], "email": ["a@b.c"],
                                "customer_email": ["z@y.x"]}))
    assert df.iloc[0].tolist() == ["C1", "A•••", "a•••@b.c", "z•••@y.x"]
