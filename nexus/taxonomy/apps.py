from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "nexus.taxonomy"
    label = "taxonomy"
