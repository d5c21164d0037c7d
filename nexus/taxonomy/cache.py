"""Taxonomy answers are the same for everyone: served from the shared cache, dropped at any taxonomy write."""

from typing import Any

from django.conf import settings
from django.db.models.signals import post_delete, post_save

from nexus.core.response_cache import namespace, namespace_bump, shared_cache

NAMESPACE = namespace("taxonomy")

cached_for_everyone = shared_cache(NAMESPACE, seconds=lambda: settings.TAXONOMY_CACHE_SECONDS)


def taxonomy_changed(**kwargs: Any) -> None:
    namespace_bump(NAMESPACE)


def connect_invalidation() -> None:
    from .models import Category, Industry, Skill, SkillAlias

    for model in (Category, Industry, Skill, SkillAlias):
        post_save.connect(taxonomy_changed, sender=model, dispatch_uid=f"taxonomy-cache-save-{model.__name__}")
        post_delete.connect(taxonomy_changed, sender=model, dispatch_uid=f"taxonomy-cache-delete-{model.__name__}")
