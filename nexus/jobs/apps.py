from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "nexus.jobs"
    label = "jobs"

    def ready(self) -> None:
        from .cache import connect_invalidation

        connect_invalidation()
