"""Django settings for animeblog, read from the environment with safe defaults.

Every variable is documented in the README. With nothing set, the site runs in
development mode on an SQLite file with a local-memory cache. Production sets
DJANGO_DEBUG=0 (the default), DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS,
DATABASE_URL and REDIS_URL.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable into a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production mode (DJANGO_DEBUG off) needs a long "
            "random secret key; set DJANGO_SECRET_KEY, or set DJANGO_DEBUG=1 for development."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin on the site's admin site, which refuses hostile input with a 4xx.
    "animeblog.apps.SiteAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "reversion",
    "csp",
    "axes",
    "images",
    "catalog",
    "reviews",
    "ratings",
    "comments",
    "pages",
    "animeblog",
]

MIDDLEWARE = [
    "core.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.permissions_policy.PermissionsPolicyMiddleware",
    "core.routers.ReplicaReadsMiddleware",
    "core.unavailable.DatabaseUnavailableMiddleware",
    "csp.middleware.CSPMiddleware",
    # Below the headers' middleware, so its 400 page gets them; above all that parses input.
    "core.bad_input.BadInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "animeblog.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "animeblog.urls"
WSGI_APPLICATION = "animeblog.wsgi.application"

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
                "animeblog.context_processors.site",
                "animeblog.csrf.cached_page_csrf",
            ],
        },
    },
]


# Database: DATABASE_URL (e.g. postgres://user@host:5432/name), else an SQLite
# file in the project folder.
def database_config(url: str) -> dict:
    """One database from its URL, with the connection reuse every database here shares."""
    return dj_database_url.parse(
        url,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )


DATABASES = {
    "default": database_config(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
# An optional read replica (README, "Running in production"): anonymous readers' public
# pages read from it, everything else uses the primary (core/routers.py).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = database_config(os.environ["DATABASE_REPLICA_URL"])
DATABASE_ROUTERS = ["core.routers.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every app server), else local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
# A hung Redis must cost a page a fraction of a second, not seconds: every connect and
# read gives up after REDIS_SOCKET_TIMEOUT, and after a failure the process skips Redis
# for REDIS_SKIP_SECONDS before trying again (core/cache_backend.py).
REDIS_SOCKET_TIMEOUT = float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.25"))
REDIS_SKIP_SECONDS = float(os.environ.get("REDIS_SKIP_SECONDS", "5"))
if REDIS_URL:
    CACHES = {
        "default": {
            # RedisCache that answers like an empty cache while Redis is down.
            "BACKEND": "core.cache_backend.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
                "socket_timeout": REDIS_SOCKET_TIMEOUT,
                "skip_seconds": REDIS_SKIP_SECONDS,
            },
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "animeblog"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "animeblog",
        }
    }

# Full-page cache for anonymous readers (README, "Caching"): seconds a page is kept at most
# (0 turns it off), and the query parameters that may vary a cached page.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# How long parts of pages shared between readers (a review's comment list, its Also Check
# picks, the Discussion settings) are kept in the cache; a change retires them sooner.
# Off (0) without Redis: a process's own memory would not hear of other processes' changes.
FRAGMENT_CACHE_SECONDS = int(
    os.environ.get("FRAGMENT_CACHE_SECONDS", "86400" if REDIS_URL else "0")
)
# How long a shared cache in front (deploy/nginx/) may keep an anonymous page
# (Cache-Control s-maxage): the most a change takes to show through it. 0: not at all.
FRONT_CACHE_SECONDS = int(os.environ.get("FRONT_CACHE_SECONDS", "5"))
PAGE_CACHE_QUERY_PARAMETERS = env_list(
    "PAGE_CACHE_QUERY_PARAMETERS", "page,cpage,replytocom,q,genre,language,type,year"
)
# A reader's form posted from a cached page without a token gets a "send again" page.
CSRF_FAILURE_VIEW = "animeblog.csrf.csrf_failure"

# django-axes checks each login attempt first and refuses it while its username and IP
# address are locked out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The site's time zone: publish times are entered and shown in it.
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Kolkata")
USE_I18N = True
USE_TZ = True

SITE_NAME = os.environ.get("SITE_NAME", "Anime Review Blog")
# Absolute base URL for feeds, sitemaps and canonical links, e.g. https://anime.example.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
# What a feed item carries: "excerpt" (the review's excerpt) or "full" (the whole article).
FEED_CONTENT = os.environ.get("FEED_CONTENT", "excerpt")
if FEED_CONTENT not in {"excerpt", "full"}:
    raise ImproperlyConfigured('FEED_CONTENT must be "excerpt" or "full".')

# Reader ratings: votes accepted from one IP address per window (seconds), counted in
# the cache; slows ballot stuffing by clearing cookies.
RATINGS_PER_IP_LIMIT = int(os.environ.get("RATINGS_PER_IP_LIMIT", "30"))
RATINGS_PER_IP_WINDOW = int(os.environ.get("RATINGS_PER_IP_WINDOW", "3600"))

# Comments: posts accepted from one IP address per window (seconds), counted in the cache.
COMMENTS_RATE_LIMIT = int(os.environ.get("COMMENTS_RATE_LIMIT", "5"))
COMMENTS_RATE_WINDOW = int(os.environ.get("COMMENTS_RATE_WINDOW", "600"))

# How many proxies of our own (load balancer, CDN) stand in front of the app and
# append to X-Forwarded-For; rate limits count the address the first of them saw.
TRUSTED_PROXIES = int(os.environ.get("DJANGO_TRUSTED_PROXIES", "0"))

# Static files: hashed, compressed and served by whitenoise.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# In development WhiteNoise finds each file in the app folders when it is asked for,
# as STATIC_ROOT exists only after collectstatic. Fixed from DJANGO_DEBUG here rather
# than left to follow settings.DEBUG, which the test run turns off after this is read.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

# Media (posters, covers): the local disk by default; any Django storage backend
# (e.g. storages.backends.s3.S3Storage) through DJANGO_MEDIA_STORAGE.
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage"
        ),
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
# django-storages' S3 backend reads these settings (credentials come from the
# environment or the machine's role through boto3). Posters are public: plain URLs,
# not signed ones that would expire inside cached pages.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)

# Uploads larger than this go to a temporary file rather than memory; request
# bodies and form field counts are bounded so oversize posts get a 400.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: strict by default outside development.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Admin login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# username from one IP address (the client address the rate limits count by, so behind
# a load balancer it is the reader's), that pair is refused for AXES_COOLOFF_MINUTES
# with a 429 page. Guesses spread over many addresses are caught per username: past
# AXES_USERNAME_FAILURE_LIMIT wrong passwords from all addresses together, signing in as
# that user is paused, a minute at first and doubling with each further try up to the
# cool-off, and the account's owner is emailed (animeblog/login_throttle.py). Attempts
# are kept in the database, so every app server sees them; `manage.py axes_reset` lifts
# lockouts at once.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_USERNAME_FAILURE_LIMIT = int(os.environ.get("AXES_USERNAME_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "animeblog.login_throttle.LoginThrottleHandler"
AXES_CLIENT_IP_CALLABLE = "core.requests.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "animeblog.login_throttle.lockout_response"
AXES_LOCKOUT_TEMPLATE = "login_locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
# No startup banner from axes on every manage.py command.
AXES_VERBOSE = False

# Content Security Policy (django-csp): only this site's own scripts, styles and
# images, no inline script or style, no framing. Images may also come from the media
# host when DJANGO_MEDIA_URL is absolute (object storage).
MEDIA_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL)) if "//" in MEDIA_URL else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# Permissions-Policy (core/permissions_policy.py): browser features turned off for every
# page and anything it frames; the site uses none of them.
PERMISSIONS_POLICY_DISABLED = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]

# Logs go to standard output; LOG_FORMAT=json writes one JSON object a line for log
# tools. "animeblog.requests" logs one line per request (core/request_log.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # Django's own loggers write through the root handler only: its default console
    # handler would print every line a second time in development.
    "loggers": {"django": {"handlers": [], "propagate": True}},
}
