"""The WSGI application (served by waitress in ``duizhao serve``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duizhao_web.settings")
application = get_wsgi_application()
