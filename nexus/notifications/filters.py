import django_filters as filters

from nexus.core.filters import StrictBooleanFilter

from .models import Notification


class NotificationFilter(filters.FilterSet):
    unread = StrictBooleanFilter(
        field_name="read_at", lookup_expr="isnull", help_text="`true`: only unread ones; `false`: only read ones."
    )

    class Meta:
        model = Notification
        fields: list[str] = []
