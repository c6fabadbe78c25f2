"""Fast, deterministic settings for the test suite; DATABASE_URL still picks the database."""

from .base import *  # noqa: F403
from .base import VAR_DIR

SECRET_KEY = "test-secret-key-not-for-any-deployment-0123456789"
SALT_KEY = "test-field-encryption-salt"
SHOUWANG_BLIND_INDEX_KEY = "test-blind-index-key"
SHOUWANG_REQUIRE_SECOND_FACTOR = False
SHOUWANG_DEMO_MODE = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media"
WHITENOISE_AUTOREFRESH = True
# Tasks run inside enqueue(): a test sees the finished job without a worker process.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
