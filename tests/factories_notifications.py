import factory
from django.utils import timezone

from nexus.notifications.models import JobAlert, Notification

from .factories import SeekerFactory


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(SeekerFactory)
    kind = "application_status_changed"
    title = factory.Sequence(lambda n: f"Notification {n}")
    body = "Your application moved on."
    data = factory.LazyFunction(dict)
    event_key = factory.Sequence(lambda n: f"test:{n}")


class JobAlertFactory(factory.django.DjangoModelFactory):
    """An active alert; `matches_since` in the past so jobs made in the test match."""

    class Meta:
        model = JobAlert

    user = factory.SubFactory(SeekerFactory)
    name = factory.Sequence(lambda n: f"Alert {n}")
    query = factory.LazyFunction(dict)
    frequency = "daily"
    is_active = True
    matches_since = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))
    last_run_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=8))
