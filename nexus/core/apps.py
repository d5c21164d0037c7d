from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "nexus.core"
    label = "core"

    def ready(self) -> None:
        from .request_id import install_log_record_factory

        install_log_record_factory()
