"""The browser fixture itself: a local page loads, remote requests are blocked and
recorded, console errors and dialogs are collected."""

from __future__ import annotations


def test_offline_page_and_blocked_network(page, page_log, tmp_path):
    html = tmp_path / "probe.html"
    html.write_text(
        "<!doctype html><title>probe</title>"
        '<img src="https://example.invalid/x.png">'
        "<script>window.probe = 41 + 1; console.error('boom'); alert('hi');</script>",
        encoding="utf-8",
    )
    page.goto(html.as_uri())
    assert page.evaluate("window.probe") == 42
    assert page_log.blocked == ["https://example.invalid/x.png"]
    # the page's own error, plus (in either order: it is racy) Chromium's note of the
    # blocked image
    assert "boom" in page_log.console_errors
    others = [message for message in page_log.console_errors if message != "boom"]
    assert all("ERR_FAILED" in message for message in others)
    assert page_log.dialogs == ["alert: hi"]
