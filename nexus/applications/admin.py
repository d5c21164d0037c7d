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
    # What was submitted, and the status (which moves through the pipeline with its history, counters and
    # events), are not edited here; nor are applications deleted, which would leave the counters behind.
    readonly_fields = ("job", "applicant", "applicant_name", "resume", "answers", "status", "created_at", "updated_at")
    inlines = [StatusChangeInline, NoteInline]
    show_full_result_count = False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("id", "original_name", "owner", "kind", "size", "created_at", "deleted_at")
    list_filter = ("kind",)
    search_fields = ("original_name", "owner__email")
    readonly_fields = ("owner", "storage_name", "kind", "size", "sha256", "created_at", "updated_at")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # uploads are checked by content in the service

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # deleting goes through the service, which keeps documents that applications used


@admin.register(JobApplicationCounts)
class JobApplicationCountsAdmin(admin.ModelAdmin):
    list_display = ("job", "submitted", "reviewing", "shortlisted", "interviewing", "offered", "hired", "rejected")
    raw_id_fields = ("job",)

    # Kept by the services only: read here, never written.
    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
