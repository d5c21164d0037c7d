from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import services
from ..selectors import user_get_with_profiles
from ..serializers import PasswordConfirmSerializer, UserSerializer, UserUpdateSerializer


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=["me"], responses={200: UserSerializer})
    def get(self, request: Request) -> Response:
        """The signed-in user with their profile."""
        return Response(UserSerializer(user_get_with_profiles(user_id=request.user.pk)).data)

    @extend_schema(tags=["me"], request=UserUpdateSerializer, responses={200: UserSerializer})
    def patch(self, request: Request) -> Response:
        """Updates the user's name; profiles have their own endpoints."""
        data = UserUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.user_update(user=request.user, **data.validated_data)
        return Response(UserSerializer(user_get_with_profiles(user_id=request.user.pk)).data)


@extend_schema(tags=["me"], request=PasswordConfirmSerializer, responses={204: None})
class DeactivateView(APIView):
    """Deactivates the account after confirming the password; every token stops working."""

    permission_classes = [IsAuthenticated]

    def post(self, request: Request) -> Response:
        data = PasswordConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.user_deactivate(user=request.user, password=data.validated_data["password"])
        return Response(status=status.HTTP_204_NO_CONTENT)
