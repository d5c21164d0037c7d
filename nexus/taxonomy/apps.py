from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "nexus.taxonomy"
    label = "taxonomy"

    def ready(self) -> None:
        from .cache import connect_invalidation

        connect_invalidation()
