"""Taxonomy endpoints: everyone reads, admins write."""

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from nexus.core.pagination import requested_page_size
from nexus.core.permissions import IsAdmin

from . import services
from .cache import cached_for_everyone
from .models import Category, Industry, Skill
from .selectors import (
    category_ancestors,
    category_get,
    category_list,
    category_tree,
    industry_get,
    industry_list,
    skill_get,
    skill_list,
)
from .serializers import (
    CategoryDetailSerializer,
    CategoryListQuerySerializer,
    CategoryNodeSerializer,
    CategoryWriteSerializer,
    IndustrySerializer,
    IndustryWriteSerializer,
    SkillListQuerySerializer,
    SkillSerializer,
    SkillWriteSerializer,
)

READ_ACTIONS = ("list", "retrieve")


def _crud_schema(*, output: type, write: type, list_parameters: list | None = None, what: str) -> Any:
    return extend_schema_view(
        list=extend_schema(tags=["taxonomy"], parameters=list_parameters, summary=f"List {what}"),
        retrieve=extend_schema(tags=["taxonomy"], responses={200: output}),
        create=extend_schema(tags=["taxonomy"], request=write, responses={201: output}, description="Admins only."),
        update=extend_schema(tags=["taxonomy"], request=write, responses={200: output}, description="Admins only."),
        partial_update=extend_schema(
            tags=["taxonomy"], request=write, responses={200: output}, description="Admins only."
        ),
        destroy=extend_schema(tags=["taxonomy"], responses={204: None}, description="Admins only."),
    )


class TaxonomyViewSet(viewsets.GenericViewSet):
    lookup_value_regex = r"\d+"
    write_serializer_class: type

    def get_serializer_class(self) -> type:
        # What OPTIONS describes for POST and PUT: the request body, not the answer.
        if self.request is not None and self.request.method in ("POST", "PUT", "PATCH"):
            return self.write_serializer_class
        return super().get_serializer_class()

    def get_permissions(self) -> list[BasePermission]:
        return [AllowAny()] if self.action in READ_ACTIONS else [IsAdmin()]

    @property
    def extra_error_statuses(self) -> tuple[str, ...]:
        """Deleting what is still in use is refused: documented on DELETE only."""
        return ("409",) if self.action == "destroy" else ()

    def _validated(self, serializer_class: type, request: Request, *, partial: bool = False) -> dict[str, Any]:
        data = serializer_class(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        return data.validated_data

    @staticmethod
    def _query(serializer_class: type, request: Request) -> dict[str, Any]:
        query = serializer_class(data=request.query_params)
        query.is_valid(raise_exception=True)
        return query.validated_data


@_crud_schema(
    output=CategoryDetailSerializer,
    write=CategoryWriteSerializer,
    list_parameters=[CategoryListQuerySerializer],
    what="categories",
)
class CategoryViewSet(TaxonomyViewSet):
    """Job categories: a tree. Filtering jobs by a category includes its descendants."""

    queryset = Category.objects.all()  # for the schema's path parameter; the actions read through selectors
    serializer_class = CategoryNodeSerializer
    write_serializer_class = CategoryWriteSerializer
    ordering = ("path",)

    def _detail(self, category_id: int, *, status_code: int = status.HTTP_200_OK) -> Response:
        category = category_get(category_id=category_id)
        context = {"ancestors": category_ancestors(category=category)}
        return Response(CategoryDetailSerializer(category, context=context).data, status=status_code)

    @cached_for_everyone
    def list(self, request: Request) -> Any:
        """Categories in tree order; `?tree=true` nests them."""
        query = self._query(CategoryListQuerySerializer, request)
        if query["tree"]:
            requested_page_size(request)  # refuses a bad one, as every list does
            paging = sorted({"page", "cursor"} & set(request.query_params))
            if paging:  # the tree comes whole: paging parameters would be silently ignored
                raise ValidationError({name: ["Not with tree=true: the whole tree comes at once."] for name in paging})
            nodes = category_tree(parent_id=query.get("parent"))
            return Response({"next": None, "previous": None, "results": CategoryNodeSerializer(nodes, many=True).data})
        page = self.paginate_queryset(category_list(parent_id=query.get("parent"), roots=query["roots"]))
        return self.get_paginated_response(CategoryNodeSerializer(page, many=True).data)

    @cached_for_everyone
    def retrieve(self, request: Request, pk: str) -> Response:
        """A category with its breadcrumb of ancestors."""
        return self._detail(int(pk))

    def create(self, request: Request) -> Response:
        category = services.category_create(**self._validated(CategoryWriteSerializer, request))
        return self._detail(category.pk, status_code=status.HTTP_201_CREATED)

    def update(self, request: Request, pk: str) -> Response:
        """Replaces the category: a left-out `parent` makes it a root, a left-out `description` empties it."""
        data = self._validated(CategoryWriteSerializer, request)
        data.setdefault("parent", None)
        data.setdefault("description", "")
        services.category_update(category=category_get(category_id=int(pk)), **data)
        return self._detail(int(pk))

    def partial_update(self, request: Request, pk: str) -> Response:
        """Changes the given fields; a new `parent` moves the category with its whole subtree."""
        data = self._validated(CategoryWriteSerializer, request, partial=True)
        services.category_update(category=category_get(category_id=int(pk)), **data)
        return self._detail(int(pk))

    def destroy(self, request: Request, pk: str) -> Response:
        """Refused (409) while the category has subcategories or jobs."""
        services.category_delete(category=category_get(category_id=int(pk)))
        return Response(status=status.HTTP_204_NO_CONTENT)


@_crud_schema(output=IndustrySerializer, write=IndustryWriteSerializer, what="industries")
class IndustryViewSet(TaxonomyViewSet):
    queryset = Industry.objects.all()  # for the schema's path parameter
    serializer_class = IndustrySerializer
    write_serializer_class = IndustryWriteSerializer
    ordering = ("name", "id")

    @cached_for_everyone
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(industry_list())
        return self.get_paginated_response(IndustrySerializer(page, many=True).data)

    @cached_for_everyone
    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(IndustrySerializer(industry_get(industry_id=int(pk))).data)

    def create(self, request: Request) -> Response:
        industry = services.industry_create(**self._validated(IndustryWriteSerializer, request))
        return Response(IndustrySerializer(industry).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, pk: str) -> Response:
        data = self._validated(IndustryWriteSerializer, request)
        industry = services.industry_update(industry=industry_get(industry_id=int(pk)), **data)
        return Response(IndustrySerializer(industry).data)

    def partial_update(self, request: Request, pk: str) -> Response:
        data = self._validated(IndustryWriteSerializer, request, partial=True)
        industry = services.industry_update(industry=industry_get(industry_id=int(pk)), **data)
        return Response(IndustrySerializer(industry).data)

    def destroy(self, request: Request, pk: str) -> Response:
        """Refused (409) while jobs are filed under the industry."""
        services.industry_delete(industry=industry_get(industry_id=int(pk)))
        return Response(status=status.HTTP_204_NO_CONTENT)


@_crud_schema(
    output=SkillSerializer, write=SkillWriteSerializer, list_parameters=[SkillListQuerySerializer], what="skills"
)
class SkillViewSet(TaxonomyViewSet):
    """Skills with their aliases ("js" for JavaScript): search, jobs and profiles resolve both."""

    queryset = Skill.objects.all()  # for the schema's path parameter
    serializer_class = SkillSerializer
    write_serializer_class = SkillWriteSerializer
    ordering = ("name", "id")

    @cached_for_everyone
    def list(self, request: Request) -> Response:
        """Skills by name; `?q=` matches the start of a name or alias, in any case."""
        query = self._query(SkillListQuerySerializer, request)
        page = self.paginate_queryset(skill_list(q=query.get("q", "")))
        return self.get_paginated_response(SkillSerializer(page, many=True).data)

    @cached_for_everyone
    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(SkillSerializer(skill_get(skill_id=int(pk))).data)

    def create(self, request: Request) -> Response:
        skill = services.skill_create(**self._validated(SkillWriteSerializer, request))
        return Response(SkillSerializer(skill_get(skill_id=skill.pk)).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, pk: str) -> Response:
        """Replaces the skill: left-out `aliases` empties its alias list."""
        data = self._validated(SkillWriteSerializer, request)
        data.setdefault("aliases", [])
        services.skill_update(skill=skill_get(skill_id=int(pk)), **data)
        return Response(SkillSerializer(skill_get(skill_id=int(pk))).data)

    def partial_update(self, request: Request, pk: str) -> Response:
        """Changes the given fields; `aliases`, when given, replaces the whole list."""
        data = self._validated(SkillWriteSerializer, request, partial=True)
        services.skill_update(skill=skill_get(skill_id=int(pk)), **data)
        return Response(SkillSerializer(skill_get(skill_id=int(pk))).data)

    def destroy(self, request: Request, pk: str) -> Response:
        """Refused (409) while jobs or seeker profiles use the skill."""
        services.skill_delete(skill=skill_get(skill_id=int(pk)))
        return Response(status=status.HTTP_204_NO_CONTENT)
