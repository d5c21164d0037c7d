from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import services
from ..models import Certification, Education, Experience, PortfolioItem, ProfileItem, SeekerSkill
from ..selectors import employer_profile_for, profile_items_of, seeker_profile_for, seeker_profile_with_collections
from ..serializers import (
    CertificationSerializer,
    EducationSerializer,
    EmployerProfileSerializer,
    ExperienceSerializer,
    PortfolioItemSerializer,
    SeekerProfileDetailSerializer,
    SeekerProfileSerializer,
    SeekerSkillSerializer,
    SeekerSkillWriteSerializer,
)


class EmployerProfileView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=["profiles"], responses={200: EmployerProfileSerializer})
    def get(self, request: Request) -> Response:
        """The signed-in employer's profile."""
        return Response(EmployerProfileSerializer(employer_profile_for(user=request.user)).data)

    @extend_schema(tags=["profiles"], request=EmployerProfileSerializer, responses={200: EmployerProfileSerializer})
    def patch(self, request: Request) -> Response:
        profile = employer_profile_for(user=request.user)
        data = EmployerProfileSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.profile_update(profile=profile, **data.validated_data)
        return Response(EmployerProfileSerializer(profile).data)


class SeekerProfileView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=["profiles"], responses={200: SeekerProfileDetailSerializer})
    def get(self, request: Request) -> Response:
        """The signed-in seeker's profile with experience, education, portfolio, certifications and skills."""
        profile = seeker_profile_for(user=request.user)
        return Response(SeekerProfileDetailSerializer(seeker_profile_with_collections(profile_id=profile.pk)).data)

    @extend_schema(tags=["profiles"], request=SeekerProfileSerializer, responses={200: SeekerProfileDetailSerializer})
    def patch(self, request: Request) -> Response:
        profile = seeker_profile_for(user=request.user)
        data = SeekerProfileSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.profile_update(profile=profile, **data.validated_data)
        return Response(SeekerProfileDetailSerializer(seeker_profile_with_collections(profile_id=profile.pk)).data)


@extend_schema(tags=["profiles"])
class ProfileCollectionViewSet(viewsets.GenericViewSet):
    """One nested collection of the signed-in seeker's profile. Other users' entries answer 404."""

    permission_classes = [IsAuthenticated]
    pagination_class = None
    lookup_value_regex = r"\d+"
    model: type[ProfileItem]
    input_serializer_class: type[serializers.Serializer] | None = None  # when the body differs from the answer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return self.model._default_manager.none()
        return profile_items_of(profile=seeker_profile_for(user=self.request.user), model=self.model)

    def _validated(self, request: Request, *, partial: bool) -> dict[str, Any]:
        input_class = self.input_serializer_class or self.get_serializer_class()
        data = input_class(data=request.data, partial=partial, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        return data.validated_data

    def list(self, request: Request) -> Response:
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    def create(self, request: Request) -> Response:
        profile = seeker_profile_for(user=request.user)
        item = services.profile_item_create(
            profile=profile, model=self.model, **self._validated(request, partial=False)
        )
        return Response(self.get_serializer(item).data, status=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    def update(self, request: Request, pk: str) -> Response:
        item = services.profile_item_update(item=self.get_object(), **self._validated(request, partial=False))
        return Response(self.get_serializer(item).data)

    def partial_update(self, request: Request, pk: str) -> Response:
        item = services.profile_item_update(item=self.get_object(), **self._validated(request, partial=True))
        return Response(self.get_serializer(item).data)

    def destroy(self, request: Request, pk: str) -> Response:
        services.profile_item_delete(item=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


def profile_collection_viewset(
    model: type[ProfileItem],
    serializer: type[serializers.ModelSerializer],
    input_serializer: type[serializers.Serializer] | None = None,
) -> type:
    viewset = type(
        f"{model.__name__}ViewSet",
        (ProfileCollectionViewSet,),
        {"model": model, "serializer_class": serializer, "input_serializer_class": input_serializer},
    )
    if input_serializer is None:
        return viewset
    return extend_schema_view(
        create=extend_schema(request=input_serializer, responses={201: serializer}),
        update=extend_schema(request=input_serializer, responses={200: serializer}),
        partial_update=extend_schema(request=input_serializer, responses={200: serializer}),
    )(viewset)


PROFILE_COLLECTION_VIEWSETS = {
    "experience": profile_collection_viewset(Experience, ExperienceSerializer),
    "education": profile_collection_viewset(Education, EducationSerializer),
    "portfolio": profile_collection_viewset(PortfolioItem, PortfolioItemSerializer),
    "certifications": profile_collection_viewset(Certification, CertificationSerializer),
    "skills": profile_collection_viewset(SeekerSkill, SeekerSkillSerializer, SeekerSkillWriteSerializer),
}
