"""The wheel carries what govgraph reads at run time (cypher/), and works from it."""

import subprocess
import sys
import zipfile

import pytest

from tests.helpers import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    [path] = out.glob("govgraph-*.whl")
    return path


def test_the_wheel_holds_the_package_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "govgraph/cypher/README.md" in names
    assert "govgraph/py.typed" in names
    assert "govgraph/i18n/locale/fr/LC_MESSAGES/govgraph.po" in names
    assert "govgraph/i18n/locale/fr/LC_MESSAGES/govgraph-click.mo" in names
    assert "govgraph/cli/templates/starter-model.yaml" in names
    assert any(n.endswith("entry_points.txt") for n in names)


def test_the_installed_wheel_finds_its_files_and_runs(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    example = str(ROOT / "fixtures" / "joint-councils.yaml")
    dependencies = [p for p in sys.path if "site-packages" in p]
    code = "\n".join(
        [
            "import sys",
            f"sys.path[:0] = [{str(site)!r}, *{dependencies!r}]",
            "import govgraph.resources as resources, govgraph.cli as cli",
            "print(resources.cypher_dir())",
            f"cli.main(['validate', {example!r}, '--lang', 'fr'], standalone_mode=False)",
            "cli.main(['init', '-'], standalone_mode=False)",
            "try:",
            f"    cli.main(['chain', {example!r}, '--lang', 'fr'])",
            "except SystemExit:",
            "    pass",
            f"cli.main(['show', {example!r}, '--format', 'json'])",
        ]
    )
    # -I: isolated, so neither the checkout nor an editable install is on the path
    result = subprocess.run(
        [sys.executable, "-I", "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == str(site / "govgraph" / "cypher")
    assert '"roots"' in result.stdout
    assert "0 erreur, 6 avertissements" in result.stdout  # the catalogue, from the wheel
    assert "# A starter govgraph model" in result.stdout
    assert "Erreur : Argument manquant 'ID'." in result.stderr  # click's words, from the wheel
