from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "nexus.companies"
    label = "companies"
