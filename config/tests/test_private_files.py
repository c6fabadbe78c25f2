"""The SQLite database, its journal and the generated secrets are readable by us alone."""

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from config.private_files import private_dir, private_sqlite_database, write_private_json

ROOT = Path(__file__).resolve().parents[2]
INHERITED_SETTINGS = ("SECRET_KEY", "SHOUWANG_", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _with_common_umask():
    os.umask(0o022)


def test_a_fresh_local_installation_creates_its_files_private(tmp_path):
    var = tmp_path / "var"
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(INHERITED_SETTINGS)
    }
    env.update(DJANGO_SETTINGS_MODULE="config.settings.local", SHOUWANG_VAR_DIR=str(var))
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_with_common_umask,
    )
    assert result.returncode == 0, result.stderr
    assert _mode(var) == 0o700
    assert _mode(var / "local-secrets.json") == 0o600
    assert _mode(var / "shouwang.sqlite3") == 0o600
    secrets = json.loads((var / "local-secrets.json").read_text())
    assert sorted(secrets) == ["BLIND_INDEX_KEY", "FIELD_ENCRYPTION_KEY", "SECRET_KEY"]
    assert len({*secrets.values()}) == 3


def test_sqlite_journal_files_take_the_database_file_mode(tmp_path):
    previous = os.umask(0o022)
    try:
        database = tmp_path / "shouwang.sqlite3"
        private_sqlite_database(str(database))
        connection = sqlite3.connect(database)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE t (x)")
        connection.execute("INSERT INTO t VALUES (1)")
        connection.commit()
        assert _mode(database) == 0o600
        assert _mode(Path(f"{database}-wal")) == 0o600
        connection.close()
    finally:
        os.umask(previous)


def test_an_older_installation_is_narrowed(tmp_path):
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    var.chmod(0o755)
    database = var / "shouwang.sqlite3"
    database.write_text("")
    database.chmod(0o644)
    private_dir(var)
    private_sqlite_database(str(database))
    assert (_mode(var), _mode(database)) == (0o700, 0o600)


def test_secrets_are_never_written_wider_than_0600(tmp_path):
    previous = os.umask(0o000)
    try:
        path = tmp_path / "local-secrets.json"
        write_private_json(path, {"SECRET_KEY": "x"})
        assert _mode(path) == 0o600
        assert json.loads(path.read_text()) == {"SECRET_KEY": "x"}
        assert [entry.name for entry in tmp_path.iterdir()] == ["local-secrets.json"]
    finally:
        os.umask(previous)


def test_in_memory_databases_are_left_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    private_sqlite_database(":memory:")
    private_sqlite_database("")
    assert list(tmp_path.iterdir()) == []
