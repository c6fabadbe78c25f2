"""`make bench`: runs every bench/bench_*.py module's `run() -> Section` and writes the report.

A module may be named on the command line to run only it: `python -m bench bench_passages`.
Each benchmark creates what it needs (working folder, databases, collected static files), so
any one runs alone from a clean machine; BENCH_REPORT names another report file (trial runs).
"""

import importlib
import os
import pkgutil
import sys
from pathlib import Path

import django


def main(selected: list[str]) -> None:
    # Test settings, as `make bench` sets them: the benchmarks' own processes choose theirs.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    from bench.harness import write_report

    names = sorted(
        module.name
        for module in pkgutil.iter_modules([str(Path(__file__).parent)])
        if module.name.startswith("bench_") and (not selected or module.name in selected)
    )
    sections = []
    for name in names:
        print(f"running {name} …", flush=True)
        sections.append(importlib.import_module(f"bench.{name}").run())
    print(f"wrote {write_report(sections)}")


if __name__ == "__main__":
    main(sys.argv[1:])
