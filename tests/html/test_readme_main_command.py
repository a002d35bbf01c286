"""The README's main job ends with an offline HTML page of the quick wins, before and
after: run that exact command (writing to a temporary file) and open the page in
Chromium with the network blocked."""

from __future__ import annotations

import shlex
import subprocess
import sys

from tests.helpers import ROOT, wait_until_ready


def readme_export_command() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- main-command", 1)[1].split("```bash\n", 1)[1].split("\n```")[0]
    parts = [part for part in block.split("&&") if " export html " in part]
    assert len(parts) == 1, "the main command has one HTML export"
    assert block.rstrip().endswith(parts[0].rstrip()), "the main command ends with it"
    words = shlex.split(parts[0])
    assert words[0] == "govgraph"
    return words[1:]


def test_the_readme_main_command_ends_with_an_offline_page_of_the_quick_wins(
    page, page_log, tmp_path
):
    args = readme_export_command()
    assert "fixtures/scenarios/quick-wins.yaml" in args
    out = tmp_path / "quick-wins.html"
    args[args.index("-o") + 1] = str(out)
    done = subprocess.run(
        [sys.executable, "-m", "govgraph", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html

    page.goto(out.as_uri())
    wait_until_ready(page, 30)
    assert page.evaluate("govgraph.frameCount") == 2  # before, after
    lines = "govgraph.drawn.lines.filter(l => l.ends[0] === 'data-driven-intelligence-wg')"
    before = page.evaluate(f"{lines}.map(l => [l.ends[1], l.st])")
    assert before == [["pssdc", None]]
    page.select_option("#frame", "1")
    after = page.evaluate(f"{lines}.map(l => [l.ends[1], l.st])")
    assert sorted(after) == [["joint-councils", "created"], ["pssdc", "removed"]]
    assert "PSSDC Business Services" in page.locator("#changes").inner_text()
    assert page_log.problems == []
