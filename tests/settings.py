"""Test settings: the production settings with a test secret and fast password hashing."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("WERKPAD_TESTING", "1")

from werkpad.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise serves static files from the app folders (WHITENOISE_USE_FINDERS), also to the browser
# tests' live server; an existing, empty STATIC_ROOT keeps it from warning.
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="werkpad-static-"))
WERKPAD_PRIVATE_FILES = Path(tempfile.mkdtemp(prefix="werkpad-private-"))
LANGUAGE_CODE = "en"  # tests read English; tests/integration/test_languages.py covers nl and ar

# SQLite: test on a file, not in memory. The browser tests' live server answers the htmx requests
# of one page in parallel threads; an in-memory database shares one connection between them,
# a file gives each thread its own (WAL, busy timeout), as in a real deployment.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="werkpad-testdb-")) / "test.sqlite3")
    }
TWO_FACTOR_ROLES: list[str] = []  # tests that test two-factor authentication turn it on
