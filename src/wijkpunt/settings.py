"""Wijkpunt settings: one file, configured through environment variables.

Every variable is documented in README.md ("Run it for real"). Secrets may also be read from
a file: ``WIJKPUNT_SECRET_KEY_FILE=/run/secrets/key`` instead of ``WIJKPUNT_SECRET_KEY=...``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Literal

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("WIJKPUNT_VAR_DIR", PROJECT_DIR / "var"))


def env(name: str, default: str = "") -> str:
    """A string from the environment, or from the file named by NAME_FILE."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def envbool(name: str, default: bool = False) -> bool:
    value = env(name, "")
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = env(name, "")
    return int(value) if value else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = envbool("WIJKPUNT_DEBUG", False)
# Demo mode: the login page lists the demo accounts and e-mails go to the demo outbox.
DEMO_MODE = envbool("WIJKPUNT_DEMO", False)
TESTING = envbool("WIJKPUNT_TESTING", "pytest" in sys.modules)

# Published in this file, so anyone can sign sessions with it: refused by ``check --deploy``
# and at start-up outside demo, debug and test runs (wijkpunt.core.deploy).
INSECURE_SECRET_KEY = "insecure-local-development-key-not-for-production-use-0123456789"
SECRET_KEY = env("WIJKPUNT_SECRET_KEY")
# mypy's Django plugin imports these settings to learn their names and types; it serves
# nothing, so it needs no key.
TYPE_CHECKING_RUN = "mypy_django_plugin" in sys.modules
if not SECRET_KEY:
    if not (DEBUG or DEMO_MODE or TESTING or TYPE_CHECKING_RUN):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "Set WIJKPUNT_SECRET_KEY (or WIJKPUNT_SECRET_KEY_FILE) outside demo and debug mode."
        )
    SECRET_KEY = INSECURE_SECRET_KEY

# Old secret keys, comma-separated, while rotating: what they signed keeps working.
SECRET_KEY_FALLBACKS = envlist("WIJKPUNT_SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = envlist("WIJKPUNT_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("WIJKPUNT_CSRF_TRUSTED_ORIGINS")
SITE_URL = env("WIJKPUNT_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "wijkpunt.core",
    "wijkpunt.accounts",
    "wijkpunt.audit",
    "wijkpunt.partners",
    "wijkpunt.housing",
    "wijkpunt.portal",
    "wijkpunt.workspace",
    "wijkpunt.signalling",
    "wijkpunt.intake",
    "wijkpunt.inbox",
    "wijkpunt.api",
    "wijkpunt.open311",
    "wijkpunt.triage",
    "wijkpunt.outreach",
    "wijkpunt.surveys",
    "wijkpunt.followup",
    # The sociale kaart before the household files: the demo's referrals point at its services.
    "wijkpunt.directory",
    "wijkpunt.households",
    "wijkpunt.demo",
    "wijkpunt.accounts.admin_site.WijkpuntAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "wijkpunt.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "wijkpunt.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wijkpunt.accounts.middleware.StaffSecondFactorMiddleware",
]

ROOT_URLCONF = "wijkpunt.urls"
WSGI_APPLICATION = "wijkpunt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wijkpunt.core.context_processors.wijkpunt",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------
# SQLite under var/ by default; PostgreSQL in production through DATABASE_URL.
DEFAULT_SQLITE = f"sqlite:///{VAR_DIR / 'wijkpunt.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", DEFAULT_SQLITE),
        conn_max_age=envint("WIJKPUNT_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web process and the worker read and write side by side.
        "init_command": (
            "PRAGMA journal_mode=WAL; "
            # FULL: an acknowledged signal survives a power cut too, not only a crash.
            f"PRAGMA synchronous={env('WIJKPUNT_SQLITE_SYNCHRONOUS', 'FULL')}; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        # A database cache is shared by the web processes and the worker, so login rate
        # limits (lockout) hold across processes without another service.
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "wijkpunt_cache",
    }
}

# --- Background tasks ------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if envbool("WIJKPUNT_TASKS_IMMEDIATE", TESTING)
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default", "imports", "letters"],
    }
}
WORKER_HEARTBEAT_MAX_AGE = envint("WIJKPUNT_WORKER_HEARTBEAT_MAX_AGE", 120)
# Each worker beats this often; a RUNNING task is leased to its worker while that worker's beat
# is younger than the lease, then any live worker puts it back in the queue; a task claimed
# this many times without finishing is marked failed (docs/durability.md).
WORKER_HEARTBEAT_SECONDS = envint("WIJKPUNT_WORKER_HEARTBEAT_SECONDS", 15)
TASK_LEASE_SECONDS = envint("WIJKPUNT_TASK_LEASE_SECONDS", 60)
TASK_MAX_ATTEMPTS = envint("WIJKPUNT_TASK_MAX_ATTEMPTS", 10)

# --- Authentication --------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "wijkpunt.accounts.backends.AdministratorRoleBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "wijkpunt.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
# Lockout: five failed log-ins for one account within 15 minutes block that account for the
# rest of the window; 20 per minute block the address they come from.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/m/ip,5/15m/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("WIJKPUNT_TOTP_ISSUER", "Wijkpunt")
MFA_ADAPTER = "wijkpunt.accounts.mfa.MFAAdapter"
# Staff must use a second factor; set to false only for a local trial.
STAFF_REQUIRE_MFA = envbool("WIJKPUNT_STAFF_REQUIRE_MFA", True)
LOGIN_LINK_MAX_AGE = envint("WIJKPUNT_LOGIN_LINK_MAX_AGE", 15 * 60)
# Second-factor secrets and recovery codes are encrypted in the database with a key derived
# from this value, or from the secret key when it is empty. Secrets encrypted under the secret
# key (or one in SECRET_KEY_FALLBACKS) keep working after setting it; see docs/deploy.md.
MFA_ENCRYPTION_KEY = env("WIJKPUNT_MFA_KEY")

# --- Reverse proxy ---------------------------------------------------------------------------
# Which client address to believe (audit log, lockout, rate limits); see docs/deploy.md.
# Without either setting, X-Forwarded-For is ignored: anyone can send it.
WIJKPUNT_TRUSTED_PROXY_COUNT = envint("WIJKPUNT_TRUSTED_PROXY_COUNT", 0)
WIJKPUNT_TRUSTED_CLIENT_IP_HEADER = env("WIJKPUNT_TRUSTED_CLIENT_IP_HEADER")
ALLAUTH_TRUSTED_PROXY_COUNT = WIJKPUNT_TRUSTED_PROXY_COUNT
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = WIJKPUNT_TRUSTED_CLIENT_IP_HEADER or None

# --- Behaviour of the signal workflow (each read as settings.NAME, never with a default) ----
# Working hours for deadlines ("within 2 working days"), Belgian holidays excluded.
WORKING_HOURS = ("08:30", "17:00")
# How often the worker looks for signals past their deadline, in seconds.
SIGNAL_DEADLINE_CHECK_SECONDS = 300
# Open311: at most this many reports per API key per minute.
OPEN311_RATE_LIMIT = 60
# The public QR form: (reports, seconds) per client address and per poster.
INTAKE_PUBLIC_LIMIT_IP = (5, 10 * 60)
INTAKE_PUBLIC_LIMIT_POINT = (30, 60 * 60)
# Below this confidence the triage suggestion is left for a person to choose.
TRIAGE_MIN_CONFIDENCE = 0.4

# --- Former residents ---------------------------------------------------------------------
# After a household's tenancy ends, only the letting service of that estate still sees it, for
# this many days after the end date (final rent account, deposit, handover); then nobody does.
FORMER_TENANT_DAYS = envint("WIJKPUNT_FORMER_TENANT_DAYS", 365)
# A partner keeps a household's file open for this many days after the signal it handled
# closed (households/access.py).
FILE_REASON_GRACE_DAYS = envint("WIJKPUNT_FILE_REASON_GRACE_DAYS", 30)
# The receiving partner keeps a referral (and the household's file) this many days after it
# closed; a referral without an answer after this many days reminds its sender.
REFERRAL_ACCESS_DAYS = envint("WIJKPUNT_REFERRAL_ACCESS_DAYS", 30)
REFERRAL_ANSWER_DAYS = envint("WIJKPUNT_REFERRAL_ANSWER_DAYS", 5)

# --- Security --------------------------------------------------------------------------------
SECURE_HSTS_SECONDS = envint("WIJKPUNT_HSTS_SECONDS", 0 if (DEBUG or DEMO_MODE) else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = envbool("WIJKPUNT_HSTS_PRELOAD", not (DEBUG or DEMO_MODE))
SECURE_SSL_REDIRECT = envbool("WIJKPUNT_SSL_REDIRECT", not (DEBUG or DEMO_MODE or TESTING))
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("WIJKPUNT_BEHIND_PROXY", False) else None
)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = envbool("WIJKPUNT_SECURE_COOKIES", not (DEBUG or DEMO_MODE or TESTING))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = envint("WIJKPUNT_SESSION_AGE", 12 * 3600)
CSRF_COOKIE_HTTPONLY = True
# A refused form (CSRF) gets a page in Wijkpunt's layout and the reader's language.
CSRF_FAILURE_VIEW = "wijkpunt.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Map tiles for the signal map (Leaflet). The page keeps working when tiles cannot load.
MAP_TILE_URL = env("WIJKPUNT_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env("WIJKPUNT_MAP_TILE_ATTRIBUTION", "© OpenStreetMap")
_tile_origin = "/".join(MAP_TILE_URL.split("/")[:3]) if MAP_TILE_URL.startswith("http") else ""
CONTENT_SECURITY_POLICY = env(
    "WIJKPUNT_CSP",
    f"default-src 'self'; img-src 'self' data: blob: {_tile_origin}; style-src 'self'; "
    "script-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'",
)
PERMISSIONS_POLICY = "camera=(self), geolocation=(self), microphone=(), payment=(), usb=()"

# --- Internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", "Nederlands"), ("fr", "Français"), ("en", "English")]
LOCALE_PATHS: list = []
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "wijkpunt_language"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE: Literal["Lax", "Strict", "None"] = "Lax"

# --- Static and uploaded files ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if (DEBUG or TESTING)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded files (signal photos, import files) go to S3-compatible object storage when a
# bucket is configured (pip install "wijkpunt[s3]"); see docs/storage.md.
if env("WIJKPUNT_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("WIJKPUNT_S3_BUCKET"),
            "endpoint_url": env("WIJKPUNT_S3_ENDPOINT_URL") or None,
            "region_name": env("WIJKPUNT_S3_REGION") or None,
            "access_key": env("WIJKPUNT_S3_ACCESS_KEY_ID"),
            "secret_key": env("WIJKPUNT_S3_SECRET_ACCESS_KEY"),
            "location": env("WIJKPUNT_S3_PREFIX"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "signature_version": "s3v4",
            "addressing_style": "path",
        },
    }
SIGNAL_ATTACHMENT_MAX_BYTES = envint("WIJKPUNT_SIGNAL_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
WHITENOISE_USE_FINDERS = DEBUG or TESTING or DEMO_MODE
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_BYTES = envint("WIJKPUNT_IMPORT_MAX_BYTES", 50 * 1024 * 1024)
# Imports with more rows than this run as a background task with a progress bar.
IMPORT_BACKGROUND_ROWS = envint("WIJKPUNT_IMPORT_BACKGROUND_ROWS", 2000)
# The short address on a QR poster (/m/K7P3Q): after this many unknown codes from one address
# within the period (seconds), that address waits (429), so codes cannot be tried one by one.
INTAKE_SHORT_CODE_MISSES = (
    envint("WIJKPUNT_SHORT_CODE_MISSES", 20),
    envint("WIJKPUNT_SHORT_CODE_MISSES_SECONDS", 10 * 60),
)
# Survey waves: the smallest group whose figures are shown, for a new wave (never below 5).
SURVEY_MIN_GROUP_SIZE = max(5, envint("WIJKPUNT_SURVEY_MIN_GROUP_SIZE", 5))

# Printed letters (docs/letters.md): the PDFs hold codes and addresses, so they are removed
# this many days after they were made. Fonts: TrueType files for scripts beyond Helvetica's.
LETTER_RETENTION_DAYS = envint("WIJKPUNT_LETTER_RETENTION_DAYS", 30)
LETTER_FONT = env("WIJKPUNT_LETTER_FONT")
LETTER_FONT_BOLD = env("WIJKPUNT_LETTER_FONT_BOLD")

# --- E-mail ----------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env("WIJKPUNT_FROM_EMAIL", "Wijkpunt <no-reply@wijkpunt.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if DEMO_MODE or TESTING:
    # In demo mode e-mails never leave the machine: they are kept in the demo outbox page.
    EMAIL_BACKEND = "wijkpunt.core.mail.OutboxBackend"
else:
    EMAIL_BACKEND = env("WIJKPUNT_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("WIJKPUNT_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("WIJKPUNT_EMAIL_PORT", 25)
EMAIL_HOST_USER = env("WIJKPUNT_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("WIJKPUNT_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("WIJKPUNT_EMAIL_USE_TLS", False)

# --- API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "wijkpunt.api.params.Pagination",
    "PAGE_SIZE": 50,  # at most 200: wijkpunt.api.params.MAX_PAGE_SIZE
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wijkpunt API",
    "VERSION": "1",
    # One name per choice set that several fields share (the sociale kaart's HSDS fields).
    "ENUM_NAME_OVERRIDES": {
        "HsdsLocationTypeEnum": "wijkpunt.directory.models.LocationType.values",
        "HsdsServiceStatusEnum": "wijkpunt.directory.models.ServiceStatus.values",
    },
}

# --- Logging ---------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("WIJKPUNT_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
FORM_RENDERER = "wijkpunt.core.forms.WijkpuntFormRenderer"
