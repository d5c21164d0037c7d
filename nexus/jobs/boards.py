"""The Greenhouse-shaped job board: one company's listed jobs, departments and offices.

Mapping (see the README): a department is the job's category (with its parents from the
category tree); an office is the job's place (a country office with city offices under it),
or "Remote". Only listed jobs appear: published, approved, not past their deadline, of an
approved company. Anything else is as if it did not exist.
"""

import html
import re
import zlib
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from nexus.companies.models import Company
from nexus.companies.selectors import company_get_visible
from nexus.core.errors import InvalidInput, NotFound
from nexus.core.lookups import id_or_slug

from .cache import seconds_true
from .choices import RemoteType
from .models import Job
from .screening import QuestionType
from .selectors import job_list_public

CALLBACK = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$.]{0,63}$")
REMOTE_OFFICE = "Remote"


def board_callback(value: str | None) -> str | None:
    """A JSONP callback name, or None when not asked; anything but a plain JS identifier path is refused."""
    if value is None:
        return None
    if not CALLBACK.fullmatch(value):
        raise InvalidInput(
            "The callback must be a JavaScript name: [A-Za-z_$][A-Za-z0-9_$.]{0,63}.",
            code="invalid_callback",
            details={"callback": ["Not a valid JavaScript function name."]},
        )
    return value


def board_flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("true", "1", "yes")


# --- reads ---


def board_company(*, key: str) -> Company:
    """The board's company (id or slug) if it is public; else NotFound."""
    return company_get_visible(user=AnonymousUser(), key=key)


def board_jobs(*, company: Company, content: bool = False) -> QuerySet[Job]:
    jobs = job_list_public().filter(company_id=company.pk).order_by("-published_at", "-id")
    if content:
        jobs = jobs.defer(None).select_related("company", "category")
    return jobs


def board_job(*, company: Company, job_id: str) -> Job:
    job = board_jobs(company=company, content=True).filter(id_or_slug(job_id)).first()
    if job is None:
        raise NotFound("This job does not exist or is not on this board.", code="job_not_found")
    return job


# --- departments (categories) ---


def _category_ids_with_ancestors(jobs: list[Job]) -> set[int]:
    ids: set[int] = set()
    for job in jobs:
        if job.category is not None:
            ids.update(int(part) for part in job.category.path.strip("/").split("/") if part)
    return ids


class Departments:
    """The categories of a board's jobs and their parents, as Greenhouse departments."""

    def __init__(self, jobs: list[Job]):
        from nexus.taxonomy.models import Category

        self.nodes = {c.pk: c for c in Category.objects.filter(pk__in=_category_ids_with_ancestors(jobs))}
        self.children: dict[int | None, list[int]] = {}
        for category in sorted(self.nodes.values(), key=lambda c: (c.name.lower(), c.pk)):
            parent = category.parent_id if category.parent_id in self.nodes else None
            self.children.setdefault(parent, []).append(category.pk)

    def ref(self, category_id: int) -> dict[str, Any]:
        category = self.nodes[category_id]
        return {
            "id": category.pk,
            "name": category.name,
            "parent_id": category.parent_id if category.parent_id in self.nodes else None,
            "child_ids": self.children.get(category.pk, []),
        }

    def for_job(self, job: Job) -> list[dict[str, Any]]:
        return [self.ref(job.category_id)] if job.category_id in self.nodes else []


# --- offices (places) ---


def _stable_id(key: str) -> int:
    """A positive 31-bit id that stays the same for the same place across requests and deploys."""
    return zlib.crc32(key.encode()) & 0x7FFFFFFF


def _office_keys(job: Job) -> tuple[str, str] | None:
    """(country, city) of an on-site or hybrid job, or None for a remote (or placeless) one."""
    if job.remote_type == RemoteType.REMOTE or not job.country:
        return None
    return job.country.upper(), job.city.strip()


def job_location_name(job: Job) -> str:
    keys = _office_keys(job)
    if keys is None:
        return REMOTE_OFFICE
    country, city = keys
    name = f"{city}, {country}" if city else country
    return f"{name} (Hybrid)" if job.remote_type == RemoteType.HYBRID else name


class Offices:
    """Country offices with city offices under them, plus "Remote": synthesised, with stable ids."""

    def __init__(self, jobs: list[Job]):
        self.nodes: dict[int, dict[str, Any]] = {}
        self.children: dict[int | None, list[int]] = {}
        self.job_office: dict[int, int] = {}
        for job in jobs:
            self.job_office[job.pk] = self._add(job)
        for ids in self.children.values():
            ids.sort(key=lambda pk: (self.nodes[pk]["name"].lower(), pk))

    def _node(self, key: str, name: str, location: str, parent: int | None) -> int:
        pk = _stable_id(key)
        if pk not in self.nodes:
            self.nodes[pk] = {"id": pk, "name": name, "location": location, "parent_id": parent}
            self.children.setdefault(parent, []).append(pk)
        return pk

    def _add(self, job: Job) -> int:
        keys = _office_keys(job)
        if keys is None:
            return self._node("remote", REMOTE_OFFICE, REMOTE_OFFICE, None)
        country, city = keys
        country_id = self._node(f"country:{country}", country, country, None)
        if not city:
            return country_id
        return self._node(f"city:{country}:{city.lower()}", city, f"{city}, {country}", country_id)

    def ref(self, office_id: int) -> dict[str, Any]:
        return {**self.nodes[office_id], "child_ids": self.children.get(office_id, [])}

    def for_job(self, job: Job) -> list[dict[str, Any]]:
        return [self.ref(self.job_office[job.pk])]


# --- the Greenhouse shapes ---


def job_absolute_url(job: Job) -> str:
    return f"{settings.FRONTEND_URL}/jobs/{job.slug}"


def board_job_item(
    job: Job,
    *,
    company: Company,
    content: bool = False,
    departments: Departments | None = None,
    offices: Offices | None = None,
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": job.pk,
        "internal_job_id": job.pk,
        "title": job.title,
        "updated_at": job.updated_at.isoformat(),
        "requisition_id": str(job.reference),
        "location": {"name": job_location_name(job)},
        "absolute_url": job_absolute_url(job),
        "metadata": None,
        "data_compliance": [],
        "company_name": company.name,
        "first_published": job.published_at.isoformat() if job.published_at else None,
        "language": "en",
    }
    if content:
        departments = departments or Departments([job])
        offices = offices or Offices([job])
        item["content"] = html.escape(job.description)
        item["departments"] = departments.for_job(job)
        item["offices"] = offices.for_job(job)
    return item


# Each answer comes with how long it stays true (cache.seconds_true of the jobs it shows): boards are kept in the
# shared cache like the job lists (views_boards.py).
Shown = tuple[dict[str, Any], int]


def board_job_list(*, company: Company, content: bool) -> Shown:
    jobs = list(board_jobs(company=company, content=content))
    departments = Departments(jobs) if content else None
    offices = Offices(jobs) if content else None
    items = [
        board_job_item(job, company=company, content=content, departments=departments, offices=offices) for job in jobs
    ]
    return {"jobs": items, "meta": {"total": len(items)}}, seconds_true(jobs)


STANDARD_QUESTIONS: list[dict[str, Any]] = [
    {"required": True, "label": "First Name", "description": None,
     "fields": [{"name": "first_name", "type": "input_text", "values": []}]},
    {"required": True, "label": "Last Name", "description": None,
     "fields": [{"name": "last_name", "type": "input_text", "values": []}]},
    {"required": True, "label": "Email", "description": None,
     "fields": [{"name": "email", "type": "input_text", "values": []}]},
    {"required": True, "label": "Resume/CV", "description": None,
     "fields": [{"name": "resume", "type": "input_file", "values": []},
                {"name": "resume_text", "type": "textarea", "values": []}]},
]  # fmt: skip

QUESTION_FIELD_TYPES = {
    QuestionType.SHORT_TEXT: "input_text",
    QuestionType.LONG_TEXT: "textarea",
    QuestionType.YES_NO: "multi_value_single_select",
    QuestionType.SINGLE_CHOICE: "multi_value_single_select",
    QuestionType.MULTIPLE_CHOICE: "multi_value_multi_select",
    QuestionType.NUMBER: "input_text",
}


def greenhouse_question(question: dict[str, Any]) -> dict[str, Any]:
    """One screening question in Greenhouse's format. Choice values are the choice texts (what our
    applications take as answers); yes/no is 1/0 as in Greenhouse."""
    kind = question.get("type", QuestionType.SHORT_TEXT)
    if kind == QuestionType.YES_NO:
        values = [{"label": "Yes", "value": 1}, {"label": "No", "value": 0}]
    else:
        values = [{"label": choice, "value": choice} for choice in question.get("choices") or []]
    return {
        "required": bool(question.get("required")),
        "label": question.get("label", ""),
        "description": None,
        "fields": [
            {"name": f"question_{question.get('key', '')}", "type": QUESTION_FIELD_TYPES.get(kind, "input_text"),
             "values": values}
        ],
    }  # fmt: skip


def board_job_detail(*, company: Company, job_id: str, questions: bool) -> Shown:
    job = board_job(company=company, job_id=job_id)
    item = board_job_item(job, company=company, content=True)
    if questions:
        item["questions"] = [*STANDARD_QUESTIONS, *(greenhouse_question(q) for q in job.screening_questions or [])]
    return item, seconds_true([job])


def _brief(job: Job, company: Company) -> dict[str, Any]:
    return board_job_item(job, company=company)


def _tree(
    ids: list[int], ref: Any, children: dict[int | None, list[int]], jobs_of: dict[int, list[dict]]
) -> list[dict[str, Any]]:
    nodes = []
    for pk in ids:
        node = {key: value for key, value in ref(pk).items() if key != "child_ids"}
        node["jobs"] = jobs_of.get(pk, [])
        node["children"] = _tree(children.get(pk, []), ref, children, jobs_of)
        nodes.append(node)
    return nodes


def board_departments(*, company: Company, tree: bool) -> Shown:
    jobs = list(board_jobs(company=company).select_related("category"))
    departments = Departments(jobs)
    jobs_of: dict[int, list[dict]] = {}
    unassigned = []
    for job in jobs:
        if job.category_id in departments.nodes:
            jobs_of.setdefault(job.category_id, []).append(_brief(job, company))
        else:
            unassigned.append(_brief(job, company))
    no_department = {"id": 0, "name": "No Department", "parent_id": None, "child_ids": [], "jobs": unassigned}
    if tree:
        roots = _tree(departments.children.get(None, []), departments.ref, departments.children, jobs_of)
        if unassigned:
            roots.append({**{k: v for k, v in no_department.items() if k != "child_ids"}, "children": []})
        return {"departments": roots}, seconds_true(jobs)
    listed = [{**departments.ref(pk), "jobs": jobs_of.get(pk, [])} for pk in sorted(departments.nodes)]
    return {"departments": listed + ([no_department] if unassigned else [])}, seconds_true(jobs)


def board_offices(*, company: Company, tree: bool) -> Shown:
    jobs = list(board_jobs(company=company))
    offices = Offices(jobs)
    jobs_of: dict[int, list[dict]] = {}
    for job in jobs:
        jobs_of.setdefault(offices.job_office[job.pk], []).append(_brief(job, company))
    if tree:
        listed = _tree(offices.children.get(None, []), offices.ref, offices.children, jobs_of)
    else:
        listed = [{**offices.ref(pk), "jobs": jobs_of.get(pk, [])} for pk in sorted(offices.nodes)]
    return {"offices": listed}, seconds_true(jobs)
