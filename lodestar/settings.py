"""Lodestar settings: one file, every deployment difference read from the environment.

The defaults run the embedded configuration (SQLite, local-memory cache, console
email). Production sets DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS and the
email variables; see the README for the full list.
"""

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from lodestar.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
# Served over HTTPS: secure cookies, HSTS and the HTTPS redirect. Only a laptop or a
# test run turns this off.
HTTPS = env_bool("HTTPS", True)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if HTTPS:
        raise ImproperlyConfigured("Set SECRET_KEY in the environment when HTTPS is on.")
    key_file = DATA_DIR / "secret.key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "core",
    "accounts",
    "learning",
    "certificates",
    "organizations",
    "newsletter",
    "blog",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.redirects",
    "wagtail.locales",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An ETag on every page that may be stored, and 304 when the browser's copy matches.
    "django.middleware.http.ConditionalGetMiddleware",
    # Outside the session and header middleware: see core/pagecache.py.
    "core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.PrivatePagesMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    # After LocaleMiddleware: a page's address depends on the language.
    "core.routes.RouteCacheMiddleware",
    # Last, so its page gets every header above, yet before any view (CSRF's included) reads
    # the body: process_view runs only after every middleware here has been called.
    "core.middleware.RequestSizeLimitMiddleware",
]

# The benchmark serves the same URLs plus a trivial reference view (bench/urls.py).
ROOT_URLCONF = env_str("ROOT_URLCONF", "lodestar.urls")
WSGI_APPLICATION = "lodestar.wsgi.application"

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
                "core.context_processors.site_chrome",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and a writer work at once; IMMEDIATE transactions take the write
    # lock up front, so two writers queue on the busy timeout instead of one failing
    # with "database is locked" when it tries to upgrade a read lock.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=20000;"
            "PRAGMA foreign_keys=ON;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": env_str("SQLITE_TEST_NAME") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, background tasks ------------------------------------------

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    _redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "lodestar"),
    }
    CACHES = {
        "default": _redis,
        # A page compresses to about a quarter of its size.
        "pages": {
            **_redis,
            "OPTIONS": {"COMPRESSOR": "django_redis.compressors.zlib.ZlibCompressor"},
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Files, not process memory: `make run` starts two web workers and a task worker
        # (scheduled publishing), and a publish in one must empty the others' pages too.
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "page-cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Whole public pages for visitors without a session (core/pagecache.py): kept this many
# seconds at most, emptied at once by any publish; 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
PAGE_CACHE_ALIAS = "pages"
# Never cached, in any language: whatever lives under these is personal or an editor's.
PAGE_CACHE_SKIPPED_PATHS = (
    "/admin/",
    "/django-admin/",
    "/account/",
    "/api/",
    "/my-learning/",
    "/organizations/",
    "/join/",
    "/exit/",
    "/documents/",
)
# A phone may be shared: a signed-in session ends after an hour without a request
# and twelve hours after sign-in, whatever "remember me" said.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 60 * 60)
SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_ABSOLUTE_TIMEOUT", 12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Email ----------------------------------------------------------------------

EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# A neutral sender: a survivor's inbox may be read by someone else.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Notifications <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Accounts -------------------------------------------------------------------

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
# Every sign-in, the admin's included, goes through allauth, which asks for the second factor.
WAGTAILADMIN_LOGIN_URL = "/account/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/account/login/"
# allauth's reset is the one way to reset a password: rate-limited, in the site's look.
WAGTAIL_PASSWORD_RESET_ENABLED = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "accounts.adapter.SecondFactorAdapter"
MFA_TOTP_ISSUER = env_str("SITE_NAME", "Lodestar")
# One 30-second step either side: a code typed as it changes, or a phone
# clock a little off, still works.
MFA_TOTP_TOLERANCE = 1
MFA_REQUIRED_FOR_ADMINS = env_bool("MFA_REQUIRED_FOR_ADMINS", True)
# What `manage.py purge_stale_data` deletes: personal data nobody can use any more.
RETENTION_UNVERIFIED_ACCOUNT_DAYS = env_int("RETENTION_UNVERIFIED_ACCOUNT_DAYS", 7)
RETENTION_ENDED_LINK_DAYS = env_int("RETENTION_ENDED_LINK_DAYS", 90)
LOGIN_REDIRECT_URL = "my_learning"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
# Failed logins are locked out per account *and* address by django-axes below, so a
# stranger cannot lock someone else out; allauth keeps only its per-address limits.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip"}
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.lockout.attempted_login"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "core.client.client_ip"
# How many proxies of our own (nginx, a load balancer) stand in front of the app server.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# --- Languages ------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str(
            "STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Security -------------------------------------------------------------------

SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Outbound links (the quick exit among them) must not tell the next site where the
# visitor came from.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # Wagtail relaxes this itself for its preview frame.

SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if HTTPS:
    # The __Host- prefix pins a cookie to this exact host, over HTTPS, for path /.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_SECURE = HTTPS

_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "media-src": [_SELF],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "frame-src": ["https:"],  # outside videos, and only after a click
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": [_SELF],
        "frame-ancestors": ["'none'"],
    },
}
# The Wagtail admin ships inline scripts and styles, and frames its own previews.
ADMIN_URL_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [_SELF],
    "script-src": [_SELF, "'unsafe-inline'"],
    "style-src": [_SELF, "'unsafe-inline'"],
    "img-src": [_SELF, "data:", "blob:"],
    "media-src": [_SELF, "blob:"],
    "font-src": [_SELF, "data:"],
    "connect-src": [_SELF],
    "frame-src": [_SELF],
    "object-src": ["'none'"],
    "base-uri": [_SELF],
    "form-action": [_SELF],
    "frame-ancestors": [_SELF],
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000  # Wagtail's page editor posts many fields.
# Largest body the admin accepts (images, documents, course videos); every other address
# accepts DATA_UPLOAD_MAX_MEMORY_SIZE. Larger requests get a 413 page before being read.
ADMIN_UPLOAD_MAX_SIZE = env_int("ADMIN_UPLOAD_MAX_SIZE", 512 * 1024 * 1024)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_UPLOAD_MAX_SIZE", 10 * 1024 * 1024)

# --- Wagtail --------------------------------------------------------------------

WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Lodestar")
# The site's public address, used in emails, certificates and signed credentials.
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", f"http://127.0.0.1:{env_str('PORT', '8000')}")

# --- Certificates ------------------------------------------------------------------
# The key that signs Open Badges credentials: PEM text from the environment (several
# app servers), else a file, created on first use when absent (one server, a laptop).
CREDENTIAL_SIGNING_KEY = env_str("CREDENTIAL_SIGNING_KEY")
CREDENTIAL_SIGNING_KEY_FILE = Path(
    env_str("CREDENTIAL_SIGNING_KEY_FILE", str(DATA_DIR / "credential-signing-key.pem"))
)
# Verification lookups per client address and minute: enough for a person, not a scan.
CERTIFICATE_VERIFY_RATE = env_int("CERTIFICATE_VERIFY_RATE", 30)
# Blog searches per client address per minute.
SEARCH_RATE = env_int("SEARCH_RATE", 60)

# --- Newsletter ---------------------------------------------------------------------
NEWSLETTER_CONFIRM_DAYS = env_int("NEWSLETTER_CONFIRM_DAYS", 7)  # life of a confirmation link
# Signup form posts per client address and window (seconds): enough for a household.
NEWSLETTER_SIGNUP_RATE = env_int("NEWSLETTER_SIGNUP_RATE", 10)
NEWSLETTER_SIGNUP_WINDOW = 3600
# At most one signup email per address in this many seconds, however often it is typed.
NEWSLETTER_MAIL_INTERVAL = env_int("NEWSLETTER_MAIL_INTERVAL", 300)
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 500)  # messages per claimed batch

# Wagtail's database backend; on PostgreSQL it also keeps the blog's narrow search rows.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "blog.search_backend"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "webm", "mp4", "vtt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin must not call another host
# Course videos and captions play in the page rather than downloading.
WAGTAILDOCS_INLINE_CONTENT_TYPES = [
    "application/pdf",
    "text/plain",
    "video/webm",
    "video/mp4",
    "text/vtt",
]

# --- Logging --------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Wagtail logs every page action at INFO; the admin's history already records them.
    "loggers": {
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
