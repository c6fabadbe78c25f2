"""Settings for a workstation or a single-machine deployment: `make run`.

Secrets are generated once and kept in var/local-secrets.json, outside the repository.
"""

import json
import secrets

from config.private_files import private_dir, private_file, write_private_json

from .base import *  # noqa: F403
from .base import VAR_DIR
from .environment import env_bool, env_str


def local_secret(name: str) -> str:
    path = VAR_DIR / "local-secrets.json"
    private_dir(VAR_DIR)
    stored = json.loads(private_file(path).read_text() or "{}")
    if name not in stored:
        stored[name] = secrets.token_urlsafe(48)
        write_private_json(path, stored)
    return stored[name]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "") or local_secret("SECRET_KEY")
SALT_KEY = env_str("SHOUWANG_FIELD_ENCRYPTION_KEY", "") or local_secret("FIELD_ENCRYPTION_KEY")
SHOUWANG_BLIND_INDEX_KEY = env_str("SHOUWANG_BLIND_INDEX_KEY", "") or local_secret(
    "BLIND_INDEX_KEY"
)
SHOUWANG_REQUIRE_SECOND_FACTOR = env_bool("SHOUWANG_REQUIRE_SECOND_FACTOR", False)
SHOUWANG_DEMO_MODE = env_bool("SHOUWANG_DEMO_MODE", True)
