from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt import views as jwt_views

from nexus.core.throttling import LoginThrottle, PasswordResetThrottle, RegisterThrottle

from .. import services
from ..selectors import user_get_with_profiles
from ..serializers import (
    BlacklistAwareVerifySerializer,
    DetailSerializer,
    EmailedTokenSerializer,
    PasswordChangeSerializer,
    PasswordResetConfirmSerializer,
    PasswordResetRequestSerializer,
    RefreshTokenSerializer,
    RegisteredSerializer,
    RegisterSerializer,
    RotatingRefreshSerializer,
    TokenPairSerializer,
    UserSerializer,
)

TAG = ["auth"]


class PublicAuthView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


@extend_schema(tags=TAG, request=RegisterSerializer, responses={201: RegisteredSerializer})
class RegisterView(PublicAuthView):
    """Creates a seeker or employer account, emails a verification link and returns a token pair."""

    throttle_classes = [RegisterThrottle]

    def post(self, request: Request) -> Response:
        data = RegisterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_register(**data.validated_data)
        user = user_get_with_profiles(user_id=user.pk)
        body = {"user": UserSerializer(user).data, **services.tokens_issue(user=user)}
        return Response(body, status=status.HTTP_201_CREATED)


@extend_schema(tags=TAG, responses={200: TokenPairSerializer})
class LoginView(jwt_views.TokenObtainPairView):
    """Exchanges email and password for an access token (1 hour) and a refresh token (7 days)."""

    authentication_classes: list = []
    extra_error_statuses = ["401"]
    throttle_classes = [LoginThrottle]


@extend_schema(tags=TAG)
class RefreshView(jwt_views.TokenRefreshView):
    """Returns a new access and refresh token; the refresh token sent is blacklisted (rotation)."""

    authentication_classes: list = []
    extra_error_statuses = ["401"]
    serializer_class = RotatingRefreshSerializer  # type: ignore[assignment]


@extend_schema(tags=TAG)
class VerifyView(jwt_views.TokenVerifyView):
    """Checks that a token is valid and not blacklisted."""

    serializer_class = BlacklistAwareVerifySerializer  # type: ignore[assignment]
    authentication_classes: list = []
    extra_error_statuses = ["401"]


@extend_schema(tags=TAG, request=RefreshTokenSerializer, responses={204: None})
class LogoutView(PublicAuthView):
    """Blacklists the refresh token: it can no longer be refreshed."""

    def post(self, request: Request) -> Response:
        data = RefreshTokenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.refresh_token_revoke(refresh=data.validated_data["refresh"])
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=TAG, request=PasswordChangeSerializer, responses={200: TokenPairSerializer})
class PasswordChangeView(APIView):
    """Changes the password, signs out every session and returns a fresh token pair."""

    permission_classes = [IsAuthenticated]

    def post(self, request: Request) -> Response:
        data = PasswordChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        tokens = services.password_change(user=request.user, **data.validated_data)
        return Response(tokens)


@extend_schema(tags=TAG, request=PasswordResetRequestSerializer, responses={202: DetailSerializer})
class PasswordResetView(PublicAuthView):
    """Emails a one-time reset link if the address has an account; the answer is the same either way."""

    throttle_classes = [PasswordResetThrottle]

    def post(self, request: Request) -> Response:
        data = PasswordResetRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_request(email=data.validated_data["email"])
        return Response(
            {"detail": "If an account uses this address, a reset link is on its way."},
            status=status.HTTP_202_ACCEPTED,
        )


@extend_schema(tags=TAG, request=PasswordResetConfirmSerializer, responses={204: None})
class PasswordResetConfirmView(PublicAuthView):
    """Sets a new password with the emailed token; the token then stops working, and so do all sessions."""

    throttle_classes = [PasswordResetThrottle]

    def post(self, request: Request) -> Response:
        data = PasswordResetConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_confirm(**data.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=TAG, request=EmailedTokenSerializer, responses={200: UserSerializer})
class EmailVerifyView(PublicAuthView):
    """Confirms the email address with the emailed one-time token."""

    def post(self, request: Request) -> Response:
        data = EmailedTokenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.email_verify(**data.validated_data)
        return Response(UserSerializer(user_get_with_profiles(user_id=user.pk)).data)


@extend_schema(tags=TAG, request=None, responses={202: DetailSerializer})
class EmailVerifyResendView(APIView):
    """Sends a new verification link to the signed-in user."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [PasswordResetThrottle]

    def post(self, request: Request) -> Response:
        services.email_verification_send(user=request.user)
        return Response({"detail": "A verification link is on its way."}, status=status.HTTP_202_ACCEPTED)
