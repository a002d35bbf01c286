"""Maps answer for a date: ``export html``, ``export svg`` and the page itself say
the date; the hierarchy page carries the whole history but opens at its date, and
its slider still replays the other years (in a real headless Chromium)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govgraph.html import export_html
from tests.html.test_html_export import embedded_data
from tests.html.test_html_map import open_map, place_of

ROOT = Path(__file__).resolve().parents[2]
QUICK_WINS = ROOT / "fixtures" / "scenarios" / "quick-wins.yaml"
#: The Framework WG ran from 2015 to 2018: it is in 2016, not in 2020 or today.
PAST = "framework-wg"


@pytest.fixture
def dated_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    yield page
    context.close()


def test_page_for_a_date_opens_there_and_the_slider_replays_the_years(
    dated_page, tmp_path, example_model
):
    out = tmp_path / "2020.html"
    stats = export_html(example_model, out, as_of="2020-06-30")
    assert (stats["nodes"], stats["edges"]) == (7, 6)  # what the page shows when it opens
    data = embedded_data(out.read_text(encoding="utf-8"))
    assert data["as_of"] == "2020-06-30" and data["history"] is True
    assert PAST in {n["id"] for n in data["frames"][0]["nodes"]}  # the history is carried
    open_map(dated_page, out)
    assert dated_page.locator("#subtitle").inner_text().endswith("As of 2020-06-30")
    assert dated_page.locator("#history-box").is_visible()
    assert dated_page.locator("#year").input_value() == "2020"
    assert dated_page.locator("#year-out").inner_text() == "2020-06-30"
    at_date = place_of(dated_page)
    assert PAST not in at_date and "pssdc" in at_date
    dated_page.evaluate("govgraph.setYear(2016)")
    in_2016 = place_of(dated_page)
    assert PAST in in_2016 and "in 2016" in dated_page.locator("#subtitle").inner_text()
    for body, where in at_date.items():
        assert in_2016[body] == where  # the same positions at every step
    dated_page.evaluate("govgraph.setYear(null)")
    assert "all dates" in dated_page.locator("#subtitle").inner_text()
    assert dated_page.errors == []


def test_the_day_counts_not_only_the_year(dated_page, tmp_path, example_model):
    """The Framework WG's line ends in 2018: on 2018-12-31 it still holds; a page for
    2019-01-01 does not draw it although the WG's record says 2015–2018."""
    last_day, next_day = tmp_path / "last.html", tmp_path / "next.html"
    export_html(example_model, last_day, as_of="2018-12-31")
    export_html(example_model, next_day, as_of="2019-01-01")
    open_map(dated_page, last_day)
    assert PAST in place_of(dated_page)
    open_map(dated_page, next_day)
    assert PAST not in place_of(dated_page)
    assert dated_page.errors == []


def test_cli_export_html_answers_as_of_today_by_default(cli, example_path, tmp_path, dated_page):
    today = date.today().isoformat()
    out = tmp_path / "today.html"
    result = cli("export", "html", example_path, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "7 nodes, 6 lines" in result.stderr  # the Framework WG and its line are history
    assert embedded_data(out.read_text(encoding="utf-8"))["as_of"] == today
    open_map(dated_page, out)
    assert dated_page.locator("#subtitle").inner_text().endswith(f"As of {today}")
    assert PAST not in place_of(dated_page)
    every = tmp_path / "all.html"
    assert cli("export", "html", example_path, "-o", every, "--as-of", "all").exit_code == 0
    assert embedded_data(every.read_text(encoding="utf-8"))["as_of"] is None
    open_map(dated_page, every)
    assert "all dates" in dated_page.locator("#subtitle").inner_text()
    assert PAST in place_of(dated_page)
    assert dated_page.errors == []


def test_cli_network_view_for_a_date_holds_only_that_date(cli, example_path, tmp_path):
    out = tmp_path / "net.html"
    assert cli("export", "html", example_path, "-o", out, "--view", "network").exit_code == 0
    data = embedded_data(out.read_text(encoding="utf-8"))
    assert data["history"] is False and data["as_of"] == date.today().isoformat()
    assert PAST not in {n["id"] for n in data["frames"][0]["nodes"]}


def test_cli_scenario_page_is_for_the_effective_date_unless_told(cli, example_path, tmp_path):
    out = tmp_path / "qw.html"
    assert cli("export", "html", example_path, "-o", out, "--scenario", QUICK_WINS).exit_code == 0
    assert embedded_data(out.read_text(encoding="utf-8"))["as_of"] == "2026-04-01"
    args = ["--scenario", QUICK_WINS, "--as-of", "2030"]
    assert cli("export", "html", example_path, "-o", out, *args).exit_code == 0
    assert embedded_data(out.read_text(encoding="utf-8"))["as_of"] == "2030-01-01"


def test_cli_export_svg_shows_the_date_in_its_caption(cli, example_path, tmp_path):
    today = tmp_path / "today.svg"
    assert cli("export", "svg", example_path, "-o", today).exit_code == 0
    text = today.read_text(encoding="utf-8")
    assert f"As of {date.today().isoformat()}" in text and "Framework" not in text
    past = tmp_path / "2016.svg"
    assert cli("export", "svg", example_path, "-o", past, "--as-of", "2016").exit_code == 0
    text = past.read_text(encoding="utf-8")
    assert "As of 2016-01-01" in text and "Framework" in text
    every = tmp_path / "all.svg"
    assert cli("export", "svg", example_path, "-o", every, "--as-of", "all", "--lang", "fr")
    text = every.read_text(encoding="utf-8")
    assert "toutes les dates" in text and "Groupe de travail sur le cadre" in text
