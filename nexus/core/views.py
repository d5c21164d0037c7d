from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django_prometheus.exports import ExportToDjangoView
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .exception_handler import error_body
from .health import check_migrations, configured_checks, run_checks

HealthSerializer = inline_serializer(
    name="Health",
    fields={
        "status": serializers.ChoiceField(choices=["ok", "error"]),
        "checks": serializers.DictField(child=serializers.CharField(), help_text="Each dependency: ok or error."),
    },
)


class ProbeView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    def respond(self, checks: dict) -> Response:
        results = run_checks(checks)
        healthy = all(result == "ok" for result in results.values())
        return Response(
            {"status": "ok" if healthy else "error", "checks": results},
            status=status.HTTP_200_OK if healthy else status.HTTP_503_SERVICE_UNAVAILABLE,
        )


@extend_schema(tags=["health"], responses={200: HealthSerializer, 503: HealthSerializer})
class HealthView(ProbeView):
    """Database, cache and (when configured) broker; 503 names the part that is down."""

    def get(self, request: Request) -> Response:
        return self.respond(configured_checks())


@extend_schema(tags=["health"], responses={200: HealthSerializer})
class LivenessView(ProbeView):
    """The process is up and serving requests."""

    def get(self, request: Request) -> Response:
        return self.respond({})


@extend_schema(tags=["health"], responses={200: HealthSerializer, 503: HealthSerializer})
class ReadinessView(ProbeView):
    """Ready for traffic: database and cache answer and every migration is applied."""

    def get(self, request: Request) -> Response:
        return self.respond({**configured_checks(), "migrations": check_migrations})


def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus text format; behind a bearer token when METRICS_TOKEN is set."""
    token = settings.METRICS_TOKEN
    if token and request.headers.get("Authorization") != f"Bearer {token}":
        return JsonResponse(error_body(code="not_authenticated", message="Metrics token required."), status=401)
    return ExportToDjangoView(request)
