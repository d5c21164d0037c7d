from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from nexus.core.errors import ApplicationError

from . import services
from .models import Category, Industry, Skill, SkillAlias


class CategoryAdminForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "slug", "parent", "description"]

    def clean_parent(self) -> Category | None:
        parent = self.cleaned_data.get("parent")
        try:
            services.category_check_parent(category=self.instance, parent=parent)
        except ApplicationError as exc:
            raise ValidationError(exc.message) from exc
        return parent


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    """Saves go through the services, which keep the materialized paths of the tree right."""

    form = CategoryAdminForm
    list_display = ("name", "slug", "parent", "depth", "path", "updated_at")
    list_select_related = ("parent",)
    search_fields = ("name", "slug")
    ordering = ("path",)
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)
    readonly_fields = ("path", "created_at", "updated_at")

    def save_model(self, request: HttpRequest, obj: Category, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if change:
            services.category_update(
                category=obj,
                name=data["name"],
                slug=data["slug"],
                description=data["description"],
                parent=data["parent"],
            )
        else:
            created = services.category_create(
                name=data["name"], slug=data["slug"], description=data["description"], parent=data["parent"]
            )
            obj.pk, obj.path = created.pk, created.path


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "updated_at")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


class SkillAliasInline(admin.TabularInline):
    model = SkillAlias
    extra = 1
    fields = ("alias",)


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "alias_list", "updated_at")
    search_fields = ("name", "slug", "aliases__alias")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [SkillAliasInline]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="aliases")
    def alias_list(self, skill: Skill) -> str:
        return ", ".join(alias.alias for alias in skill.aliases.all())
