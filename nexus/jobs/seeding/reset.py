"""`seed_jobs --reset`: empty what the seed fills, quickly, whatever its size.

Jobs, companies and taxonomy are truncated (with every table that references them). Seeded
users cannot be truncated, since real and demo users live in the same table; deleting 100,000
of them with `QuerySet.delete()` loads them all and takes minutes, so `delete_cascading`
applies the models' `on_delete` rules as set-based SQL instead, one statement per relation.
Like TRUNCATE, it sends no delete signals (the project has none on these models).
"""

from collections.abc import Callable

from django.apps import apps
from django.db import connection, models

from .people import SEED_EMAIL_DOMAIN

RESET_APPS = ("jobs", "companies", "taxonomy")


def seed_reset(log: Callable[[str], None]) -> None:
    """Empties jobs, companies and taxonomy (TRUNCATE ... CASCADE) and deletes the seeded users with their data."""
    from nexus.accounts.models import User

    quote = connection.ops.quote_name
    tables = [
        model._meta.db_table
        for label in RESET_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # checks still pending in this transaction forbid TRUNCATE
        cursor.execute(f"TRUNCATE {', '.join(quote(table) for table in tables)} CASCADE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    deleted = delete_cascading(User._base_manager.filter(email__endswith=f"@{SEED_EMAIL_DOMAIN}"))
    log(f"Reset: emptied {', '.join(RESET_APPS)}; deleted {deleted:,} seeded users with their data.")


def delete_cascading(queryset: models.QuerySet, _path: tuple[type[models.Model], ...] = ()) -> int:
    """Deletes the rows and, following each relation's on_delete, what refers to them; returns the rows deleted."""
    model = queryset.model
    queryset = queryset.order_by()
    path = (*_path, model)
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)):
            continue
        field, related = relation.field, relation.related_model
        referring = related._base_manager.filter(**{f"{field.name}__in": queryset.values(field.target_field.attname)})
        on_delete = relation.on_delete
        if on_delete is models.DO_NOTHING:
            continue
        if on_delete is models.CASCADE and related not in path:
            delete_cascading(referring, path)
        elif on_delete is models.SET_NULL:
            referring.update(**{field.name: None})
        elif on_delete in (models.PROTECT, models.RESTRICT):
            if referring.exists():
                raise models.ProtectedError(f"{related.__name__} rows still refer to the rows to delete.", set())
        else:  # SET_DEFAULT, SET(...), or a cycle: Django's collector knows best
            referring.delete()
    sql, params = queryset.values("pk").query.sql_with_params()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} IN ({sql})",  # noqa: S608
            params,
        )
        return cursor.rowcount
