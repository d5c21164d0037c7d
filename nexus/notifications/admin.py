from django.contrib import admin

from .models import JobAlert, JobAlertDelivery, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "kind", "created_at", "read_at", "emailed_at")
    list_filter = ("kind",)
    search_fields = ("title", "user__email")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("event_key", "created_at", "emailed_at")
    show_full_result_count = False


@admin.register(JobAlert)
class JobAlertAdmin(admin.ModelAdmin):
    list_display = ("__str__", "user", "frequency", "is_active", "last_run_at", "created_at")
    list_filter = ("frequency", "is_active")
    search_fields = ("name", "user__email")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("matches_since", "last_run_at", "created_at", "updated_at")


@admin.register(JobAlertDelivery)
class JobAlertDeliveryAdmin(admin.ModelAdmin):
    list_display = ("alert", "job", "created_at")
    raw_id_fields = ("alert", "job", "notification")
    list_select_related = ("alert", "job")
