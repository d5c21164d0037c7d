import orjson

from .environment import env

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework_simplejwt.authentication.JWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # JSON in and out through orjson; JSON bodies only, upload endpoints add the multipart parser themselves.
    "DEFAULT_RENDERER_CLASSES": ["drf_orjson_renderer.renderers.ORJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["nexus.core.parsers.BoundedJSONParser"],
    # Field errors of list items are keyed by position.
    "ORJSON_RENDERER_OPTIONS": (orjson.OPT_NON_STR_KEYS,),
    "DEFAULT_FILTER_BACKENDS": ["nexus.core.filters.RequestedFiltersBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "nexus.core.throttling.AnonymousRateThrottle",
        "nexus.core.throttling.UserRateThrottle",
    ],
    # Per client; the auth scopes are per IP address and stricter than the global ones.
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="100/hour"),
        "user": env.str("THROTTLE_USER", default="1000/hour"),
        "login": env.str("THROTTLE_LOGIN", default="10/minute"),
        "register": env.str("THROTTLE_REGISTER", default="5/minute"),
        "password_reset": env.str("THROTTLE_PASSWORD_RESET", default="5/hour"),
        "apply": env.str("THROTTLE_APPLY", default="30/hour"),
    },
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    "DEFAULT_SCHEMA_CLASS": "nexus.core.openapi.ErrorDocumentingAutoSchema",
    "EXCEPTION_HANDLER": "nexus.core.exception_handler.api_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "nexus.core.pagination.PageNumberOrCursorPagination",
    "PAGE_SIZE": 20,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Nexus Jobs API",
    "DESCRIPTION": (
        "Job board backend: companies publish jobs and review candidates; job seekers search, apply and "
        "follow their applications.\n\n"
        "Authenticate with `POST /api/v1/auth/login/`, then use the access token as `Authorization: Bearer <token>` "
        "(the Authorize button). Every error has the shape "
        '`{"status": "error", "code": "...", "error": "...", "details": {...}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": True, "displayOperationId": False},
    "ENUM_NAME_OVERRIDES": {
        "EmploymentTypeEnum": "nexus.jobs.choices.EmploymentType",
        "ExperienceLevelEnum": "nexus.jobs.choices.ExperienceLevel",
        "RemoteTypeEnum": "nexus.jobs.choices.RemoteType",
        "SalaryPeriodEnum": "nexus.jobs.choices.SalaryPeriod",
        "CompanyMemberRoleEnum": "nexus.companies.models.MemberRole",
        "ApplicationStatusEnum": "nexus.applications.pipeline.ApplicationStatus",
    },
}
