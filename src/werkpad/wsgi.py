import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkpad.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402

if settings.INSECURE_SECRET_KEY:
    raise ImproperlyConfigured(
        "Set WERKPAD_SECRET_KEY (or WERKPAD_SECRET_KEY_FILE) before serving Werkpad."
    )
