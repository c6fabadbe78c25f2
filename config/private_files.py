"""Files only the service account may read: the SQLite database and the generated secrets.

They are created with their final mode (never world-readable, not even for an instant), and an
older installation's wider modes are narrowed the next time the settings load.
"""

import json
import os
import stat
import tempfile
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def _narrow(path: Path, mode: int) -> None:
    """Take away group and other permissions from a file or directory we own."""
    info = path.stat()
    if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
        path.chmod(stat.S_IMODE(info.st_mode) & mode)


def private_dir(path: Path) -> Path:
    """Create `path` (mode 0700) if missing, or narrow it to 0700 if it is ours."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    _narrow(path, PRIVATE_DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create an empty `path` with mode 0600 if missing, or narrow it to 0600 if it is ours."""
    if not path.parent.exists():
        private_dir(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    except FileExistsError:
        _narrow(path, PRIVATE_FILE_MODE)
    return path


def private_sqlite_database(name: str) -> None:
    """Create the SQLite file 0600 before SQLite does (its -wal and -shm copy that mode)."""
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    path = Path(name)
    private_file(path)
    for suffix in SQLITE_COMPANIONS:
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            _narrow(companion, PRIVATE_FILE_MODE)


def write_private_json(path: Path, data: dict) -> None:
    """Replace `path` with `data`, written to a 0600 file first so no reader sees it wider."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "w") as handle:  # mkstemp creates the file 0600
            json.dump(data, handle, indent=2)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
