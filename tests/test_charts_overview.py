"""The overview/report activity chart: axis ticks and hover text formatted for the language."""
import pandas as pd

from cx import i18n
from cx.charts.overview import monthly_activity_chart, nice_ticks


def test_nice_ticks():
    # 161,600 / 4 = 40,400 -> a step of 50,000 (1, 2, 2.5, 5 x 10^4), up to 200,000
    assert nice_ticks(161_600) == [0, 50_000, 100_000, 150_000, 200_000]
    assert nice_ticks(100) == [0, 25, 50, 75, 100]
    assert nice_ticks(1397, whole=True) == [0, 500, 1000, 1500]
    assert nice_ticks(10, whole=True) == [0, 5, 10]  # never 2.5 customers
    assert nice_ticks(3, whole=True) == [0, 1, 2, 3]
    assert nice_ticks(0) == [0.0, 1.0]


def test_japanese_chart_has_no_english_units():
    monthly = pd.DataFrame({"month": pd.to_datetime(["2026-01-01", "2026-02-01"]),
                            "revenue": [92_000.0, 161_600.0], "active_customers": [800, 1397]})
    fig = monthly_activity_chart(monthly, labels={
        "months": ["2026年1月", "2026年2月"], "revenue": "売上", "customers": "アクティブ顧客数",
        "money": lambda v: i18n.fmt_money(v, "JPY", "ja"),
        "money_tick": lambda v: "¥" + i18n.fmt_compact(v, "ja"),
        "number": lambda v: i18n.fmt_int(v, "ja")})
    assert list(fig.layout.yaxis.ticktext) == ["¥0", "¥5万", "¥10万", "¥15万", "¥20万"]
    assert list(fig.layout.yaxis2.ticktext) == ["0", "500", "1,000", "1,500"]
    assert list(fig.data[0].customdata) == ["¥92,000", "¥161,600"]
    assert "売上: %{customdata}" in fig.data[0].hovertemplate
