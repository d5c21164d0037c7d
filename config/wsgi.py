import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

from nexus.search.gazetteer import gazetteer_load_soon  # noqa: E402

gazetteer_load_soon()
