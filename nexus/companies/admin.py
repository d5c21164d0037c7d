from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from nexus.core.errors import ApplicationError

from . import services
from .models import Company, CompanyMember


class CompanyMemberInline(admin.TabularInline):
    model = CompanyMember
    extra = 0
    raw_id_fields = ("user",)
    readonly_fields = ("created_at",)


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "moderation_status", "is_verified", "headquarters_country", "created_at")
    list_filter = ("moderation_status", "is_verified", "size")
    search_fields = ("name", "slug", "website")
    list_select_related = ("industry",)
    raw_id_fields = ("created_by", "moderated_by", "industry")
    readonly_fields = ("verified_at", "moderated_at", "moderated_by", "created_by", "created_at", "updated_at")
    inlines = [CompanyMemberInline]
    actions = ["approve", "reject", "verify"]
    ordering = ("-created_at", "-id")
    formfield_overrides = {models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}}

    def _decide(self, request: HttpRequest, queryset: QuerySet[Company], decision: str) -> None:
        try:
            ids = services.company_moderation_decide(
                actor=request.user,  # type: ignore[arg-type]
                ids=queryset.values_list("pk", flat=True),
                decision=decision,
                reason="Rejected in the admin." if decision == "reject" else "",
            )
        except ApplicationError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return
        self.message_user(request, f"{decision.capitalize()}d {len(ids)} companies.", messages.SUCCESS)

    @admin.action(description="Approve the selected companies")
    def approve(self, request: HttpRequest, queryset: QuerySet[Company]) -> None:
        self._decide(request, queryset, "approve")

    @admin.action(description="Reject the selected companies")
    def reject(self, request: HttpRequest, queryset: QuerySet[Company]) -> None:
        self._decide(request, queryset, "reject")

    @admin.action(description="Verify the selected companies (also approves them)")
    def verify(self, request: HttpRequest, queryset: QuerySet[Company]) -> None:
        try:
            for company in queryset:
                services.company_verify(company=company, actor=request.user)  # type: ignore[arg-type]
        except ApplicationError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return
        self.message_user(request, f"Verified {queryset.count()} companies.", messages.SUCCESS)
