from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nexus.accounts"
    label = "accounts"
