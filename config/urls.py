from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from nexus.core.exception_handler import not_found

api_v1 = [
    path("", include("nexus.accounts.urls")),
    path("", include("nexus.taxonomy.urls")),
    path("", include("nexus.companies.urls")),
    path("", include("nexus.search.urls")),  # before nexus.jobs: `jobs/search/` is not a job
    path("", include("nexus.jobs.urls")),
    path("", include("nexus.applications.urls")),
    path("", include("nexus.notifications.urls")),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    path("api/", include("nexus.core.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("admin/", admin.site.urls),
    re_path(r"^api/", not_found),
]

if settings.DEBUG:  # uploaded files; production serves them from its storage (or a web server)
    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

# Errors Django answers outside DRF's views: JSON in the one shape too (the admin's pages keep Django's own).
handler400 = "nexus.core.exception_handler.bad_request"
handler403 = "nexus.core.exception_handler.permission_denied"
handler404 = "nexus.core.exception_handler.not_found"
handler500 = "nexus.core.exception_handler.api_server_error"
