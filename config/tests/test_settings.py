import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The test process may carry settings (and the browser tests' async flag) that must not leak in.
INHERITED_SETTINGS = (
    "SECRET_KEY",
    "SHOUWANG_",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "DJANGO_ALLOW_ASYNC",
)
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 60 + "-production-secret-for-the-check",
    # check --deploy refuses short or published keys: these are long and used nowhere else.
    "SHOUWANG_FIELD_ENCRYPTION_KEY": "Fk3vR9wQ2mZx7LpT4nHb8YcJ6sDe1GaU5oKi0Wq",
    "SHOUWANG_BLIND_INDEX_KEY": "Bi7Np2XrT9vK4mQz8LwH3cYs6FjD1eGa5UoR0Jt",
    "ALLOWED_HOSTS": "shouwang.example.internal",
    "DATABASE_URL": "sqlite:////tmp/shouwang-check.sqlite3",
}


def _manage(args, env_extra):
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(INHERITED_SETTINGS)
    }
    env.update(env_extra, DJANGO_SETTINGS_MODULE="config.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_its_secrets():
    result = _manage(["check"], {})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_missing_encryption_key():
    env = dict(PRODUCTION_ENV)
    del env["SHOUWANG_FIELD_ENCRYPTION_KEY"]
    result = _manage(["check"], env)
    assert result.returncode != 0
    assert "SHOUWANG_FIELD_ENCRYPTION_KEY" in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = _manage(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_static_files_collect_under_the_manifest_storage(tmp_path):
    # `make run` collects with hashed names; a library file pointing at a missing source map
    # would stop the server from starting.
    result = _manage(
        ["collectstatic", "--no-input", "-v", "0"], {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)}
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists()


def test_postgresql_connections_prepare_the_hot_statements_unless_told_not_to(monkeypatch):
    from config.settings.base import database_from_url

    url = "postgres://shouwang@db.example.internal:5432/shouwang"
    assert database_from_url(url)["OPTIONS"]["prepare_threshold"] == 2
    monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", "off")
    assert "prepare_threshold" not in database_from_url(url).get("OPTIONS", {})
