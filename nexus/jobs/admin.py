from django.contrib import admin

from .models import Job, JobSkill, SavedJob
from .services import jobs_moderate


class JobSkillInline(admin.TabularInline):
    model = JobSkill
    extra = 0
    raw_id_fields = ("skill",)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("title", "company", "status", "moderation_status", "is_featured", "published_at", "views_count")
    list_filter = ("status", "moderation_status", "is_featured", "employment_type", "remote_type")
    search_fields = ("title", "slug", "reference", "company__name")
    list_select_related = ("company",)
    raw_id_fields = ("company", "posted_by", "category", "industry")
    readonly_fields = (
        "reference",
        "salary_yearly_min",
        "salary_yearly_max",
        "views_count",
        "saves_count",
        "applications_count",
        "trending_score",
        "created_at",
        "updated_at",
    )
    inlines = [JobSkillInline]
    actions = ["approve", "reject"]
    show_full_result_count = False

    @admin.action(description="Approve selected jobs")
    def approve(self, request, queryset):  # type: ignore[no-untyped-def]
        jobs_moderate(ids=list(queryset.values_list("pk", flat=True)), decision="approve")

    @admin.action(description="Reject selected jobs")
    def reject(self, request, queryset):  # type: ignore[no-untyped-def]
        jobs_moderate(ids=list(queryset.values_list("pk", flat=True)), decision="reject")


@admin.register(SavedJob)
class SavedJobAdmin(admin.ModelAdmin):
    list_display = ("user", "job", "created_at")
    raw_id_fields = ("user", "job")
    list_select_related = ("user", "job")
