from drf_spectacular.utils import OpenApiExample, extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from nexus.core.serializers import Serializer as StrictSerializer

from .models import Category, Industry, Skill


class JSONStringField(serializers.CharField):
    """A string, and only a string: list items escape the strict top-level type check."""

    def to_internal_value(self, data: object) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


# --- categories ------------------------------------------------------------------


class CategoryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name", "slug"]
        read_only_fields = fields


class CategorySerializer(serializers.ModelSerializer):
    parent = serializers.IntegerField(
        source="parent_id", read_only=True, allow_null=True, help_text="The parent's id; null for a root."
    )
    depth = serializers.IntegerField(read_only=True, help_text="0 for a root, 1 for its children, and so on.")
    children_count = serializers.IntegerField(read_only=True, help_text="Direct subcategories.")

    class Meta:
        model = Category
        fields = ["id", "name", "slug", "description", "parent", "path", "depth", "children_count"]
        read_only_fields = fields
        extra_kwargs = {"path": {"help_text": 'Ids from the root down to this category: "12/40/".'}}


class CategoryNodeSerializer(CategorySerializer):
    """A category of the list; with `?tree=true`, also its subcategories, nested."""

    class Meta(CategorySerializer.Meta):
        fields = [*CategorySerializer.Meta.fields, "children"]

    def to_representation(self, instance: Category) -> dict:
        data = super().to_representation(instance)
        if not hasattr(instance, "tree_children"):
            data.pop("children", None)
        return data


# Declared after the class because the field is the class itself. Not read-only, so that the
# schema shows it as optional: it is only there with `?tree=true`.
CategoryNodeSerializer._declared_fields["children"] = CategoryNodeSerializer(
    many=True, required=False, source="tree_children", help_text="Subcategories; only with `?tree=true`."
)


class CategoryDetailSerializer(CategorySerializer):
    ancestors = serializers.SerializerMethodField(help_text="From the root down to the parent: a breadcrumb.")

    class Meta(CategorySerializer.Meta):
        fields = [*CategorySerializer.Meta.fields, "ancestors", "created_at", "updated_at"]
        read_only_fields = fields

    @extend_schema_field(CategoryRefSerializer(many=True))
    def get_ancestors(self, category: Category) -> list[dict]:
        return CategoryRefSerializer(self.context.get("ancestors", []), many=True).data


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "A subcategory", value={"name": "Backend Development", "parent": 1, "description": ""}, request_only=True
        )
    ]
)
class CategoryWriteSerializer(StrictSerializer):
    name = serializers.CharField(max_length=120)
    slug = serializers.SlugField(max_length=140, required=False, help_text="Made from the name when left out.")
    parent = serializers.IntegerField(
        min_value=1, allow_null=True, required=False, help_text="The parent category's id; null for a root."
    )
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)

    def validate_name(self, value: str) -> str:
        if not " ".join(value.split()):
            raise serializers.ValidationError("This field may not be blank.")
        return value

    def validate_parent(self, value: int | None) -> Category | None:
        if value is None:
            return None
        parent = Category.objects.filter(pk=value).first()
        if parent is None:
            raise serializers.ValidationError("No category with this id.")
        return parent


class CategoryListQuerySerializer(serializers.Serializer):
    parent = serializers.IntegerField(
        min_value=1, required=False, help_text="Only the direct subcategories of this category."
    )
    roots = serializers.BooleanField(required=False, default=False, help_text="Only the top-level categories.")
    tree = serializers.BooleanField(
        required=False,
        default=False,
        help_text=(
            "Nest subcategories under `children`: the whole tree (or, with `parent`, the subtree below it) "
            "on one page, `next` and `previous` null."
        ),
    )

    def validate(self, attrs: dict) -> dict:
        if attrs.get("roots") and attrs.get("parent") is not None:
            raise serializers.ValidationError({"roots": ["Use either roots or parent."]})
        return attrs


# --- industries ------------------------------------------------------------------


class IndustrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Industry
        fields = ["id", "name", "slug"]
        read_only_fields = fields


class IndustryWriteSerializer(StrictSerializer):
    name = serializers.CharField(max_length=120)
    slug = serializers.SlugField(max_length=140, required=False, help_text="Made from the name when left out.")

    def validate_name(self, value: str) -> str:
        if not " ".join(value.split()):
            raise serializers.ValidationError("This field may not be blank.")
        return value


# --- skills ----------------------------------------------------------------------


class SkillRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Skill
        fields = ["id", "name", "slug"]
        read_only_fields = fields


class SkillSerializer(serializers.ModelSerializer):
    aliases = serializers.SerializerMethodField(help_text='Other names of the skill: "js" for JavaScript.')

    class Meta:
        model = Skill
        fields = ["id", "name", "slug", "aliases"]
        read_only_fields = fields

    def get_aliases(self, skill: Skill) -> list[str]:
        return [alias.alias for alias in skill.aliases.all()]


@extend_schema_serializer(
    examples=[OpenApiExample("JavaScript", value={"name": "JavaScript", "aliases": ["js", "ecmascript"]})]
)
class SkillWriteSerializer(StrictSerializer):
    name = serializers.CharField(max_length=100)
    slug = serializers.SlugField(max_length=120, required=False, help_text="Made from the name when left out.")
    aliases = serializers.ListField(
        child=JSONStringField(max_length=100),
        max_length=30,
        required=False,
        help_text="Replaces the skill's aliases. None may be another skill's name or alias.",
    )

    def validate_name(self, value: str) -> str:
        if not " ".join(value.split()):
            raise serializers.ValidationError("This field may not be blank.")
        return value


class SkillListQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="Name or alias prefix, any case: `py`, `post`."
    )
