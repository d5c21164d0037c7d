from django.contrib import admin

from .models import Application, ApplicationNote, ApplicationStatusChange, Document, JobApplicationCounts


class StatusChangeInline(admin.TabularInline):
    model = ApplicationStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "changed_by", "reason", "created_at")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # statuses change through the pipeline service only


class NoteInline(admin.TabularInline):
    model = ApplicationNote
    extra = 0
    raw_id_fields = ("author",)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("id", "applicant_name", "job", "status", "rating", "created_at")
    list_filter = ("status",)
    search_fields = ("applicant_name", "job__title")
    list_select_related = ("job",)
    raw_id_fields = ("job", "applicant", "resume")
    # The status moves through the pipeline (history, counters, events): not edited here.
    readonly_fields = ("status", "applicant_name", "answers", "created_at", "updated_at")
    inlines = [StatusChangeInline, NoteInline]
    show_full_result_count = False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("id", "original_name", "owner", "kind", "size", "created_at", "deleted_at")
    list_filter = ("kind",)
    search_fields = ("original_name", "owner__email")
    raw_id_fields = ("owner",)
    readonly_fields = ("storage_name", "kind", "size", "sha256", "created_at", "updated_at")


@admin.register(JobApplicationCounts)
class JobApplicationCountsAdmin(admin.ModelAdmin):
    list_display = ("job", "submitted", "reviewing", "shortlisted", "interviewing", "offered", "hired", "rejected")
    raw_id_fields = ("job",)

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
