"""Werkpad settings, read from the environment with safe defaults.

Every variable is read through :func:`env` and friends below, so the README's configuration table
and this file cannot drift: ``werkpad settings-doc`` prints the table from the same calls.
"""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import django.conf.locale as _django_locale
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
DOCUMENTED_SETTINGS: list[tuple[str, str, str]] = []


def env(name: str, default: str, doc: str) -> str:
    DOCUMENTED_SETTINGS.append((name, default, doc))
    return os.environ.get(name, default)


def env_bool(name: str, default: bool, doc: str) -> bool:
    raw = env(name, "true" if default else "false", doc).strip().lower()
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, doc: str) -> int:
    raw = env(name, str(default), doc)
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def env_secret(name: str, default: str, doc: str) -> str:
    """A secret from ``NAME`` or from the file named by ``NAME_FILE`` (Docker/K8s secrets)."""
    DOCUMENTED_SETTINGS.append((f"{name} / {name}_FILE", "(generated for development)", doc))
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {path}: {exc}") from exc
    return os.environ.get(name, default)


DEBUG = env_bool("WERKPAD_DEBUG", False, "Show Django debug pages. Never in production.")
_DEV_SECRET = "werkpad-insecure-development-key-change-me"  # noqa: S105 - refused below in production
SECRET_KEY = env_secret(
    "WERKPAD_SECRET_KEY",
    _DEV_SECRET,
    "Django secret key. Required unless WERKPAD_DEBUG or WERKPAD_DEMO.",
)
DEMO_MODE = env_bool(
    "WERKPAD_DEMO", False, "Demo mode: allows the development secret key, shows the demo banner."
)
# Serving with the development key is refused outside debug/demo (see werkpad.wsgi); management
# commands such as migrate or makemigrations may run without it.
INSECURE_SECRET_KEY = SECRET_KEY == _DEV_SECRET and not (DEBUG or DEMO_MODE)

ALLOWED_HOSTS = [
    h.strip()
    for h in env(
        "WERKPAD_ALLOWED_HOSTS", "127.0.0.1,localhost", "Comma-separated host names."
    ).split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip()
    for o in env(
        "WERKPAD_CSRF_TRUSTED_ORIGINS", "", "Comma-separated origins behind a proxy."
    ).split(",")
    if o.strip()
]

DATABASES: dict[str, Any] = {
    "default": dj_database_url.parse(
        env(
            "DATABASE_URL",
            f"sqlite:///{Path.cwd() / 'werkpad.sqlite3'}",
            "Database URL, e.g. postgres://user@127.0.0.1:5432/werkpad. Default: SQLite file in the working directory.",
        ),
        conn_max_age=env_int(
            "WERKPAD_DB_CONN_MAX_AGE", 60, "Seconds to keep database connections open."
        ),
    )
}
SQLITE_TIMEOUT = env_int(
    "WERKPAD_SQLITE_TIMEOUT",
    20,
    "SQLite only: seconds a writer waits for the write lock before 'database is locked'.",
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL: readers and the writer do not block each other; IMMEDIATE: a writing transaction takes
    # the lock at its start and waits up to the busy timeout for it (README, "SQLite").
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        # Seconds a writer waits (WERKPAD_SQLITE_TIMEOUT) for the write lock before "database is locked". Imports hold the
        # lock only for their short publish step (see README, "SQLite and concurrent writers").
        "timeout": SQLITE_TIMEOUT,
    }

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves the OpenAPI docs (Swagger UI) from its own static files, not a CDN
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",  # before werkpad.accounts, whose admin.py trims axes' admin (see there)
    "werkpad.accounts",
    "werkpad.places",
    "werkpad.audit",
    "werkpad.participants",
    "werkpad.employers",
    "werkpad.pathway",
    "werkpad.eligibility",
    "werkpad.matching",
    "werkpad.portal",
    "werkpad.monitoring",
    "werkpad.koppeling",
    "werkpad.guides",
    "werkpad.handovers",
    "werkpad.surveys",
    "werkpad.privacy",
    "werkpad.demo",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First: a HEAD response has no body, whatever the layers below and the server do.
    "werkpad.http.HeadWithoutBodyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sliding sessions: saved again once a minute at most, not on every request.
    "werkpad.accounts.middleware.SlidingSessionMiddleware",
    # Two-factor authentication: django-otp marks a verified session; Werkpad's middleware sends
    # users whose role needs a second factor (WERKPAD_2FA_ROLES) to enrol or enter a code.
    "django_otp.middleware.OTPMiddleware",
    "werkpad.accounts.twofactor.TwoFactorMiddleware",
    # One access-log entry per participant per request, written at the end of the request.
    "werkpad.audit.log.AccessLogMiddleware",
    # Responses to a signed-in user may hold personal data: never stored by a cache.
    "werkpad.http.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "werkpad.accounts.middleware.UserLanguageMiddleware",
    "werkpad.accounts.middleware.ContentSecurityPolicyMiddleware",
    # Last: turns a login refused by the throttle into the lockout page (AXES_LOCKOUT_CALLABLE).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "werkpad.urls"
WSGI_APPLICATION = "werkpad.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
# AxesStandaloneBackend only refuses locked-out logins; ModelBackend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "werkpad.accounts.context_processors.werkpad",
                "werkpad.portal.context_processors.portal",
            ],
        },
    }
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

# Sessions expire: after inactivity (sliding) and when the browser closes.
SESSION_COOKIE_AGE = env_int(
    "WERKPAD_SESSION_SECONDS",
    30 * 60,
    "Session lifetime after the last request, in seconds (60 to 43200).",
)
if not 60 <= SESSION_COOKIE_AGE <= 12 * 3600:
    # A typo (an extra zero, a negative number) must not silently keep sessions open for days.
    raise ImproperlyConfigured(
        f"WERKPAD_SESSION_SECONDS must lie between 60 and 43200, not {SESSION_COOKIE_AGE}"
    )
# Sliding, without a write per request: a signed-in session is saved again (new expiry) once
# its last save is this many seconds old (accounts.middleware.SlidingSessionMiddleware).
SESSION_REFRESH_SECONDS = env_int(
    "WERKPAD_SESSION_REFRESH_SECONDS",
    60,
    "Save a signed-in session (and renew its expiry) at most this often, in seconds (0 to 300).",
)
if not 0 <= SESSION_REFRESH_SECONDS <= min(300, SESSION_COOKIE_AGE // 2):
    raise ImproperlyConfigured(
        "WERKPAD_SESSION_REFRESH_SECONDS must lie between 0 and 300 (and at most half the "
        f"session lifetime), not {SESSION_REFRESH_SECONDS}"
    )
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_COOKIES = env_bool(
    "WERKPAD_SECURE_COOKIES",
    False,
    "Send cookies only over HTTPS (set true behind TLS): session, CSRF and language cookie.",
)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
# The CSRF token reaches htmx through the page (base.html), never through JavaScript reading the
# cookie: keep the cookie out of reach of scripts.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Flash messages name participants ("Saved. The intake of ... can be resumed"): keep them in the
# server-side session, not in a (signed but readable) cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HTTPS: HSTS follows the secure cookies (a site that sends cookies only over HTTPS must not be
# reachable over plain HTTP either); the redirect and the proxy header are opt-in because they
# depend on how TLS is terminated.
_HSTS_SECONDS = env_int(
    "WERKPAD_HSTS_SECONDS",
    31_536_000,
    "Strict-Transport-Security max-age in seconds, sent only when WERKPAD_SECURE_COOKIES is true; 0 turns HSTS off.",
)
SECURE_HSTS_SECONDS = max(_HSTS_SECONDS, 0) if SECURE_COOKIES else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool(
    "WERKPAD_HSTS_INCLUDE_SUBDOMAINS",
    False,
    "Add includeSubDomains to the HSTS header (only if every subdomain serves HTTPS).",
)
SECURE_HSTS_PRELOAD = env_bool(
    "WERKPAD_HSTS_PRELOAD",
    False,
    "Add preload to the HSTS header (with includeSubDomains; a commitment: submit the domain to the browsers' preload list only when every subdomain serves HTTPS for good).",
)
SECURE_SSL_REDIRECT = env_bool(
    "WERKPAD_SSL_REDIRECT",
    False,
    "Redirect plain HTTP requests to HTTPS in Werkpad itself (when the proxy does not).",
)
_PROXY_SSL_HEADER = env(
    "WERKPAD_PROXY_SSL_HEADER",
    "",
    "Header by which the TLS proxy marks HTTPS requests, e.g. X-Forwarded-Proto. Only set when the proxy always sets or strips it.",
).strip()
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"), "https") if _PROXY_SSL_HEADER else None
)

# Password guessing: django-axes counts failed logins per user name *and* client address in the
# database (shared by every app server) and refuses further attempts for a cool-off period.
AXES_ENABLED = env_bool(
    "WERKPAD_LOGIN_THROTTLE",
    True,
    "Lock out a user name from a client address after repeated failed logins (django-axes).",
)
# Axes would log user names and client addresses of failed logins: no personal data in logs.
AXES_VERBOSE = False
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int(
    "WERKPAD_LOGIN_FAILURE_LIMIT",
    5,
    "Failed logins (same user name, same client address) that lock the combination out.",
)
if AXES_FAILURE_LIMIT < 1:
    raise ImproperlyConfigured(
        f"WERKPAD_LOGIN_FAILURE_LIMIT must be at least 1, not {AXES_FAILURE_LIMIT}"
    )
LOGIN_COOLOFF_MINUTES = env_int(
    "WERKPAD_LOGIN_COOLOFF_MINUTES",
    15,
    "Minutes a locked-out user name and address wait (each new attempt restarts them); an administrator can unlock sooner in the admin.",
)
if LOGIN_COOLOFF_MINUTES < 1:
    raise ImproperlyConfigured(
        f"WERKPAD_LOGIN_COOLOFF_MINUTES must be at least 1, not {LOGIN_COOLOFF_MINUTES}"
    )
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# An attempt during the lockout (even with the right password) counts and restarts the cool-off.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_LOCKOUT_CALLABLE = "werkpad.accounts.throttle.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Keep only what the lockout needs: the failure records (user name, address, user agent, time).
# No log of successful logins or of every failure (Werkpad's own audit log covers file access);
# form values in the failure records are masked, the password always.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "csrfmiddlewaretoken"]
# The client address: REMOTE_ADDR, unless Werkpad runs behind N trusted reverse proxies; then the
# N-th address from the right of X-Forwarded-For (the one the outermost proxy saw). django-ipware
# (AXES_IPWARE_*) is an optional extra of axes 8 that Werkpad does not install, so a small callable.
PROXY_COUNT = env_int(
    "WERKPAD_PROXY_COUNT",
    0,
    "Reverse proxies in front of Werkpad that append to X-Forwarded-For; 0 uses the connection's address (REMOTE_ADDR). Set only when every request passes through them.",
)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"WERKPAD_PROXY_COUNT must be 0 or more, not {PROXY_COUNT}")
AXES_CLIENT_IP_CALLABLE = "werkpad.accounts.throttle.client_ip_address"

# The tamper-evident access log (werkpad.audit.chain): `werkpad seal-audit` appends every seal to
# this file, which should live on other storage than the database (or be copied off the machine).
AUDIT_ANCHOR_FILE = env(
    "WERKPAD_AUDIT_ANCHOR_FILE",
    "",
    "File to which `werkpad seal-audit` appends each seal of the access log (keep it off the database server); `werkpad verify-audit` checks the chain against it. Empty: seals stay in the database only.",
)

# Two-factor authentication (werkpad.accounts.twofactor): roles that must use a second factor.
# On for every staff role by default; off in demo mode unless asked (the demo logins keep working).
_TWO_FACTOR_ROLE_NAMES = {"coach", "analyst", "admin", "privacy", "employer", "participant"}
TWO_FACTOR_ROLES = [
    r.strip()
    for r in env(
        "WERKPAD_2FA_ROLES",
        "" if DEMO_MODE else "coach,analyst,admin,privacy",
        "Comma-separated roles that must log in with a second factor (TOTP app, recovery codes): "
        "coach, analyst, admin, privacy (privacy officer), employer, participant. Default: the staff "
        "roles coach,analyst,admin,privacy; empty in demo mode. Other users may enrol on their own.",
    ).split(",")
    if r.strip()
]
if set(TWO_FACTOR_ROLES) - _TWO_FACTOR_ROLE_NAMES:
    raise ImproperlyConfigured(
        f"WERKPAD_2FA_ROLES: unknown role(s) {sorted(set(TWO_FACTOR_ROLES) - _TWO_FACTOR_ROLE_NAMES)}"
    )
# django-otp: the issuer shown in the authenticator app; a doubling delay after a wrong code.
OTP_TOTP_ISSUER = "Werkpad"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("ti", _("Tigrinya")),
    ("uk", _("Ukrainian")),
]
# Django 5.2 knows no Tigrinya: its language information is added here, its texts (Django's own
# month names, form errors, pagination included) come from Werkpad's catalogue in locale/ti.
EXTRA_LANG_INFO = {
    "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
}
_django_locale.LANG_INFO.update(EXTRA_LANG_INFO)
# Translation status per language (docs/languages.md; the portal's footer says when a translation
# still needs review by a native speaker).
LANGUAGE_STATUS = {
    "nl": "complete",
    "en": "complete",
    "ar": "complete",
    "fa": "needs_review",
    "ti": "needs_review",
    "uk": "needs_review",
}
# Dates and numbers in the reader's language, one date style (see werkpad/formats).
FORMAT_MODULE_PATH = ["werkpad.formats"]
# Languages the professional interface offers; the newcomer portal offers all of LANGUAGES.
PROFESSIONAL_LANGUAGES = ["nl", "en"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(
    env("WERKPAD_STATIC_ROOT", str(Path.cwd() / "staticfiles"), "Where collectstatic puts files.")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Files served at the site root (browsers ask for /favicon.ico on pages without an icon link,
# such as the admin and the API docs).
WHITENOISE_ROOT = BASE_DIR / "static_root"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Evidence documents (a contract, a payslip): stored outside static and media serving, read only
# through the access layer of the file they belong to (``koppeling.access``).
WERKPAD_PRIVATE_FILES = Path(
    env(
        "WERKPAD_PRIVATE_FILES",
        str(Path.cwd() / "private-files"),
        "Folder for uploaded evidence documents. Never served directly; back it up with the database.",
    )
)
WERKPAD_KOPPELING_TIME_LIMIT = env_int(
    "WERKPAD_KOPPELING_TIME_LIMIT",
    120,
    "Seconds a koppeling run may take to solve (its bound and gap are reported either way).",
)
WERKPAD_EVIDENCE_MAX_BYTES = env_int(
    "WERKPAD_EVIDENCE_MAX_BYTES", 5 * 1024 * 1024, "Largest evidence document accepted, in bytes."
)

WERKPAD_RULES_FILE = env(
    "WERKPAD_RULES_FILE",
    "",
    "Optional TOML file with rule parameters that add to or override the built-in ones. In demo mode without one, the demo's file (values labelled 'demo value').",
) or (str(BASE_DIR / "demo" / "rules-demo.toml") if DEMO_MODE else None)
# --- background tasks (django-tasks, the backport of Django 6's django.tasks) -----------------------
# "database": tasks wait in the database (django-tasks-db) until `werkpad worker` runs them (production;
# README "Background tasks"). "immediate": run at once in the request (demo and tests).
TASKS_BACKEND = env(
    "WERKPAD_TASKS_BACKEND",
    "immediate" if (DEMO_MODE or os.environ.get("WERKPAD_TESTING")) else "database",
    "Background tasks: 'database' (queued, run by `werkpad worker`) or 'immediate' (run at once; demo).",
)
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured("WERKPAD_TASKS_BACKEND must be 'database' or 'immediate'")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}

# The coach's attention list ("a coach's day"): callables (user, today) -> iterable of
# werkpad.attention.AttentionItem. Other parts of Werkpad add their own sources here.
WERKPAD_ATTENTION_SOURCES = [
    "werkpad.pathway.attention.steps_due",
    "werkpad.pathway.attention.herijking_due",
    "werkpad.pathway.attention.documents_expiring",
    "werkpad.pathway.attention.bsn_overdue",
    "werkpad.pathway.attention.twv_overdue",
    "werkpad.pathway.attention.handovers_waiting",
    "werkpad.pathway.attention.aftercare_due",
    "werkpad.pathway.attention.follow_ups_due",
    "werkpad.portal.attention.unread_messages",
    "werkpad.surveys.attention.surveys_due",
]
# Days ahead an expiring W-document or certificate appears on the attention list.
WERKPAD_ATTENTION_DAYS = env_int(
    "WERKPAD_ATTENTION_DAYS",
    30,
    "Days ahead that expiring W-documents and certificates appear on a coach's attention list.",
)
EMAIL_HOST = env("WERKPAD_EMAIL_HOST", "localhost", "SMTP server for e-mail (the daily digest).")
EMAIL_PORT = env_int("WERKPAD_EMAIL_PORT", 25, "SMTP port.")
DEFAULT_FROM_EMAIL = env("WERKPAD_EMAIL_FROM", "werkpad@localhost", "Sender address of e-mail.")
if DEMO_MODE:
    # The demo sends nothing: e-mail is printed on the console.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WERKPAD_SITE_URL = env(
    "WERKPAD_SITE_URL",
    "http://127.0.0.1:8000",
    "The address of Werkpad as users reach it; links in e-mails and the calendar feed start with it.",
)

WERKPAD_PAGE_SIZE = env_int("WERKPAD_PAGE_SIZE", 25, "Rows per page on lists such as the caseload.")
WERKPAD_SMALL_CELL = env_int(
    "WERKPAD_SMALL_CELL",
    10,
    "Small-cell threshold of every aggregate page, export and report: counts below it are shown "
    'as "<N", and other cells are hidden where needed so that none can be worked out.',
)
if WERKPAD_SMALL_CELL < 2:
    raise ImproperlyConfigured("WERKPAD_SMALL_CELL must be at least 2")

# Imports of employers and vacancies (CSV/XLSX): hard bounds, so that no file can keep a request
# busy for long or fill the memory, whatever it declares about itself.
IMPORT_MAX_MB = env_int(
    "WERKPAD_IMPORT_MAX_MB",
    20,
    "Largest import file (CSV or XLSX) in megabytes; larger is refused.",
)
IMPORT_MAX_ROWS = env_int(
    "WERKPAD_IMPORT_MAX_ROWS",
    100_000,
    "Most data rows in one import file; a sheet reaching further is refused (split the file).",
)
IMPORT_MAX_COLUMNS = env_int(
    "WERKPAD_IMPORT_MAX_COLUMNS", 50, "Most columns in an import file's header row."
)
IMPORT_MAX_CELL_CHARS = env_int(
    "WERKPAD_IMPORT_MAX_CELL_CHARS",
    10_000,
    "Longest cell of an import file in characters; a longer cell is an error of its row.",
)
for _name, _value in (
    ("WERKPAD_IMPORT_MAX_MB", IMPORT_MAX_MB),
    ("WERKPAD_IMPORT_MAX_ROWS", IMPORT_MAX_ROWS),
    ("WERKPAD_IMPORT_MAX_COLUMNS", IMPORT_MAX_COLUMNS),
    ("WERKPAD_IMPORT_MAX_CELL_CHARS", IMPORT_MAX_CELL_CHARS),
):
    if _value < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1, not {_value}")

LOG_LEVEL = env("WERKPAD_LOG_LEVEL", "INFO", "Log level (DEBUG, INFO, WARNING, ERROR).")
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Request logs would carry query strings (search terms can be names): log only warnings.
    "loggers": {"django.request": {"level": "ERROR"}, "django.server": {"level": "WARNING"}},
}

# --- public guides (/guides/) ---------------------------------------------------------------------
# One cache for what must be shared between server processes (the guides' rate limit). Empty:
# local memory, counted per process. A directory: Django's file cache (shared by the processes of
# one machine). redis://…: Django's Redis cache (install the redis package). The database cache is
# not offered: the public guides write nothing to the database.
CACHE_LOCATION = env(
    "WERKPAD_CACHE_LOCATION",
    "",
    "Shared cache for the public guides' rate limit: empty (per process), a directory, or redis://…",
)
if CACHE_LOCATION.startswith(("redis://", "rediss://")):
    _cache: dict[str, Any] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_LOCATION,
    }
elif CACHE_LOCATION:
    _cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": CACHE_LOCATION,
    }
else:
    _cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
CACHES = {"default": _cache}
WERKPAD_GUIDES_CACHE = "default"
WERKPAD_GUIDES_RATE = env(
    "WERKPAD_GUIDES_RATE",
    "30/60",
    "Answers of the public guides per client address: N/SECONDS (e.g. 30/60).",
)
if not re.fullmatch(r"[1-9][0-9]*/[1-9][0-9]*", WERKPAD_GUIDES_RATE):
    raise ImproperlyConfigured(
        f"WERKPAD_GUIDES_RATE must be N/SECONDS (e.g. 30/60), not {WERKPAD_GUIDES_RATE!r}"
    )
WERKPAD_GUIDES_MAX_AGE = env_int(
    "WERKPAD_GUIDES_MAX_AGE",
    600,
    "Seconds a browser or proxy may cache the public guides' question pages (not the answers).",
)
