from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "nexus.notifications"
    label = "notifications"

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
