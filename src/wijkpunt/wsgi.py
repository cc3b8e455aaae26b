import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkpunt.settings")
application = get_wsgi_application()

from wijkpunt.core.deploy import refuse_unsafe_settings  # noqa: E402 - needs the settings
from wijkpunt.warmup import warm_up  # noqa: E402

refuse_unsafe_settings()
warm_up()
