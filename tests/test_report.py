"""The meeting report is one self-contained file: no network needed, every section present."""
import re

import pytest

from cx.report import report_html, write_report


def test_report_is_self_contained_and_has_every_section(demo_store, tmp_path):
    out = write_report(demo_store, tmp_path / "r.html", lang="en")
    text = out.read_text(encoding="utf-8")
    # nothing loaded from elsewhere: no script src, no stylesheet link, no remote image;
    # plotly.js is inlined (its bundle mentions URLs in strings, which load nothing)
    assert not re.search(r"<script[^>]*\ssrc=", text)
    assert not re.search(r"<link[^>]*>", text)
    assert not re.search(r"<img[^>]*src=[\"']?https?:", text)
    assert "Plotly.newPlot" in text or "Plotly.react" in text
    assert "Headline numbers" in text and "Activity" in text
    from cx.areas import AREAS

    titles = [area.report_section(demo_store.cursor(), _scope(demo_store), "en", False)
              for area in AREAS]
    assert all(section.title in text for section in titles if section is not None)
    assert sum(section is not None for section in titles) == len(AREAS)  # every area on the demo
    assert "Second purchase within 90 days of the first: " in text and "win-back offer before day" in text


def _scope(store):
    from cx.scope import resolve_scope
    return resolve_scope(store.cursor())


def test_report_in_japanese_and_presenter_mode_masks_emails(demo_store):
    text = report_html(demo_store, lang="ja", presenter=True)
    assert "主要な数値" in text
    assert "@example.com" not in text


def test_report_on_an_empty_database_says_why(store):
    with pytest.raises(ValueError, match="no data"):
        report_html(store)


def _outside_scripts(text: str) -> str:
    """The HTML with every <script> body removed (the inlined plotly.js bundle mentions URLs in
    its strings, which load nothing)."""
    return re.sub(r"(<script[^>]*>).*?(</script>)", r"\1\2", text, flags=re.S)


def test_report_loads_nothing_from_the_network(demo_store):
    text = report_html(demo_store, lang="ja", presenter=True)
    html = _outside_scripts(text)
    refs = re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]+)""", html, flags=re.I)
    assert [r for r in refs if not r.startswith("#")] == []
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", html)  # no remote CSS resources
    assert not re.search(r"@import", html)
    # one copy of plotly.js, inlined, and the later figures reuse it
    assert text.count("<script type=\"text/javascript\">/**\n* plotly.js") <= 1
    assert len(re.findall(r"<script[^>]*\ssrc=", text)) == 0


def test_report_has_what_changed_and_the_nps_interval(demo_store):
    en = report_html(demo_store, lang="en")
    assert "<h2>What changed</h2>" in en and "<li>NPS " in en
    assert re.search(r"\(95% interval -?\d+–-?\d+\)", en)
    ja = report_html(demo_store, lang="ja", presenter=True)
    assert "<h2>主な変化</h2>" in ja and "95% 区間" in ja
    assert "紹介者トップ" in ja and "•••" in ja  # top referrers, masked


def test_report_for_a_date_range(demo_store):
    from datetime import date

    from cx.scope import Scope

    text = report_html(demo_store, "en", scope=Scope(date(2026, 1, 1), date(2026, 6, 30)))
    assert "Analysis period: 1 Jan 2026 – 30 Jun 2026" in text
    assert "Jun 2026" in text and "Nov 2026" not in text.split("<h2>")[2]


def test_report_opens_offline_in_a_browser(demo_store, tmp_path):
    """Headless chromium with every non-file request refused: the report still draws its
    charts, and it asked the network for nothing."""
    from tests.browser import browser_page

    out = write_report(demo_store, tmp_path / "offline.html", lang="ja", presenter=True)
    figures = out.read_text(encoding="utf-8").count('class="plotly-graph-div"')
    assert figures >= 2
    asked, errors = [], []
    with browser_page() as page:
        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                asked.append(r.request.url)
                r.abort()
        page.route("**/*", route)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(out.as_uri())
        page.wait_for_function(
            f"document.querySelectorAll('.plotly-graph-div .main-svg').length >= {figures}",
            timeout=60_000)
        assert "主な変化" in page.inner_text("body")
    assert asked == [] and errors == []


# -- the command line ----------------------------------------------------------------------
@pytest.fixture
def demo_copy(demo_db_path, tmp_path):
    import shutil

    return shutil.copy(demo_db_path, tmp_path / "demo.duckdb")


def test_cli_report_with_a_date_range_and_currency(demo_copy, tmp_path):
    from tests.test_cli import run_cli

    out = tmp_path / "r.html"
    proc = run_cli("report", "--db", demo_copy, "--out", out, "--start", "2026-01-01",
                   "--end", "2026-06-30", "--currency", "usd", "--lang", "ja")
    assert "Report written" in proc.stdout
    text = out.read_text(encoding="utf-8")
    assert "分析期間: 2026年1月1日 〜 2026年6月30日" in text
    assert "$" in text
    same = tmp_path / "s.html"
    run_cli("report", "--db", demo_copy, "--out", same, "--start", "2026-01-01",
            "--as-of", "2026-06-30")
    assert "Analysis period: 1 Jan 2026 – 30 Jun 2026" in same.read_text(encoding="utf-8")


@pytest.mark.parametrize("args, code, words", [
    (["--start", "2026-07-01", "--end", "2026-06-30"], 2, "after the end"),
    (["--end", "2026-06-30", "--as-of", "2026-05-31"], 2, "same day"),
    (["--currency", "EUR"], 1, "no amounts in EUR"),
    (["--start", "July"], 2, "not a date"),
])
def test_cli_report_refuses_bad_options_in_one_sentence(demo_copy, tmp_path, args, code, words):
    from tests.test_cli import run_cli

    out = tmp_path / "bad.html"
    proc = run_cli("report", "--db", demo_copy, "--out", out, *args, check=False)
    assert proc.returncode == code
    assert words in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()


def test_churn_without_a_model_is_one_sentence_across_the_headline_table(demo_store,
                                                                           monkeypatch):
    from cx import cache

    monkeypatch.setattr(cache, "MEMORY", type(cache.MEMORY)())
    html_text = report_html(demo_store, "en", False)
    row = re.search(r"<tr><td colspan='4' class='meta'>([^<]*)</td></tr>", html_text)
    assert row and row.group(1).startswith("Churn risk: open the churn page")
    assert "<td class='num'>–</td><td class='num'>–</td>" not in html_text
