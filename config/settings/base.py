"""Settings, read from the environment.

Every value that differs between a laptop, CI and a server comes from an
environment variable (or a `.env` file beside manage.py). The defaults give a
zero set-up site: SQLite, local-memory cache, tasks run in-process.
Production is DEBUG off with real secrets (SECRET_KEY, CODE_SECRET,
BALLOT_SECRET) and ALLOWED_HOSTS: deploy/README.md, and .env.example for
every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _
from django_guid.integrations import CeleryIntegration

from core.icons import ICON_NAMES
from core.icons import PREFIX as ICON_PREFIX

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Only a development or test run may fall back to a known key.
SECRET_KEY = env.str("SECRET_KEY", default="") or (
    "insecure-development-key-do-not-use-in-production" if DEBUG else ""
)
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for a development run).")
# Keys SECRET_KEY replaced: sessions and signed links made with them still
# check while they are listed (see deploy/README.md, "Rotating keys").
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "core",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_ratelimit",
    "axes",
    "csp",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_guid",
    "access",
    "communities",
    "workshops",
    "agendas",
    "proposals",
    "tallies",
    "booklets",
    "residents",
    "voting",
    "simple_history",
    "items",
    "history",
    "editing",
    "privacy",
    "synthesis",
    "comparison",
    "opendata",
    "api",
    "publication",
    "pages",
    "people",
    "administration",
    "operations",
    "workspace",
    "demo",
]

MIDDLEWARE = [
    # First, so that every response, even a redirect, carries its request id.
    "config.request_ids.IgnoreUntrustedRequestId",
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each change that django-simple-history keeps.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: answers a locked-out sign-in with its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # Whether background workers are taking jobs, for the pages
                # of waiting jobs (the booklet's, the sheet of codes').
                "operations.context_processors.background_workers",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Reuse connections across requests (a new PostgreSQL connection per request
# costs more than most pages). Writes take their transactions in the service
# functions that make them, so read-only pages pay no BEGIN/COMMIT.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers at once (two people redeeming one code, many voting):
    # each transaction takes the write lock when it begins and others wait
    # for it, rather than failing with "database is locked" midway.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 30}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "communities.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses every sign-in of an account or address that is locked out.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Languages: Spanish (Mexico) first, the language of the neighbourhoods.
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Mexico's numbers and dates for "es" (Django's own "es" writes them as Spain does).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "America/Mexico_City"
# Every text is stored once per language above, the first being the default.
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
# Fallback is shown explicitly by the templates (see core.templatetags.bilingual);
# the library's silent fallback is switched off so a missing text stays visible.
MODELTRANSLATION_FALLBACK_LANGUAGES = ()
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# --- Static files -------------------------------------------------------------------
# Only the files the pages use are collected (config.static_finders): the
# project's own (static/), the few files of npm packages named below, and the
# apps' own but for the unused ones named below. A page that starts to link a
# new vendor file names it here (tests/config/test_static_files.py fails until then).
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "config.static_finders.VendorFilesFinder",
    "config.static_finders.UsedAppFilesFinder",
]
_NODE = BASE_DIR / "node_modules"
STATIC_VENDOR_FILES = [
    # The stylesheet the base template links, and the source map it names
    # (the manifest storage refuses a reference to a missing file).
    (
        "vendor/bootstrap",
        _NODE / "bootstrap" / "dist" / "css",
        ["bootstrap.min.css", "bootstrap.min.css.map"],
    ),
    ("vendor/htmx", _NODE / "htmx.org" / "dist", ["htmx.min.js"]),
    # Source Sans 3 (SIL Open Font License), embedded in the printed booklets:
    # the four faces static/css/booklet.css declares.
    (
        "vendor/fonts",
        _NODE / "@fontsource" / "source-sans-3" / "files",
        [
            f"source-sans-3-latin-{face}.woff"
            for face in ("400-normal", "400-italic", "700-normal", "700-italic")
        ],
    ),
    # Lucide's icons (ISC licence) that dimensions and the agenda's blocks are
    # drawn with (core.icons), written inline into pages and booklets.
    (ICON_PREFIX, _NODE / "lucide-static" / "icons", [f"{name}.svg" for name in ICON_NAMES]),
]
STATIC_UNUSED_APP_FILES = [
    # The browsable API is off (JSON only): its pages and their files are never served.
    "rest_framework/*",
    # The interactive API page is Swagger UI: not Redoc, nor Swagger's OAuth2 redirect page.
    "drf_spectacular_sidecar/redoc/*",
    "drf_spectacular_sidecar/swagger-ui-dist/oauth2-redirect.*",
    # The admin's date and autocomplete widgets speak the site's languages
    # (es, en) only; no map widget is used.
    "admin/js/vendor/select2/i18n/[!e]*",
    "admin/js/vendor/select2/i18n/e[!ns]*",
    "admin/img/gis/*",
    # No script names its source map, and licences are not pages' files.
    "*.js.map",
    "*LICENSE*",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# Redis, when present, is the cache and the Celery broker; without it the site
# still runs on one machine with a local cache and in-process tasks.
REDIS_URL = env.str("REDIS_URL", default="")
# A Redis outage does not take pages down (core.cache): while Redis cannot be
# reached, reads are misses and writes are skipped, and pages are built
# without the cache.
#   CACHE_CONNECT_TIMEOUT (seconds, default 0.5): how long to wait for Redis to
#     accept a connection before taking it as down.
#   CACHE_READ_TIMEOUT (seconds, default 1): how long to wait for Redis to
#     answer a command before taking it as down (a hanging Redis).
#   CACHE_RETRY_AFTER (seconds, default 5): after Redis was found down, how long
#     to leave it alone before trying again, so a page pays one timeout at most.
CACHE_CONNECT_TIMEOUT = env.float("CACHE_CONNECT_TIMEOUT", default=0.5)
CACHE_READ_TIMEOUT = env.float("CACHE_READ_TIMEOUT", default=1.0)
CACHE_RETRY_AFTER = env.float("CACHE_RETRY_AFTER", default=5.0)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="hsa"),
        },
        # Wrong attempts at codes (django-ratelimit), in the same Redis;
        # counted in each process's memory while Redis is away (core.cache).
        "attempts": {
            "BACKEND": "core.cache.AttemptsCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="hsa"),
        },
    }
    RATELIMIT_USE_CACHE = "attempts"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # One process only, as for the page cache: its own memory is shared enough
    # for counting attempts at participant codes.
    _LOCAL_CACHE_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A request that finds the broker down must answer within seconds.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis hands an unacknowledged task to another worker after this long; it
# must exceed the longest render (the booklets' hard time limit below).
BOOKLET_SOFT_TIME_LIMIT = env.int("BOOKLET_SOFT_TIME_LIMIT", default=120)
BOOKLET_HARD_TIME_LIMIT = BOOKLET_SOFT_TIME_LIMIT + 30
# Background workers are said to be silent (readiness fails, the pages of
# waiting jobs say so) when none has taken a job, nor the scheduler's
# heartbeat of every minute, for this many seconds.
WORKER_SILENT_AFTER = env.int("WORKER_SILENT_AFTER", default=180)
# Every this many seconds the scheduler sends the jobs still waiting for a
# worker: asked for while Redis was down, or lost by a Redis that restarted
# empty. A job sent and still queued after JOB_LOST_AFTER seconds (far longer
# than any render waits in a queue) is sent again if Redis no longer holds it.
JOB_SWEEP_SECONDS = env.int("JOB_SWEEP_SECONDS", default=60)
JOB_LOST_AFTER = env.int("JOB_LOST_AFTER", default=600)
# Periodic tasks, run by `celery -A config beat` (one scheduler per site). A
# periodic task that waited longer than its period is dropped: the next one
# does the same work.
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "worker-heartbeat": {
        "task": "operations.tasks.heartbeat",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    "send-waiting-jobs": {
        "task": "operations.tasks.send_waiting_jobs",
        "schedule": float(JOB_SWEEP_SECONDS),
        "options": {"expires": max(JOB_SWEEP_SECONDS - 5, 1)},
    },
}
# The schedule's hours are the site's (TIME_ZONE), not UTC.
CELERY_TIMEZONE = TIME_ZONE
# The clean-up (operations.cleanup says what each kind removes). Sheets of
# codes are looked at every hour, so that none outlives CODE_SHEET_KEEP_HOURS
# by more than an hour; the rest once a night, at a quiet time.
CELERY_BEAT_SCHEDULE |= {
    "clean-up-code-sheets": {
        "task": "operations.cleanup_tasks.clean_up",
        "schedule": crontab(minute=5),
        "kwargs": {"kinds": ["code-sheets"]},
    },
    "clean-up-nightly": {
        "task": "operations.cleanup_tasks.clean_up",
        "schedule": crontab(hour=3, minute=20),
        "kwargs": {
            "kinds": [
                "booklets",
                "sessions",
                "participant-codes",
                "invitations",
                "test-files",
            ]
        },
    },
    "purge-residents-nightly": {
        "task": "privacy.tasks.purge_residents",
        "schedule": crontab(hour=3, minute=40),
    },
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": BOOKLET_HARD_TIME_LIMIT * 4,
    "socket_connect_timeout": 2,
    # A hanging broker (it accepts connections but does not answer) must
    # also let a request go on within seconds: the job waits, undispatched.
    "socket_timeout": 2,
}
# --- Secrets of the stored hashes (core.keyring) --------------------------------
# Participant codes and invitations (CODE_SECRET), voter keys and receipts
# (BALLOT_SECRET) are stored only as hashes keyed with these, which live
# here and never in the database. Each has its own list of the secrets it
# replaced, so that it can be changed without losing a code or a ballot:
# new hashes use the current secret, lookups try the old ones too. Unset
# (development, tests), each is derived from SECRET_KEY (and follows its
# fallbacks); with DEBUG off `check --deploy` asks for both, each unlike
# SECRET_KEY, so that rotating SECRET_KEY touches neither.
CODE_SECRET = env.str("CODE_SECRET", default="")
CODE_SECRET_FALLBACKS = env.list("CODE_SECRET_FALLBACKS", default=[])
BALLOT_SECRET = env.str("BALLOT_SECRET", default="")
BALLOT_SECRET_FALLBACKS = env.list("BALLOT_SECRET_FALLBACKS", default=[])
# Attempts at typing a participant code: per address and per batch of codes,
# counted in the cache (Redis when REDIS_URL is set); the count resets after
# the window, so no one is locked out for good.
REDEEM_RATE_PER_ADDRESS = env.str("REDEEM_RATE_PER_ADDRESS", default="10/10m")
REDEEM_RATE_PER_BATCH = env.str("REDEEM_RATE_PER_BATCH", default="100/10m")
# An invitation to a staff role (people/) works once, within this many days;
# wrong invitation codes are counted per address, as participant codes are.
INVITATION_DAYS = env.int("INVITATION_DAYS", default=7)
INVITATION_RATE_PER_ADDRESS = env.str("INVITATION_RATE_PER_ADDRESS", default="10/10m")
# A password reset link made by an administrator works once, within this
# many seconds (Django's default is three days).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=60 * 60 * 24)
# How many reverse proxies of this site stand in front of it, each adding the
# address it received a request from to X-Forwarded-For (core.addresses).
# 0: none, the header is ignored, as anyone can forge it.
TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=0)
RATELIMIT_IP_META_KEY = "core.addresses.client_address"
# Sign-in (django-axes): after SIGN_IN_FAILURE_LIMIT wrong passwords for one
# account, or SIGN_IN_ADDRESS_FAILURE_LIMIT from one address (higher: a hall
# shares one connection), sign-in is refused there for
# SIGN_IN_LOCKOUT_MINUTES; a right password never counts. An administrator
# unlocks earlier by deleting the attempts in the admin ("Access attempts")
# or with `manage.py axes_reset_username USERNAME` / `axes_reset_ip ADDRESS`.
SIGN_IN_FAILURE_LIMIT = env.int("SIGN_IN_FAILURE_LIMIT", default=5)
SIGN_IN_ADDRESS_FAILURE_LIMIT = env.int("SIGN_IN_ADDRESS_FAILURE_LIMIT", default=20)
SIGN_IN_LOCKOUT_MINUTES = env.int("SIGN_IN_LOCKOUT_MINUTES", default=15)
AXES_HANDLER = "pages.lockout.AccountOrAddressHandler"
AXES_FAILURE_LIMIT = SIGN_IN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=SIGN_IN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "core.addresses.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "pages.lockout.locked_out"
# Keep no record of who signed in from where: only failed attempts, and only
# until they expire.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
# Participant code slips link to the site at this address.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# The publishing body's logo, printed on the cover of every booklet: a static
# file (SVG or PNG) named as under static/, e.g. "img/publisher.svg".
PUBLISHER_LOGO = env.str("PUBLISHER_LOGO", default="")
# Residents are deleted this many days after their neighbourhood's cycle
# closed (its agenda published): `manage.py purge_residents`. The privacy
# notice tells residents the number.
RESIDENT_RETENTION_DAYS = env.int("RESIDENT_RETENTION_DAYS", default=180)
# "Leave this page quickly" takes a person at risk to this neutral page of
# another site (a link they choose to follow: nothing is loaded from it).
QUICK_EXIT_URL = env.str("QUICK_EXIT_URL", default="https://www.google.com.mx/")

# Printed booklets are kept here, outside any public URL: they are served only
# through a view that checks who asks.
BOOKLET_ROOT = Path(env.str("BOOKLET_ROOT", default=str(BASE_DIR / "media" / "booklets")))
# Sheets of participant codes are kept there too (in code-sheets/), for their
# requester only and only this long after they are made: the sheet is the one
# place its codes exist, so it is not kept for good.
CODE_SHEET_KEEP_HOURS = env.int("CODE_SHEET_KEEP_HOURS", default=24)
# Booklet exports (finished or failed) are forgotten this many days after
# they were asked for, and their files with them unless a newer export of the
# same content still points at them: a person who comes back later asks again
# and gets the booklet of the agenda as it is then.
BOOKLET_KEEP_DAYS = env.int("BOOKLET_KEEP_DAYS", default=7)
# Participant codes that no one used are deleted this many days after they
# were withdrawn or expired (they can never let anyone in), and their batch
# once it has no code left. A used code is kept: it names its resident.
PARTICIPANT_CODE_KEEP_DAYS = env.int("PARTICIPANT_CODE_KEEP_DAYS", default=90)
# Staff invitations are deleted this many days after they were used,
# withdrawn or expired; the record of changes to roles keeps what happened.
INVITATION_KEEP_DAYS = env.int("INVITATION_KEEP_DAYS", default=30)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security: nothing is loaded from anywhere but this site, and no inline
# script or style is allowed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
_secure = env.bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
LANGUAGE_COOKIE_SECURE = _secure
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Liveness and readiness answer over plain HTTP too, for a probe or a load
# balancer on the machine: they carry nothing a person sent or may read.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SILENCED_SYSTEM_CHECKS = env.list("SILENCED_SYSTEM_CHECKS", default=[])
if not REDIS_URL:
    SILENCED_SYSTEM_CHECKS += _LOCAL_CACHE_CHECKS
else:
    # django-ratelimit names only third-party Redis caches as supported;
    # Django's own increments with Redis INCR, atomic, which is what it needs.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.W001"]

# --- Logging ----------------------------------------------------------------------
# Every line goes to standard output with its time (UTC), level, logger and the
# id of the request it belongs to (returned to the browser in X-Request-ID).
# LOG_FORMAT: "text" (a readable line) or "json" (one JSON object a line, for a
# log collector). LOG_LEVEL: the least severe level written (DEBUG, INFO,
# WARNING, ERROR). Tokens of invitation and password reset links and query
# strings (participant codes) are masked in every line (config.log_privacy).
LOG_FORMAT = env.str("LOG_FORMAT", default="text").lower()
LOG_LEVEL = env.str("LOG_LEVEL", default="WARNING").upper()
if LOG_FORMAT not in ("text", "json"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("LOG_FORMAT must be text or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {
            "()": "django_guid.log_filters.CorrelationId",
            "correlation_id_field": "request_id",
        }
    },
    "formatters": {
        "text": {"()": "config.log_format.TextFormatter"},
        "json": {"()": "config.log_format.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own handlers (a second, unformatted console line in
        # development; mail to ADMINS) give way to the one above.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # It notes every request's id at INFO: the lines carry it already.
        "django_guid": {"level": "WARNING"},
        # WeasyPrint notes each step of every render at INFO.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
# Request ids (config.request_ids): a UUID, the proxy's when it sent a valid
# one and is trusted (TRUSTED_PROXY_HOPS), carried on to the Celery tasks a
# request starts so that a task's lines carry the same id.
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,
    "UUID_FORMAT": "string",
    "EXPOSE_HEADER": False,
    "INTEGRATIONS": [CeleryIntegration()],
}
# Celery workers write with the same handler and format (config.celery).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Error reports (Sentry) ---------------------------------------------------------
# Off unless SENTRY_DSN is set. Reports carry no personal data
# (config.error_reports): no user, address, cookie, request body, query
# string or token. SENTRY_ENVIRONMENT names the site in the reports
# ("production", "staging"); SENTRY_TRACES_SAMPLE_RATE (0 to 1, default 0)
# is the share of requests also sent as performance traces.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="production")
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)
if SENTRY_DSN:
    from config.error_reports import start_error_reports

    start_error_reports(SENTRY_DSN, SENTRY_ENVIRONMENT, SENTRY_TRACES_SAMPLE_RATE)

# --- API (/api/v1/) --------------------------------------------------------------
# Read-only. Researchers sign in with a token (Authorization: Token …) or their
# session; anonymous use is throttled, counted in the cache (Redis when set).
API_ANON_RATE = env.str("API_ANON_RATE", default="60/min")
API_USER_RATE = env.str("API_USER_RATE", default="600/min")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # JSON only: the browsable renderer's pages carry inline styles (a <style>
    # block, style="" attributes) that the CSP refuses; people read /api/v1/docs/.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttles.AnonymousRateThrottle",
        "api.throttles.SignedInRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_RATE, "user": API_USER_RATE},
    # The throttles count by the client's address as core.addresses reads
    # it; anything else of DRF that reads an address agrees with them.
    "NUM_PROXIES": TRUSTED_PROXY_HOPS,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Researchers' tokens are kept as hashes only (django-rest-knox), sent as
# "Authorization: Token …" and valid until replaced or revoked.
REST_KNOX = {"TOKEN_TTL": None, "AUTH_HEADER_PREFIX": "Token"}
SPECTACULAR_SETTINGS = {
    # The schema is generated in the reader's language (the documentation page,
    # and ?lang= on the schema's address), so what people read is translated.
    "TITLE": _("Human Security Agendas API"),
    "DESCRIPTION": _(
        "Read-only data of the Local Human Security Agendas: cities, neighbourhoods, "
        "security dimensions, workshops and their attendance, issues, proposals and vote "
        "results. Restricted items are returned only to researchers and to the "
        "facilitators of their neighbourhood, and are always marked."
    ),
    # The groups of api.views.GROUP_OF: a tag's name stays the same in every
    # language; x-displayName is the heading people read.
    "TAGS": [
        {
            "name": "places",
            "x-displayName": _("Places"),
            "description": _("The cities and their neighbourhoods."),
        },
        {
            "name": "workshops",
            "x-displayName": _("Workshops and attendance"),
            "description": _(
                "The workshops, how many people of each group took part, and the groups."
            ),
        },
        {
            "name": "agendas",
            "x-displayName": _("Agendas and votes"),
            "description": _(
                "The security dimensions, and the agendas' issues, proposals and vote results."
            ),
        },
    ],
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Without deep links, an operation's path is text, not a link inside the
    # button that opens it (a control within a control, WCAG 4.1.2).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "COMPONENT_SPLIT_REQUEST": True,
}
