"""Imports point down: read from every module's syntax tree (ast), so a lazy import inside a
function counts as much as one at the top.

- No app imports another app's pages (`views`, `*_views`) or API (`api`) modules: those are
  entry points, mounted by `config/` alone; apps share services, selectors and models.
- `identity`, `units` and `privacy` import no domain app. A domain app is any app not in
  BASE_APPS, so an area added later is one without being listed.
- Domain apps do not import each other in a circle (checkpoints ↔ passes was one).
- No module starts a thread: long work runs in the job worker (`manage.py worker`); a thread in
  a web process dies with it. Test helpers that race transactions on purpose are not the
  application.
"""

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "shouwang"
BASE_APPS = frozenset({"units", "accounts", "audit", "identity", "privacy", "shell", "api", "demo"})
FOUNDATIONS = ("identity", "units", "privacy")


@dataclass(frozen=True)
class Module:
    name: str  # dotted, e.g. "shouwang.people.views.people"
    path: Path

    @property
    def app(self) -> str | None:
        parts = self.name.split(".")
        return parts[1] if parts[0] == PACKAGE and len(parts) > 2 else None

    @property
    def is_test(self) -> bool:
        return "tests" in self.name.split(".") or self.path.name.startswith("test_")


@cache
def apps() -> frozenset[str]:
    return frozenset(path.parent.name for path in (ROOT / PACKAGE).glob("*/apps.py"))


def domain_apps() -> frozenset[str]:
    return apps() - BASE_APPS


@cache
def modules() -> tuple[Module, ...]:
    found = []
    for top in (PACKAGE, "config"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found.append(Module(".".join(parts), path))
    return tuple(found)


def _package_of(module: Module) -> list[str]:
    parts = module.name.split(".")
    return parts if module.path.name == "__init__.py" else parts[:-1]


def imported_names(module: Module) -> set[str]:
    """Every module name `module` imports (absolute), `from x import y` giving x and x.y."""
    tree = ast.parse(module.path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = _package_of(module)
                base = package[: len(package) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            names.add(source)
            names.update(f"{source}.{alias.name}" for alias in node.names)
    return names


def _app_of(name: str) -> str | None:
    parts = name.split(".")
    if parts[0] == PACKAGE and len(parts) > 1 and parts[1] in apps():
        return parts[1]
    return None


def _is_entry_point(name: str) -> bool:
    """`shouwang.<app>.views…`, `….<x>_views…` or `shouwang.<app>.api…` (not the api app)."""
    parts = name.split(".")
    if _app_of(name) is None or len(parts) < 3:
        return False
    first = parts[2]
    return first == "views" or first.endswith("_views") or (first == "api" and parts[1] != "api")


def application_modules() -> list[Module]:
    return [module for module in modules() if not module.is_test]


def test_no_app_imports_another_apps_pages_or_api():
    offenders = sorted(
        f"{module.name} → {name}"
        for module in application_modules()
        if module.app is not None
        for name in imported_names(module)
        if _is_entry_point(name) and _app_of(name) != module.app
    )
    assert offenders == []


def test_identity_units_and_privacy_import_no_domain_app():
    offenders = sorted(
        f"{module.name} → {name}"
        for module in application_modules()
        if module.app in FOUNDATIONS
        for name in imported_names(module)
        if _app_of(name) in domain_apps()
    )
    assert offenders == []


def domain_dependencies() -> dict[str, set[str]]:
    """Domain app → the other domain apps its modules import."""
    graph: dict[str, set[str]] = {app: set() for app in domain_apps()}
    for module in application_modules():
        if module.app in graph:
            for name in imported_names(module):
                target = _app_of(name)
                if target in graph and target != module.app:
                    graph[module.app].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles, path = [], []

    def visit(app: str) -> None:
        if app in path:
            cycles.append(path[path.index(app) :] + [app])
            return
        path.append(app)
        for target in sorted(graph[app]):
            visit(target)
        path.pop()

    for app in sorted(graph):
        visit(app)
    return cycles


def test_domain_apps_do_not_import_each_other_in_a_circle():
    assert _cycles(domain_dependencies()) == []


def test_checkpoints_knows_nothing_of_passes():
    # Passes are verified at checkpoints: passes depends on checkpoints, which reaches passes
    # only through the check passes installs (checkpoints.pass_checks).
    assert "passes" not in domain_dependencies()["checkpoints"]


THREAD_STARTERS = frozenset(
    {
        "threading.Thread",
        "threading.Timer",
        "_thread",
        "concurrent.futures.ThreadPoolExecutor",
        "concurrent.futures.ProcessPoolExecutor",
        "multiprocessing.pool.ThreadPool",
    }
)


def thread_starters(module: Module) -> set[str]:
    """What `module` imports (or reaches by attribute) of the ways to start a thread."""
    names = imported_names(module)
    tree = ast.parse(module.path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            names.add(f"{node.value.id}.{node.attr}")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
            names.add(f"{ast.unparse(node.value)}.{node.attr}")
    found = names & THREAD_STARTERS
    # `futures.ThreadPoolExecutor` after `from concurrent import futures`
    if "concurrent.futures" in names:
        found |= {
            f"concurrent.futures.{name.split('.')[-1]}"
            for name in names
            if name.split(".")[-1] in {"ThreadPoolExecutor", "ProcessPoolExecutor"}
        }
    return found


def test_no_module_of_the_application_starts_a_thread():
    offenders = sorted(
        f"{module.name}: {', '.join(sorted(starters))}"
        for module in application_modules()
        if (starters := thread_starters(module))
    )
    assert offenders == []


def test_the_checks_see_what_they_look_for(tmp_path):
    """The rules above would catch an offender: each reads a module written to break it."""
    offender = tmp_path / "offender.py"
    offender.write_text(
        "import threading\n"
        "from concurrent import futures\n"
        "def work():\n"
        "    from ..passes import views\n"
        "    threading.Thread(target=print).start()\n"
        "    futures.ThreadPoolExecutor()\n",
        encoding="utf-8",
    )
    module = Module("shouwang.checkpoints.offender", offender)
    assert "shouwang.passes.views" in imported_names(module)
    assert _is_entry_point("shouwang.passes.views") and _is_entry_point("shouwang.people.api.x")
    assert not _is_entry_point("shouwang.api.auth")
    assert thread_starters(module) == {
        "threading.Thread",
        "concurrent.futures.ThreadPoolExecutor",
    }
    assert _cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b", "a"], ["b", "a", "b"]]
