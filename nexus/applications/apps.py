from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "nexus.applications"
    label = "applications"
    verbose_name = "Applications and documents"
