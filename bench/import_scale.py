"""Import by mapping at scale: the Government of Canada inventory (the bundled mapping)
and a generated table set of N organizations (default 10^5): an English and a French
file of the same records joined by key, a lookup table of forms, a parent column that
becomes PART_OF and a relationship table, against reading the same CSV files with the
standard ``csv`` module (``csv.DictReader``, every row of every file) in the same run.

    .venv/bin/python bench/import_scale.py [N]

Prints, per data set: rows read, entities and relationships made, seconds for the
baseline, for building the records (``build``) and for the whole import (build, model
validation and checks: ``import_mapping``), each as a ratio to the baseline, and the
peak memory of the import (tracemalloc, in a separate run so it does not slow the
timed one); and reading the same model from govgraph's own CSV columns (``validate_path``).
The inventory's times are the best of five runs, the generated set's of one.
"""

from __future__ import annotations

import csv
import gc
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import yaml

from govgraph.formats import validate_path, write_model
from govgraph.importing import build, import_mapping, read_mapping

ROOT = Path(__file__).resolve().parent.parent
INVENTORY = ROOT / "fixtures" / "gc-federal-organizations.mapping.yaml"
FORMS = ["crown_corp", "dept_agency", "min_dept", "shared_gov_corp", "spec_op_agency"]


def generate_tables(folder: Path, n: int) -> Path:
    """N organizations in a tree (ten children each), in English and French, with a
    lookup table of forms and N/2 MEMBER_OF-style oversight lines; the mapping."""
    with (folder / "orgs_en.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["org_id", "title_en", "abbr_en", "parent", "form", "start", "end"])
        for i in range(n):
            parent = f"{i // 10}.0" if i else ""
            end = f"{2000 + i % 25}.0" if i % 7 == 0 and i else ""
            writer.writerow(
                [i, f'Organization {i}, "quoted"', f"O{i}", parent, FORMS[i % 5], 1950, end]
            )
    with (folder / "orgs_fr.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["org_id", "title_fr", "abbr_fr"])
        for i in range(n):
            writer.writerow([i, f"Organisation {i} « citée »", f"O{i}"])
    with (folder / "forms.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name_en", "name_fr"])
        for form in FORMS:
            writer.writerow([form, form.replace("_", " ").title(), form])
    with (folder / "oversight.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["overseer", "overseen"])
        for i in range(1, n // 2):
            writer.writerow([i, n - i])
    mapping = {
        "tables": {
            "en": {"file": "orgs_en.csv", "key": "org_id"},
            "fr": {"file": "orgs_fr.csv", "key": "org_id"},
            "forms": {"file": "forms.csv", "key": "id"},
            "oversight": {"file": "oversight.csv"},
        },
        "entities": [
            {
                "table": "en",
                "join": {
                    "fr": {"table": "fr", "column": "org_id"},
                    "form": {"table": "forms", "column": "form"},
                },
                "id": {"column": "org_id", "prefix": "org-"},
                "kind": "organization",
                "name": {"en": "title_en", "fr": "fr.title_fr"},
                "acronym": {"en": "abbr_en", "fr": "fr.abbr_fr"},
                "valid_from": {"column": "start", "format": "year"},
                "valid_to": {"column": "end", "format": "year"},
                "tags": [{"column": "form"}],
                "attributes": {"form_en": "form.name_en", "form_fr": "form.name_fr"},
                "relationships": [
                    {
                        "type": "PART_OF",
                        "to": {"column": "parent", "format": "integer", "prefix": "org-"},
                    }
                ],
            }
        ],
        "relationships": [
            {
                "table": "oversight",
                "from": {"column": "overseer", "prefix": "org-"},
                "type": "OVERSEES",
                "to": {"column": "overseen", "prefix": "org-"},
            }
        ],
    }
    path = folder / "generated.mapping.yaml"
    path.write_text(yaml.safe_dump(mapping, sort_keys=False), encoding="utf-8")
    return path


def csv_baseline(mapping_path: Path) -> int:
    """Every row of every table of the mapping, read by ``csv.DictReader``."""
    mapping = read_mapping(mapping_path)
    rows = 0
    for table in mapping.tables.values():
        with (mapping_path.parent / table.file).open(encoding="utf-8-sig", newline="") as f:
            for _ in csv.DictReader(f):
                rows += 1
    return rows


def timed(task: Callable[[], object]) -> tuple[float, object]:
    gc.collect()
    start = time.perf_counter()
    result = task()
    return time.perf_counter() - start, result


def peak_mib(task: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    task()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def best(task: Callable[[], object], repeats: int) -> tuple[float, object]:
    """The fastest of ``repeats`` runs (the machine may be busy)."""
    return min((timed(task) for _ in range(repeats)), key=lambda pair: pair[0])


def measure(name: str, mapping_path: Path, repeats: int) -> None:
    base_s, rows = best(lambda: csv_baseline(mapping_path), repeats)
    mapping = read_mapping(mapping_path)
    build_s, _ = best(lambda: build(mapping, mapping_path.parent), repeats)
    import_s, imported = best(lambda: import_mapping(mapping_path), repeats)
    model = imported.model  # type: ignore[attr-defined]
    peak = peak_mib(lambda: import_mapping(mapping_path))
    # the same model as govgraph's own CSV directory, read and checked by validate_path
    with tempfile.TemporaryDirectory(prefix="govgraph-native-") as folder:
        native = Path(folder) / "model"
        write_model(model, f"{native}/")
        native_s, _ = best(lambda: validate_path(native), repeats)
    print(
        f"{name}: {rows} rows -> {len(model.entities)} entities, "
        f"{len(model.relationships)} relationships"
    )
    print(f"  csv.DictReader (baseline)  {base_s:8.3f} s   1.0x")
    print(f"  build (records)            {build_s:8.3f} s  {build_s / base_s:5.1f}x")
    print(f"  import_mapping (+ checks)  {import_s:8.3f} s  {import_s / base_s:5.1f}x")
    print(
        f"  validate_path(CSV dir)     {native_s:8.3f} s  {native_s / base_s:5.1f}x"
        "   (the same model in govgraph's columns)"
    )
    print(f"  import / validate_path     {import_s / native_s:8.2f}x")
    print(f"  peak memory (import)       {peak:8.1f} MiB")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    measure("GC inventory (bundled mapping)", INVENTORY, repeats=5)
    with tempfile.TemporaryDirectory(prefix="govgraph-import-") as folder:
        measure(f"generated, {n} organizations", generate_tables(Path(folder), n), repeats=1)


if __name__ == "__main__":
    main()
