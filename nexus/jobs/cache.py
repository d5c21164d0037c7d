"""Public job lists served from the shared cache.

Any write to a job, company or taxonomy row invalidates them (signals here, and the bulk
updates call `jobs_changed` themselves). A cached page also expires by itself at the
first moment one of its jobs changes with time: a deadline passing, featuring ending.
"""

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from nexus.core.response_cache import namespace, namespace_bump, view_hook

NAMESPACE = namespace("jobs")
JOB_VIEWED = "job-viewed"


def jobs_changed(**kwargs: Any) -> None:
    namespace_bump(NAMESPACE)


def _changes_at(job: Any) -> Iterator[datetime]:
    """The moments at which the job's public representation changes by itself."""
    for moment in (job.application_deadline, job.featured_until if job.is_featured else None):
        if moment is not None:
            yield moment


def _seconds_until(moments: Iterable[datetime], *, now: datetime | None = None) -> int:
    now = now or timezone.now()
    seconds = float(settings.JOB_LIST_CACHE_SECONDS)
    for moment in moments:
        seconds = min(seconds, max((moment - now).total_seconds(), 0))
    return int(seconds)


def seconds_true(jobs: Iterable[Any], *, now: datetime | None = None) -> int:
    """How long a response showing these jobs stays right: at most JOB_LIST_CACHE_SECONDS."""
    return _seconds_until((moment for job in jobs for moment in _changes_at(job)), now=now)


class ShownJobs:
    """Watches the jobs a streamed response shows as they pass, to say afterwards how long it stays right."""

    def __init__(self) -> None:
        self.earliest: datetime | None = None

    def watch(self, jobs: Iterable[Any]) -> Iterator[Any]:
        for job in jobs:
            for moment in _changes_at(job):
                self.earliest = moment if self.earliest is None else min(self.earliest, moment)
            yield job

    def seconds_true(self) -> int:
        return _seconds_until([self.earliest] if self.earliest else [])


def _viewer(request: Any) -> str:
    from .services import viewer_key

    return viewer_key(user=getattr(request, "user", None), address=request.META.get("REMOTE_ADDR", ""))


def _once_per_viewer_and_day(request: Any, job_id: int) -> tuple[str, int]:
    return f"job-view:{job_id}:{_viewer(request)}:{timezone.now().date().isoformat()}", 60 * 60 * 24


@view_hook(JOB_VIEWED, once=_once_per_viewer_and_day)
def count_job_view(request: Any, job_id: int) -> None:
    """Each answer of an open job's page, from the cache or not, counts as a view, once per viewer and day
    (the cache absorbs the repeats, so reloads cost no write)."""
    from .services import job_view_record

    job_view_record(job_id=job_id, viewer=_viewer(request))


def connect_invalidation() -> None:
    from nexus.companies.models import Company
    from nexus.taxonomy.models import Category, Industry, Skill, SkillAlias

    from .models import Job

    # A skill's aliases are synonyms in searches and keys of its autocomplete entry: their answers change with them.
    for model in (Job, Company, Category, Industry, Skill, SkillAlias):
        receiver(post_save, sender=model, dispatch_uid=f"jobs-cache-save-{model.__name__}")(jobs_changed)
        receiver(post_delete, sender=model, dispatch_uid=f"jobs-cache-delete-{model.__name__}")(jobs_changed)
