"""Settings shared by every environment; values that differ come from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from config.private_files import private_sqlite_database

from .environment import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("SHOUWANG_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    # The admin site signs in through our login and second factor (accounts/admin_site.py).
    "shouwang.accounts.admin_site.ShouwangAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    # The offline challenge of the residents' public forms (no outside captcha service).
    "captcha",
    "shouwang.units",
    "shouwang.accounts",
    "shouwang.audit",
    "shouwang.identity",
    "shouwang.privacy",
    "shouwang.areas",
    "shouwang.checkpoints",
    "shouwang.passes",
    "shouwang.people",
    # After people: a case names registry people; venues (and intake, outreach) open cases.
    "shouwang.cases",
    "shouwang.venues",
    # After checkpoints and people: intake reads their passages and registry.
    "shouwang.intake",
    "shouwang.community",
    # Rumours and their rebuttals; intake matches its rumour tips against them on arrival.
    "shouwang.rumours",
    # After intake: booked services share its codes and residents' rate limits.
    "shouwang.bookings",
    # After cases and intake: a patrol's violation opens a case, its tip an intake report.
    "shouwang.patrols",
    # Bulletins and resident groups (宣传引导).
    "shouwang.outreach",
    # After every area it reads: zones link checkpoints and households; reports count them all.
    "shouwang.command",
    # After checkpoints: a duty post may be a checkpoint.
    "shouwang.duty",
    # Protective gear: items, the stock ledger, donations (the dashboard reads its stock).
    "shouwang.supplies",
    # The field pages as an installable web app: manifest, service worker, offline queue.
    "shouwang.offline",
    "shouwang.shell",
    "shouwang.api",
    "shouwang.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "shouwang.shell.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "shouwang.accounts.middleware.SecondFactorMiddleware",
    # After the second factor: a password-only session learns nothing about the account.
    "shouwang.units.middleware.RequireUnitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication, so the 400 page shows the user's own frame.
    "shouwang.shell.middleware.RefuseUnstorableQuery",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "shouwang" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shouwang.shell.context.shell",
            ],
        },
    },
]


def database_from_url(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Created 0600 here, before SQLite would create it world-readable (umask 022).
        private_sqlite_database(config["NAME"])
        # WAL lets the checkpoint pages read while another request writes; IMMEDIATE
        # transactions and a busy timeout turn lock contention into waiting, not errors.
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    elif "postgresql" in config["ENGINE"] and env_bool("DATABASE_PREPARED_STATEMENTS", True):
        # The statements every request runs (`shouwang.precompiled.prepared_cursor`) are
        # prepared on a connection's second use of them; the ORM's stay unprepared, as Django
        # leaves them. Off behind a pooler in transaction mode that does not keep them.
        config["OPTIONS"] = {**config.get("OPTIONS", {}), "prepare_threshold": 2}
    return config


DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'shouwang.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# An idle session ends after 30 minutes: every request pushes the expiry forward.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag instead.

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
# An account is locked from one address at a time: locking the account everywhere would let
# anyone lock the commander out with five wrong passwords, and locking an address would let
# five typos behind a station's shared NAT lock out every officer there. Guesses spread over
# many addresses are slowed down instead (shouwang/accounts/slowdown.py).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "shouwang.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "shouwang.audit.services.client_address"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# Reverse proxies in front of the application that append the client to X-Forwarded-For;
# 0 means REMOTE_ADDR is the client. Login locks and audit addresses depend on it.
SHOUWANG_PROXY_COUNT = env_int("SHOUWANG_PROXY_COUNT", 0)
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_PER_PAGE_SIZE = 500

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "shouwang" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

OTP_TOTP_ISSUER = "守望 Shouwang"

# Personal data at rest: the encryption library derives its Fernet keys from SECRET_KEY
# and this salt; the blind index is a separate HMAC key so that searching never needs
# the decryption key.
SALT_KEY = env_str("SHOUWANG_FIELD_ENCRYPTION_KEY", "")
SHOUWANG_BLIND_INDEX_KEY = env_str("SHOUWANG_BLIND_INDEX_KEY", "")
SHOUWANG_HOME_PLATE_PREFIXES = env_list("SHOUWANG_HOME_PLATE_PREFIXES", "陕K")
SHOUWANG_REQUIRE_SECOND_FACTOR = env_bool("SHOUWANG_REQUIRE_SECOND_FACTOR", True)
SHOUWANG_API_TOKEN_DAYS = env_int("SHOUWANG_API_TOKEN_DAYS", 30)
SHOUWANG_AUDIT_RETENTION_DAYS = env_int("SHOUWANG_AUDIT_RETENTION_DAYS", 365)
# The longest one isolation episode (and a policy) may last; extensions included.
SHOUWANG_MAX_ISOLATION_DAYS = env_int("SHOUWANG_MAX_ISOLATION_DAYS", 60)
SHOUWANG_DEMO_MODE = False
# Zones (shouwang.command): a zone meets its lifting rule after this many days without a new
# case (each zone may set its own); an optional tile server under the polygons (empty: none, the
# map shows the polygons and points alone, e.g. "https://tiles.example/{z}/{x}/{y}.png");
# the largest GeoJSON file accepted for import.
SHOUWANG_ZONE_LIFT_AFTER_DAYS = env_int("SHOUWANG_ZONE_LIFT_AFTER_DAYS", 14)
SHOUWANG_MAP_TILE_URL = env_str("SHOUWANG_MAP_TILE_URL", "")
SHOUWANG_MAP_TILE_ATTRIBUTION = env_str("SHOUWANG_MAP_TILE_ATTRIBUTION", "")
SHOUWANG_ZONE_UPLOAD_MAX_BYTES = env_int("SHOUWANG_ZONE_UPLOAD_MAX_BYTES", 1024 * 1024)
# The daily report is kept for each unit of these kinds (the bureau and its stations).
SHOUWANG_DAILY_REPORT_UNIT_KINDS = env_list(
    "SHOUWANG_DAILY_REPORT_UNIT_KINDS", "bureau,sub_bureau,station"
)

# Residents' public forms (shouwang.intake): submissions per client address per hour and per
# phone per day, counted from the stored reports (exact across server processes).
SHOUWANG_INTAKE_PER_ADDRESS_HOUR = env_int("SHOUWANG_INTAKE_PER_ADDRESS_HOUR", 20)
SHOUWANG_INTAKE_PER_PHONE_DAY = env_int("SHOUWANG_INTAKE_PER_PHONE_DAY", 5)
SHOUWANG_INTAKE_PHOTO_MAX_BYTES = env_int("SHOUWANG_INTAKE_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
# django-simple-captcha: a sum drawn as an image by the server; each one answers once.
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"
CAPTCHA_MATH_CHALLENGE_OPERATOR = "×"
CAPTCHA_TIMEOUT = 30  # minutes: a resident may take a while to write his report
CAPTCHA_FONT_SIZE = 32
CAPTCHA_LETTER_ROTATION = (-15, 15)

# Long jobs (list imports, later the daily report) run in `manage.py worker`, never in a web
# process: the queue is a table of this database, so SQLite and PostgreSQL need nothing more.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Request lines may hold an ID number or a phone (a search typed into a URL): hidden before
    # any handler writes them. gunicorn's access log gets the same filter from gunicorn.conf.py.
    "filters": {"redact_identifiers": {"()": "shouwang.privacy.log_redaction.RedactIdentifiers"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # Django's own runserver handler, declared again because configuring the logger below
        # replaces its handlers.
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "level": "INFO",
        },
    },
    "loggers": {
        "django.server": {
            "handlers": ["django.server"],
            "filters": ["redact_identifiers"],
            "level": "INFO",
            "propagate": False,
        },
        "django.request": {"filters": ["redact_identifiers"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
