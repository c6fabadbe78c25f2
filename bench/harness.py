"""What every benchmark returns, and how the results become docs/performance.md."""

import os
import platform
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

REPORT = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


@dataclass
class Measurement:
    name: str  # what was measured, e.g. "batch ingest, SQLite"
    value: float
    unit: str  # e.g. "passages/s", "ms p95"
    target: str = ""  # the target, in words, e.g. "≥ 10,000/s"
    met: bool | None = None
    notes: str = ""


@dataclass
class Section:
    title: str
    measurements: list[Measurement] = field(default_factory=list)
    notes: str = ""


def machine_description() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def git_revision() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def write_report(sections: list[Section]) -> Path:
    now = datetime.now(ZoneInfo("Asia/Shanghai"))
    lines = [
        "# Performance",
        "",
        "Written by `make bench`; do not edit by hand.",
        "",
        f"- Date: {now:%Y-%m-%d %H:%M} (Asia/Shanghai)",
        f"- Machine: {machine_description()}",
        f"- Revision: {git_revision()}",
        "",
    ]
    for section in sections:
        lines += [f"## {section.title}", ""]
        if section.notes:
            lines += [section.notes, ""]
        lines += ["| measurement | result | target | met |", "|---|---|---|---|"]
        for m in section.measurements:
            met = "—" if m.met is None else ("yes" if m.met else "**no**")
            value = f"{m.value:,.1f} {m.unit}"
            note = f" ({m.notes})" if m.notes else ""
            lines.append(f"| {m.name}{note} | {value} | {m.target} | {met} |")
        lines.append("")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines))
    return REPORT
