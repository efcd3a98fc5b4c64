from datetime import date

from cx.scope import Scope, period_floor, period_label, periods_between, resolve_scope


def test_period_labels():
    assert period_label(date(2024, 1, 5), "month") == "2024-01"
    assert period_label(date(2024, 5, 5), "quarter") == "2024-Q2"
    assert period_label(date(2024, 1, 1), "week") == "2024-W01"
    assert period_label(date(2023, 1, 1), "week") == "2022-W52"  # ISO week year


def test_period_arithmetic():
    assert period_floor(date(2024, 5, 17), "quarter") == date(2024, 4, 1)
    assert period_floor(date(2024, 5, 17), "week") == date(2024, 5, 13)
    assert periods_between(date(2024, 1, 31), date(2024, 3, 1), "month") == 2
    assert periods_between(date(2024, 1, 31), date(2024, 7, 1), "quarter") == 2
    assert periods_between(date(2024, 5, 12), date(2024, 5, 13), "week") == 1


def test_resolve_scope_defaults_to_the_data(store):
    with store.write() as cur:
        cur.execute("INSERT INTO transactions (order_id, ordered_at, amount, currency) VALUES "
                    "('1', TIMESTAMP '2024-01-05 10:00', 1, 'USD'), "
                    "('2', TIMESTAMP '2024-03-05 10:00', 1, 'JPY'), "
                    "('3', TIMESTAMP '2024-03-06 10:00', 1, 'JPY')")
    s = resolve_scope(store.cursor(), Scope())
    assert (s.start, s.end, s.currency) == (date(2024, 1, 5), date(2024, 3, 6), "JPY")
    assert resolve_scope(store.cursor(), Scope(end=date(2024, 2, 1))).as_of == date(2024, 2, 1)
