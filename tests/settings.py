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
LANGUAGE_CODE = "en"  # tests read English; tests/integration/test_languages.py covers nl and ar
