from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "nexus.search"
    label = "search"
