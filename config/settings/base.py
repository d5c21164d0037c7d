from datetime import timedelta

from django.conf import global_settings
from django.core.exceptions import ImproperlyConfigured

from .environment import BASE_DIR, DJANGO_ENV, IS_PRODUCTION, env  # noqa: F401 - re-exported settings

DEVELOPMENT_SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
if IS_PRODUCTION and (SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("Production needs SECRET_KEY: a random string of at least 50 characters.")

DEBUG = env.bool("DEBUG", default=not IS_PRODUCTION)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if IS_PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_prometheus",
    "channels",
    "nexus.core",
    "nexus.accounts",
    "nexus.taxonomy",
    "nexus.companies",
    "nexus.jobs",
    "nexus.applications",
    "nexus.notifications",
    "nexus.search",
]

MIDDLEWARE = [
    "nexus.core.cache_hits.SharedCacheHitMiddleware",
    "nexus.core.malformed.MalformedRequestMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "nexus.core.request_id.RequestIdMiddleware",
    "nexus.core.metrics.QueryCountMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: DATABASE_URL, e.g. postgres://user:pass@host:5432/name, or through a Unix socket
# postgres://user@/name?host=/path/to/dir (as the embedded server is reached).
DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/nexus")}
# Under ASGI each request may run on another thread, so persistent per-thread connections are not
# reused; a psycopg connection pool per process is (DATABASE_POOL_MAX_SIZE connections at most).
DATABASE_POOL = env.bool("DATABASE_POOL", default=True)
if DATABASE_POOL:
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=2),
        "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=10),
        "timeout": env.int("DATABASE_POOL_TIMEOUT", default=10),
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The asyncio connections per process of answers computed in front of Django's stack (autocomplete).
DATABASE_FRONT_POOL_MAX_SIZE = env.int("DATABASE_FRONT_POOL_MAX_SIZE", default=4)
# PostgreSQL compiles a statement's expressions to machine code (JIT) when the plan's estimated cost is
# high. For this application's statements (searches over a million documents above all) the compiling
# costs more than it saves, up to seconds on one statement: off in its sessions unless DATABASE_JIT.
# Parallel workers speed up one big statement on an idle server; under concurrent requests they compete
# with the other requests for the same cores and add start-up costs: off unless DATABASE_PARALLEL_WORKERS.
_session: dict[str, object] = {"max_parallel_workers_per_gather": env.int("DATABASE_PARALLEL_WORKERS", default=0)}
if not env.bool("DATABASE_JIT", default=False):
    _session["jit"] = "off"
_options = DATABASES["default"].setdefault("OPTIONS", {})
_options["options"] = " ".join(
    [_options.get("options", ""), *(f"-c {name}={value}" for name, value in _session.items())]
).strip()
DATABASES["default"].setdefault("TEST", {})["NAME"] = env.str("DATABASE_TEST_NAME", default="test_nexus")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else in-process memory.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="nexus"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 2,
                "SOCKET_TIMEOUT": 2,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "nexus"}}

# Broker: only checked by the health endpoint until background workers exist.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")

# Salaries are compared as yearly amounts in BASE_CURRENCY (nexus/jobs/salary.py). EXCHANGE_RATES: JSON object of
# currency code -> units of that currency per 1 BASE_CURRENCY, as exchange-rate APIs publish them.
BASE_CURRENCY = env.str("BASE_CURRENCY", default="USD")
EXCHANGE_RATES = env.json(
    "EXCHANGE_RATES",
    default={
        "USD": 1,
        "EUR": 0.87,
        "GBP": 0.75,
        "CAD": 1.37,
        "AUD": 1.52,
        "CHF": 0.80,
        "SEK": 9.6,
        "NOK": 10.2,
        "DKK": 6.5,
        "PLN": 3.7,
        "JPY": 147,
        "CNY": 7.2,
        "INR": 86,
        "SGD": 1.29,
        "AED": 3.67,
        "BRL": 5.5,
        "MXN": 18.8,
        "ZAR": 17.8,
        "NGN": 1530,
        "KES": 129,
        "ETB": 138,
        "EGP": 48.5,
        "GHS": 10.5,
    },
)

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = env.list(
    "PASSWORD_HASHERS",
    default=[
        "nexus.accounts.hashers.Argon2idPasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ],
)
# Argon2id cost (nexus/accounts/hashers.py): OWASP's recommended minimum for interactive logins by default.
ARGON2_MEMORY_KIB = env.int("ARGON2_MEMORY_KIB", default=19456)
ARGON2_TIME_COST = env.int("ARGON2_TIME_COST", default=2)
ARGON2_PARALLELISM = env.int("ARGON2_PARALLELISM", default=1)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# One-time tokens of password reset and email verification expire after this many seconds.
PASSWORD_RESET_TIMEOUT = env.int("AUTH_EMAIL_TOKEN_TTL_SECONDS", default=60 * 60 * 24)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / ".data" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if IS_PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
    # Resumes and other private documents: never under MEDIA_ROOT (which development serves publicly), only
    # read back through the authorised download endpoint. Any Django storage backend fits, e.g. S3 with
    # DOCUMENTS_STORAGE_BACKEND=storages.backends.s3.S3Storage and its options as JSON.
    "documents": {
        "BACKEND": env.str("DOCUMENTS_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env.json(
            "DOCUMENTS_STORAGE_OPTIONS",
            default={"location": str(env.path("DOCUMENTS_ROOT", default=str(BASE_DIR / ".data" / "documents")))},
        ),
    },
}

# Email: console in development, SMTP when EMAIL_URL is set (smtp://user:pass@host:587, smtp+tls://...).
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Nexus Jobs <no-reply@nexus-jobs.local>")
# Links in emails (password reset, email verification) point at the front end.
FRONTEND_URL = env.str("FRONTEND_URL", default="http://localhost:3000").rstrip("/")

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(seconds=env.int("JWT_ACCESS_TOKEN_LIFETIME_SECONDS", default=60 * 60)),
    "REFRESH_TOKEN_LIFETIME": timedelta(
        seconds=env.int("JWT_REFRESH_TOKEN_LIFETIME_SECONDS", default=7 * 24 * 60 * 60)
    ),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "SIGNING_KEY": env.str("JWT_SIGNING_KEY", default=SECRET_KEY),
    "AUTH_HEADER_TYPES": ("Bearer",),
}

# Moderation: hold companies (and jobs) of employers with an unverified email for an admin's decision.
# Longest time a cached public job list is served (it is dropped at once when a job changes).
JOB_LIST_CACHE_SECONDS = env.int("JOB_LIST_CACHE_SECONDS", default=300)
# Taxonomy answers stay in the shared cache this long (any taxonomy write drops them at once).
TAXONOMY_CACHE_SECONDS = env.int("TAXONOMY_CACHE_SECONDS", default=3600)
# JSON request bodies up to this size (bytes), as form bodies up to DATA_UPLOAD_MAX_MEMORY_SIZE (nexus/core/parsers.py).
JSON_BODY_MAX_BYTES = env.int("JSON_BODY_MAX_BYTES", default=global_settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
# Bulk job imports: at most JOB_IMPORT_MAX_ROWS rows; more than JOB_IMPORT_SYNC_MAX_ROWS run in the background; a
# JSON body or CSV file of at most JOB_IMPORT_MAX_BYTES.
JOB_IMPORT_MAX_ROWS = env.int("JOB_IMPORT_MAX_ROWS", default=20000)
JOB_IMPORT_SYNC_MAX_ROWS = env.int("JOB_IMPORT_SYNC_MAX_ROWS", default=200)
JOB_IMPORT_MAX_BYTES = env.int("JOB_IMPORT_MAX_BYTES", default=25 * 1024 * 1024)
# Feeds up to this size are kept in the shared cache after they are streamed, and board answers (the Greenhouse-shaped
# API) once built; larger ones are built each time.
FEED_CACHE_MAX_BYTES = env.int("FEED_CACHE_MAX_BYTES", default=16 * 1024 * 1024)
MODERATION_HOLD_UNVERIFIED = env.bool("MODERATION_HOLD_UNVERIFIED", default=False)
# Domains (and their subdomains) refused for registration emails and company websites; comma-separated.
BLOCKED_DOMAINS = env.list("BLOCKED_DOMAINS", default=[])
# Company logos: largest accepted upload in bytes (PNG, JPEG or WEBP, at most 4096x4096 pixels).
COMPANY_LOGO_MAX_BYTES = env.int("COMPANY_LOGO_MAX_BYTES", default=2 * 1024 * 1024)
# Resume documents: largest accepted upload in bytes (PDF or DOCX, decided by content).
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=5 * 1024 * 1024)

# Static files (the admin, Swagger UI and ReDoc) are served by WhiteNoise; in development straight from the apps.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Search (nexus/search, docs/search.md): how many of the newest matching jobs are ranked, how strongly
# recency and featuring count, radius defaults for `near=`.
SEARCH_CANDIDATES = env.int("SEARCH_CANDIDATES", default=300)
# A board listing at most this many jobs (by the planner's statistics) ranks and counts every match of a search.
SEARCH_EVERY_MATCH_UP_TO = env.int("SEARCH_EVERY_MATCH_UP_TO", default=2000)
SEARCH_RECENCY_DAYS = env.float("SEARCH_RECENCY_DAYS", default=60.0)
SEARCH_FEATURED_BOOST = env.float("SEARCH_FEATURED_BOOST", default=1.0)
SEARCH_TITLE_BOOST = env.float("SEARCH_TITLE_BOOST", default=2.0)
SEARCH_SKILLS_BOOST = env.float("SEARCH_SKILLS_BOOST", default=1.0)
SEARCH_EXACT_TITLE_BOOST = env.float("SEARCH_EXACT_TITLE_BOOST", default=1.0)
SEARCH_PLACE_BOOST = env.float("SEARCH_PLACE_BOOST", default=1.0)
SEARCH_COMPANY_BOOST = env.float("SEARCH_COMPANY_BOOST", default=2.0)
SEARCH_PLACE_ELSEWHERE_PENALTY = env.float("SEARCH_PLACE_ELSEWHERE_PENALTY", default=5.0)
SEARCH_DEFAULT_RADIUS_KM = env.float("SEARCH_DEFAULT_RADIUS_KM", default=50.0)
# How long a query's analysis and its plan choice are kept between requests (nexus/search/memo.py).
SEARCH_MEMO_SECONDS = env.int("SEARCH_MEMO_SECONDS", default=300)
