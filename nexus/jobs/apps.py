from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "nexus.jobs"
    label = "jobs"
