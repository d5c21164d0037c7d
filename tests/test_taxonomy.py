"""Taxonomy: the category tree, industries, skills with aliases; readable by all, written by admins."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nexus.accounts.models import SeekerSkill
from nexus.core.errors import ApplicationError
from nexus.jobs.models import Job, JobSkill
from nexus.taxonomy import demo, services
from nexus.taxonomy.models import Category, Industry, Skill, SkillAlias
from nexus.taxonomy.selectors import category_descendant_ids_subquery, skill_resolve, skills_resolve_many

from .conftest import assert_error
from .factories import CategoryFactory, CompanyFactory, IndustryFactory, SeekerFactory, SkillFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "seeker", "employer", "admin_user"]
RESOURCES = ["categories", "industries", "skills"]


def list_url(resource: str) -> str:
    return f"/api/v1/{resource}/"


def detail_url(resource: str, pk: object) -> str:
    return f"/api/v1/{resource}/{pk}/"


@pytest.fixture
def client_as(request, api_client, client_for):
    """A client for a role name: anonymous, seeker, employer or admin_user."""

    def make(role: str):
        return api_client if role == "anonymous" else client_for(request.getfixturevalue(role))

    return make


@pytest.fixture
def admin(client_for, admin_user):
    return client_for(admin_user)


def make_one(resource: str):
    return {"categories": CategoryFactory, "industries": IndustryFactory, "skills": SkillFactory}[resource]()


def create_body(resource: str) -> dict:
    return {
        "categories": {"name": "Backend Development"},
        "industries": {"name": "Banking"},
        "skills": {"name": "Rust", "aliases": ["rust-lang"]},
    }[resource]


def job_in(*, category: Category | None = None, industry: Industry | None = None) -> Job:
    return Job.objects.create(
        company=CompanyFactory(), title="Engineer", slug=f"engineer-{Job.objects.count()}", category=category,
        industry=industry,
    )  # fmt: skip


# --- who may do what ---------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", RESOURCES)
def test_everyone_reads(client_as, role, resource):
    # given
    item = make_one(resource)
    client = client_as(role)

    # when
    listed = client.get(list_url(resource))
    detail = client.get(detail_url(resource, item.pk))

    # then
    assert listed.status_code == 200, listed.content
    assert [row["id"] for row in listed.json()["results"]] == [item.pk]
    assert detail.status_code == 200, detail.content
    assert detail.json()["id"] == item.pk
    assert detail.json()["name"] == item.name


@pytest.mark.parametrize("role,status", [("anonymous", 401), ("seeker", 403), ("employer", 403)])
@pytest.mark.parametrize("resource", RESOURCES)
def test_only_admins_write(client_as, role, status, resource):
    # given
    item = make_one(resource)
    model = type(item)
    before = model.objects.count()
    client = client_as(role)
    code = "not_authenticated" if status == 401 else "permission_denied"

    # when / then: create, replace, change and delete are all refused
    assert_error(client.post(list_url(resource), create_body(resource)), status, code)
    assert_error(client.put(detail_url(resource, item.pk), create_body(resource)), status, code)
    assert_error(client.patch(detail_url(resource, item.pk), {"name": "Renamed"}), status, code)
    assert_error(client.delete(detail_url(resource, item.pk)), status, code)
    assert model.objects.count() == before
    item.refresh_from_db()
    assert item.name != "Renamed"


@pytest.mark.parametrize("resource", RESOURCES)
def test_admin_creates_updates_and_deletes(admin, resource):
    # create
    created = admin.post(list_url(resource), create_body(resource))
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["name"] == create_body(resource)["name"]

    # replace
    replaced = admin.put(detail_url(resource, pk), {"name": "Replaced"})
    assert replaced.status_code == 200, replaced.content
    assert replaced.json()["name"] == "Replaced"

    # change
    changed = admin.patch(detail_url(resource, pk), {"name": "Changed"})
    assert changed.status_code == 200, changed.content
    assert changed.json()["name"] == "Changed"
    assert admin.get(detail_url(resource, pk)).json()["name"] == "Changed"

    # delete
    deleted = admin.delete(detail_url(resource, pk))
    assert deleted.status_code == 204, deleted.content
    assert deleted.content == b""
    assert_error(admin.get(detail_url(resource, pk)), 404, "not_found")


@pytest.mark.parametrize("resource", RESOURCES)
def test_unknown_ids_are_not_found(admin, api_client, resource):
    assert_error(api_client.get(detail_url(resource, 999_999_999)), 404, "not_found")
    assert_error(api_client.get(detail_url(resource, "abc")), 404, "not_found")
    assert_error(admin.patch(detail_url(resource, 999_999_999), {"name": "X"}), 404, "not_found")
    assert_error(admin.delete(detail_url(resource, 999_999_999)), 404, "not_found")


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize(
    "body", [{}, {"name": ""}, {"name": "   "}, {"name": 12}, {"name": "x" * 121}, {"name": "Ok", "slug": "not a slug"}]
)
def test_invalid_bodies_are_refused(admin, resource, body):
    model = {"categories": Category, "industries": Industry, "skills": Skill}[resource]

    assert_error(admin.post(list_url(resource), body), 400, "validation_error")

    assert not model.objects.exists()


@pytest.mark.parametrize("resource", RESOURCES)
def test_slugs_come_from_names_and_stay_unique(admin, resource):
    first = admin.post(list_url(resource), {"name": "R&D Things"}).json()
    admin.post(list_url(resource), {"name": "Other"})

    renamed = admin.patch(detail_url(resource, first["id"]), {"name": "Something Else"}).json()

    assert first["slug"] == "r-and-d-things"
    assert renamed["slug"] == "r-and-d-things"  # slugs are for stable URLs: a rename keeps it
    taken = admin.patch(detail_url(resource, first["id"]), {"slug": "other"})
    body = assert_error(taken, 400, "slug_taken")
    assert "slug" in body["details"]


@pytest.mark.parametrize("resource", RESOURCES)
def test_an_explicit_slug_is_kept(admin, resource):
    response = admin.post(list_url(resource), {"name": "Thing", "slug": "my-thing"})

    assert response.status_code == 201, response.content
    assert response.json()["slug"] == "my-thing"


@pytest.mark.parametrize("resource", ["industries", "skills"])
def test_names_are_unique_in_any_case(admin, resource):
    admin.post(list_url(resource), {"name": "Data Science"})

    body = assert_error(admin.post(list_url(resource), {"name": " data   SCIENCE "}), 400, "name_taken")

    assert "name" in body["details"]


def test_names_are_trimmed(admin):
    response = admin.post(list_url("skills"), {"name": "  Apache   Kafka "})

    assert response.json()["name"] == "Apache Kafka"
    assert response.json()["slug"] == "apache-kafka"


# --- categories: the tree ----------------------------------------------------


def test_a_root_category_has_its_own_id_as_path(admin):
    response = admin.post(list_url("categories"), {"name": "Software Engineering", "description": "Code."})

    assert response.status_code == 201, response.content
    body = response.json()
    assert body == {
        "id": body["id"],
        "name": "Software Engineering",
        "slug": "software-engineering",
        "description": "Code.",
        "parent": None,
        "path": f"{body['id']}/",
        "depth": 0,
        "children_count": 0,
        "ancestors": [],
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
    }
    assert Category.objects.get(pk=body["id"]).path == f"{body['id']}/"


def test_a_subcategory_extends_its_parents_path(admin):
    # given
    root = CategoryFactory(name="Software Engineering")
    backend = CategoryFactory(name="Backend", parent=root)

    # when
    response = admin.post(list_url("categories"), {"name": "APIs", "parent": backend.pk})

    # then
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["path"] == f"{root.pk}/{backend.pk}/{body['id']}/"
    assert body["depth"] == 2
    assert body["parent"] == backend.pk
    assert [ancestor["name"] for ancestor in body["ancestors"]] == ["Software Engineering", "Backend"]
    assert admin.get(detail_url("categories", backend.pk)).json()["children_count"] == 1


def test_an_unknown_parent_is_refused(admin):
    body = assert_error(admin.post(list_url("categories"), {"name": "Orphan", "parent": 999_999}), 400)

    assert "parent" in body["details"]
    assert not Category.objects.exists()


def test_category_names_are_unique_among_siblings_only(admin):
    # given
    data = CategoryFactory(name="Data")
    design = CategoryFactory(name="Design")
    admin.post(list_url("categories"), {"name": "Analytics", "parent": data.pk})

    # then: the same name elsewhere is fine, twice under one parent (or at the top) is not
    assert admin.post(list_url("categories"), {"name": "Analytics", "parent": design.pk}).status_code == 201
    assert_error(admin.post(list_url("categories"), {"name": "ANALYTICS", "parent": data.pk}), 400, "name_taken")
    assert_error(admin.post(list_url("categories"), {"name": "design"}), 400, "name_taken")
    # and the second "Analytics" got a slug of its own
    assert sorted(Category.objects.filter(name="Analytics").values_list("slug", flat=True)) == [
        "analytics",
        "analytics-2",
    ]


def test_moving_a_category_rewrites_the_paths_of_its_subtree(admin):
    # given root_a > mid > leaf > deep, and root_b
    root_a = CategoryFactory(name="A")
    mid = CategoryFactory(name="Mid", parent=root_a)
    leaf = CategoryFactory(name="Leaf", parent=mid)
    deep = CategoryFactory(name="Deep", parent=leaf)
    root_b = CategoryFactory(name="B")

    # when mid moves under root_b
    response = admin.patch(detail_url("categories", mid.pk), {"parent": root_b.pk})

    # then mid and everything below it has a path under root_b
    assert response.status_code == 200, response.content
    assert response.json()["path"] == f"{root_b.pk}/{mid.pk}/"
    assert response.json()["parent"] == root_b.pk
    for category in (mid, leaf, deep, root_a):
        category.refresh_from_db()
    assert leaf.path == f"{root_b.pk}/{mid.pk}/{leaf.pk}/"
    assert deep.path == f"{root_b.pk}/{mid.pk}/{leaf.pk}/{deep.pk}/"
    assert (leaf.depth, deep.depth) == (2, 3)
    assert root_a.path == f"{root_a.pk}/"
    assert admin.get(detail_url("categories", root_a.pk)).json()["children_count"] == 0


def test_moving_a_category_to_the_top_level(admin):
    root = CategoryFactory()
    child = CategoryFactory(parent=root)
    grandchild = CategoryFactory(parent=child)

    response = admin.patch(detail_url("categories", child.pk), {"parent": None})

    assert response.status_code == 200, response.content
    assert response.json()["path"] == f"{child.pk}/"
    grandchild.refresh_from_db()
    assert grandchild.path == f"{child.pk}/{grandchild.pk}/"


def test_put_without_parent_makes_a_root(admin):
    root = CategoryFactory()
    child = CategoryFactory(parent=root, description="Old")

    response = admin.put(detail_url("categories", child.pk), {"name": "Now a root"})

    assert response.status_code == 200, response.content
    assert (response.json()["parent"], response.json()["depth"], response.json()["description"]) == (None, 0, "")


def test_a_move_updates_the_descendants_in_one_statement(django_assert_max_num_queries):
    # given a subtree of 1 + 3 + 9 categories
    target = CategoryFactory()
    top = CategoryFactory()
    for _ in range(3):
        child = CategoryFactory(parent=top)
        for _ in range(3):
            CategoryFactory(parent=child)

    # when
    with CaptureQueriesContext(connection) as queries:
        services.category_update(category=top, parent=target)

    # then one UPDATE for the moved category and one for all 12 below it
    updates = [query["sql"] for query in queries.captured_queries if query["sql"].startswith("UPDATE")]
    assert len(updates) == 2, updates
    assert Category.objects.filter(path__startswith=f"{target.pk}/{top.pk}/").count() == 13


@pytest.mark.parametrize("onto", ["itself", "child", "grandchild"])
def test_a_category_cannot_move_under_itself_or_a_descendant(admin, onto):
    # given
    root = CategoryFactory()
    child = CategoryFactory(parent=root)
    grandchild = CategoryFactory(parent=child)
    parent = {"itself": root, "child": child, "grandchild": grandchild}[onto]

    # when
    response = admin.patch(detail_url("categories", root.pk), {"parent": parent.pk})

    # then
    body = assert_error(response, 400, "category_cycle")
    assert "parent" in body["details"]
    root.refresh_from_db()
    grandchild.refresh_from_db()
    assert (root.parent_id, root.path) == (None, f"{root.pk}/")
    assert grandchild.path == f"{root.pk}/{child.pk}/{grandchild.pk}/"


def test_the_tree_has_a_depth_limit(admin):
    # given a chain as deep as allowed
    chain = [CategoryFactory()]
    for _ in range(services.MAX_CATEGORY_DEPTH - 1):
        chain.append(CategoryFactory(parent=chain[-1]))
    assert chain[-1].depth == services.MAX_CATEGORY_DEPTH - 1

    # then nothing goes below its end, neither new nor moved
    assert_error(
        admin.post(list_url("categories"), {"name": "Too deep", "parent": chain[-1].pk}), 400, "category_too_deep"
    )
    two_levels = CategoryFactory()
    CategoryFactory(parent=two_levels)
    move = admin.patch(detail_url("categories", two_levels.pk), {"parent": chain[-2].pk})
    assert_error(move, 400, "category_too_deep")


def test_a_category_with_subcategories_is_not_deleted(admin):
    root = CategoryFactory()
    CategoryFactory(parent=root)

    body = assert_error(admin.delete(detail_url("categories", root.pk)), 409, "category_has_children")

    assert body["details"] == {"children_count": 1}
    assert Category.objects.filter(pk=root.pk).exists()


def test_a_category_with_jobs_is_not_deleted(admin):
    category = CategoryFactory()
    job_in(category=category)

    assert_error(admin.delete(detail_url("categories", category.pk)), 409, "category_in_use")

    assert Category.objects.filter(pk=category.pk).exists()


def test_an_industry_with_jobs_is_not_deleted(admin):
    industry = IndustryFactory()
    job_in(industry=industry)

    assert_error(admin.delete(detail_url("industries", industry.pk)), 409, "industry_in_use")

    assert Industry.objects.filter(pk=industry.pk).exists()


def test_a_skill_in_use_is_not_deleted(admin):
    # given one skill required by a job and one on a seeker's profile
    for_job, on_profile = SkillFactory(), SkillFactory()
    JobSkill.objects.create(job=job_in(), skill=for_job)
    SeekerSkill.objects.create(profile=SeekerFactory().seeker_profile, skill=on_profile)

    # then neither is deleted
    assert_error(admin.delete(detail_url("skills", for_job.pk)), 409, "skill_in_use")
    assert_error(admin.delete(detail_url("skills", on_profile.pk)), 409, "skill_in_use")
    assert Skill.objects.count() == 2


# --- categories: lists -------------------------------------------------------


@pytest.fixture
def tree() -> dict[str, Category]:
    """Software > (Backend > APIs, Frontend); Design; Sales."""
    software = CategoryFactory(name="Software")
    backend = CategoryFactory(name="Backend", parent=software)
    return {
        "software": software,
        "backend": backend,
        "apis": CategoryFactory(name="APIs", parent=backend),
        "frontend": CategoryFactory(name="Frontend", parent=software),
        "design": CategoryFactory(name="Design"),
        "sales": CategoryFactory(name="Sales"),
    }


def test_the_list_is_in_tree_order(api_client, tree):
    results = api_client.get(list_url("categories")).json()["results"]

    paths = [row["path"] for row in results]
    assert paths == sorted(paths)
    assert len(results) == 6
    software = next(row for row in results if row["id"] == tree["software"].pk)
    assert (software["children_count"], software["depth"], software["parent"]) == (2, 0, None)
    assert "children" not in software


def test_the_list_filters_by_parent(api_client, tree):
    response = api_client.get(list_url("categories"), {"parent": tree["software"].pk})

    assert {row["name"] for row in response.json()["results"]} == {"Backend", "Frontend"}


def test_the_list_filters_roots(api_client, tree):
    response = api_client.get(list_url("categories"), {"roots": "true"})

    assert {row["name"] for row in response.json()["results"]} == {"Software", "Design", "Sales"}


@pytest.mark.parametrize(
    "query", [{"parent": "abc"}, {"roots": "maybe"}, {"tree": "2"}, {"roots": "true", "parent": 1}]
)
def test_bad_list_filters_are_refused(api_client, query):
    assert_error(api_client.get(list_url("categories"), query), 400, "validation_error")


def test_the_tree_nests_children(api_client, tree):
    # when
    response = api_client.get(list_url("categories"), {"tree": "true"})

    # then
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["next"], body["previous"]) == (None, None)

    def shape(nodes: list[dict]) -> dict:
        return {node["name"]: shape(node["children"]) for node in nodes}

    assert shape(body["results"]) == {
        "Software": {"Backend": {"APIs": {}}, "Frontend": {}},
        "Design": {},
        "Sales": {},
    }
    software = body["results"][[node["name"] for node in body["results"]].index("Software")]
    assert software["children_count"] == 2


def test_the_tree_below_a_parent(api_client, tree):
    response = api_client.get(list_url("categories"), {"tree": "true", "parent": tree["software"].pk})

    nodes = response.json()["results"]
    assert sorted(node["name"] for node in nodes) == ["Backend", "Frontend"]
    backend = next(node for node in nodes if node["name"] == "Backend")
    assert [node["name"] for node in backend["children"]] == ["APIs"]


def test_the_tree_is_one_query(api_client, tree, django_assert_num_queries):
    api_client.get(list_url("categories"), {"tree": "true"})  # warm up anything cached once per process
    cache.clear()  # but not the answer itself

    with django_assert_num_queries(1):
        api_client.get(list_url("categories"), {"tree": "true"})


def test_the_list_is_paginated_with_cursors(api_client, tree):
    first = api_client.get(list_url("categories"), {"page_size": 4}).json()
    second = api_client.get(first["next"]).json()

    assert len(first["results"]) == 4
    assert len(second["results"]) == 2
    assert second["next"] is None
    ids = [row["id"] for row in first["results"] + second["results"]]
    assert sorted(ids) == sorted(category.pk for category in tree.values())


def test_a_category_shows_its_breadcrumb(api_client, tree):
    body = api_client.get(detail_url("categories", tree["apis"].pk)).json()

    assert [(crumb["id"], crumb["name"]) for crumb in body["ancestors"]] == [
        (tree["software"].pk, "Software"),
        (tree["backend"].pk, "Backend"),
    ]
    assert set(body["ancestors"][0]) == {"id", "name", "slug"}


# --- categories: descendants as a subquery -------------------------------------


def test_descendant_ids_hold_the_category_and_everything_below(tree, django_assert_num_queries):
    subquery = category_descendant_ids_subquery(category_id=tree["software"].pk)

    with django_assert_num_queries(1):
        ids = set(subquery)

    assert ids == {tree["software"].pk, tree["backend"].pk, tree["apis"].pk, tree["frontend"].pk}


def test_descendant_ids_of_a_leaf_and_of_nothing(tree):
    assert set(category_descendant_ids_subquery(category_id=tree["apis"].pk)) == {tree["apis"].pk}
    assert set(category_descendant_ids_subquery(category_id=999_999)) == set()


def test_descendant_ids_filter_another_query_in_one_statement(tree, django_assert_num_queries):
    # given jobs in a grandchild, in a sibling tree and in none
    in_apis = job_in(category=tree["apis"])
    job_in(category=tree["design"])
    job_in()

    # when filtered by the root of the first tree
    with django_assert_num_queries(1):
        found = list(Job.objects.filter(category__in=category_descendant_ids_subquery(category_id=tree["software"].pk)))

    # then
    assert found == [in_apis]


def test_descendant_ids_are_not_fooled_by_id_prefixes():
    # given categories 7001 (with child 70013) and 70012: "7001/" must not match "70012/"
    def make(pk: int, path: str) -> Category:
        return Category.objects.create(pk=pk, name=f"C{pk}", slug=f"c{pk}", path=path)

    make(7001, "7001/")
    make(70012, "70012/")
    Category.objects.create(pk=70013, name="Child", slug="child", path="7001/70013/", parent_id=7001)

    assert set(category_descendant_ids_subquery(category_id=7001)) == {7001, 70013}


# --- skills ------------------------------------------------------------------


def test_a_skill_is_created_with_aliases(admin):
    response = admin.post(list_url("skills"), {"name": "JavaScript", "aliases": ["js", "ECMAScript", "JS", " js "]})

    assert response.status_code == 201, response.content
    body = response.json()
    assert body == {"id": body["id"], "name": "JavaScript", "slug": "javascript", "aliases": ["ECMAScript", "js"]}


def test_an_alias_equal_to_the_skills_own_name_is_dropped(admin):
    response = admin.post(list_url("skills"), {"name": "Go", "aliases": ["golang", "GO"]})

    assert response.json()["aliases"] == ["golang"]


@pytest.mark.parametrize(
    "skill,clash",
    [
        ("Java", "javascript"),  # another skill's name, in another case
        ("Java", "JS"),  # another skill's alias
        ("Java", "ecmascript"),
    ],
)
def test_an_alias_may_not_name_another_skill(admin, skill, clash):
    SkillFactory(name="JavaScript", aliases=["js", "ECMAScript"])

    body = assert_error(admin.post(list_url("skills"), {"name": skill, "aliases": ["jvm", clash]}), 400, "alias_taken")

    assert "aliases" in body["details"]
    assert not Skill.objects.filter(name=skill).exists()
    assert not SkillAlias.objects.filter(alias="jvm").exists()


def test_a_name_may_not_be_another_skills_alias(admin):
    SkillFactory(name="JavaScript", aliases=["js"])

    body = assert_error(admin.post(list_url("skills"), {"name": "JS"}), 400, "name_taken")

    assert "alias" in body["error"]


def test_an_alias_clash_on_update_changes_nothing(admin):
    SkillFactory(name="PostgreSQL", aliases=["postgres"])
    mysql = SkillFactory(name="MySQL", aliases=["mariadb"])

    response = admin.patch(detail_url("skills", mysql.pk), {"name": "MySQL 8", "aliases": ["postgres"]})

    assert_error(response, 400, "alias_taken")
    mysql.refresh_from_db()
    assert mysql.name == "MySQL"
    assert list(mysql.aliases.values_list("alias", flat=True)) == ["mariadb"]


def test_aliases_are_replaced_as_a_whole(admin):
    skill = SkillFactory(name="Kubernetes", aliases=["kube", "k8"])

    response = admin.patch(detail_url("skills", skill.pk), {"aliases": ["k8s", "kube"]})

    assert response.status_code == 200, response.content
    assert response.json()["aliases"] == ["k8s", "kube"]
    assert sorted(SkillAlias.objects.values_list("alias", flat=True)) == ["k8s", "kube"]


def test_patch_without_aliases_keeps_them_and_put_without_aliases_drops_them(admin):
    skill = SkillFactory(name="Python", aliases=["py"])

    kept = admin.patch(detail_url("skills", skill.pk), {"name": "Python 3"}).json()
    dropped = admin.put(detail_url("skills", skill.pk), {"name": "Python"}).json()

    assert kept["aliases"] == ["py"]
    assert dropped["aliases"] == []


def test_a_skill_may_take_its_own_alias_as_name(admin):
    skill = SkillFactory(name="Golang", aliases=["go"])

    response = admin.patch(detail_url("skills", skill.pk), {"name": "Go"})

    assert response.status_code == 200, response.content
    assert (response.json()["name"], response.json()["aliases"]) == ("Go", [])


def test_aliases_are_limited(admin):
    body = assert_error(
        admin.post(list_url("skills"), {"name": "Many", "aliases": [f"alias {i}" for i in range(31)]}),
        400,
        "validation_error",
    )
    assert "aliases" in body["details"]


@pytest.mark.parametrize(
    "name,slug", [("C++", "c-plus-plus"), ("C#", "c-sharp"), ("Node.js", "nodejs"), ("!!!", "skill")]
)
def test_skill_slugs_keep_the_meaning_of_symbols(admin, name, slug):
    assert admin.post(list_url("skills"), {"name": name}).json()["slug"] == slug


@pytest.fixture
def skills() -> dict[str, Skill]:
    return {
        skill.name: skill
        for skill in [
            SkillFactory(name="Python", aliases=["py"]),
            SkillFactory(name="PyTorch", aliases=["torch"]),
            SkillFactory(name="PostgreSQL", aliases=["postgres", "psql"]),
            SkillFactory(name="Kubernetes", aliases=["k8s"]),
            SkillFactory(name="JavaScript", aliases=["js"]),
        ]
    }


@pytest.mark.parametrize(
    "q,expected",
    [
        ("py", ["Python", "PyTorch"]),
        ("PY", ["Python", "PyTorch"]),
        ("post", ["PostgreSQL"]),  # name and alias both match: listed once
        ("psq", ["PostgreSQL"]),
        ("K8", ["Kubernetes"]),
        ("torch", ["PyTorch"]),
        ("script", []),  # a prefix, not a substring
        ("%", []),
        ("", ["JavaScript", "Kubernetes", "PostgreSQL", "PyTorch", "Python"]),
    ],
)
def test_skills_are_searched_by_name_or_alias_prefix(api_client, skills, q, expected):
    response = api_client.get(list_url("skills"), {"q": q})

    assert response.status_code == 200, response.content
    assert [row["name"] for row in response.json()["results"]] == sorted(expected)  # by name, code point order


@pytest.mark.parametrize(
    "name,expected",
    [
        ("js", "JavaScript"),
        ("JS", "JavaScript"),
        ("javascript", "JavaScript"),
        ("postgres", "PostgreSQL"),
        ("  Postgres ", "PostgreSQL"),
        ("PSQL", "PostgreSQL"),
        ("k8s", "Kubernetes"),
        ("py", "Python"),
        ("pyt", None),
        ("", None),
        ("cobol", None),
    ],
)
def test_skill_resolve_finds_names_and_aliases_in_any_case(skills, django_assert_num_queries, name, expected):
    with django_assert_num_queries(1 if name.strip() else 0):
        skill = skill_resolve(name=name)

    assert (skill.name if skill else None) == expected


def test_skills_resolve_many_in_one_query(skills, django_assert_num_queries):
    names = ["js", "PostgreSQL", "nope", "K8S", "postgres", ""]

    with django_assert_num_queries(1):
        found = skills_resolve_many(names=names)

    assert {name: skill.name for name, skill in found.items()} == {
        "js": "JavaScript",
        "PostgreSQL": "PostgreSQL",
        "K8S": "Kubernetes",
        "postgres": "PostgreSQL",
    }
    assert skills_resolve_many(names=[]) == {}


def test_services_refuse_the_same_rules_as_the_api(skills):
    with pytest.raises(ApplicationError) as alias_clash:
        services.skill_create(name="Java", aliases=["JavaScript"])
    with pytest.raises(ApplicationError) as name_clash:
        services.skill_update(skill=skills["Python"], name="psql")

    assert alias_clash.value.code == "alias_taken"
    assert name_clash.value.code == "name_taken"


# --- query counts ------------------------------------------------------------


def _queries(client, url: str, params: dict | None = None) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.content
    return len(queries.captured_queries), response.json()


def _add(resource: str, count: int) -> None:
    if resource == "categories":
        roots = [CategoryFactory() for _ in range(max(1, count // 3))]
        for i in range(count - len(roots)):
            CategoryFactory(parent=roots[i % len(roots)])
    elif resource == "industries":
        for _ in range(count):
            IndustryFactory()
    else:
        start = Skill.objects.count()
        for i in range(start, start + count):
            SkillFactory(aliases=[f"alias {i} a", f"alias {i} b"])


@pytest.mark.parametrize(
    "resource,params",
    [
        ("categories", {}),
        ("categories", {"tree": "true"}),
        ("categories", {"roots": "true"}),
        ("industries", {}),
        ("skills", {}),
        ("skills", {"q": "skill"}),
    ],
)
@pytest.mark.parametrize("role", ["anonymous", "seeker"])
def test_list_query_counts_do_not_grow_with_the_rows(client_as, role, resource, params):
    # given
    client = client_as(role)
    _add(resource, 3)
    client.get(list_url(resource), params)  # warm up anything cached once per process
    cache.clear()  # but not the answer itself

    # when counted with 3 and with 20 rows
    few, few_body = _queries(client, list_url(resource), params)
    _add(resource, 17)
    many, many_body = _queries(client, list_url(resource), {**params, "page_size": 100})

    # then
    assert len(many_body["results"]) > len(few_body["results"])
    assert few == many


# --- demo data and admin ------------------------------------------------------


def test_the_demo_taxonomy_is_loaded_once():
    # when loaded twice
    first = demo.demo_taxonomy_create()
    second = demo.demo_taxonomy_create()

    # then
    children = sum(len(names) for _, names in demo.CATEGORY_TREE)
    assert first == {
        "categories": len(demo.CATEGORY_TREE) + children,
        "industries": len(demo.INDUSTRIES),
        "skills": len(demo.SKILLS),
    }
    assert second == {"categories": 0, "industries": 0, "skills": 0}
    assert Category.objects.filter(parent__isnull=True).count() == len(demo.CATEGORY_TREE)
    assert max(category.depth for category in Category.objects.all()) == 1
    for alias, name in [
        ("js", "JavaScript"),
        ("ts", "TypeScript"),
        ("postgres", "PostgreSQL"),
        ("psql", "PostgreSQL"),
        ("k8s", "Kubernetes"),
        ("py", "Python"),
        ("golang", "Go"),
        ("reactjs", "React"),
        ("react.js", "React"),
        ("nodejs", "Node.js"),
        ("node", "Node.js"),
        ("aws", "Amazon Web Services"),
        ("gcp", "Google Cloud"),
        ("ml", "Machine Learning"),
    ]:
        assert skill_resolve(name=alias).name == name, alias


def test_seed_demo_loads_taxonomy_and_profile_skills_and_can_run_again():
    call_command("seed_demo")
    call_command("seed_demo")

    seeker_skills = SeekerSkill.objects.filter(profile__user__email__startswith="seeker@")
    assert {entry.name for entry in seeker_skills} == {"Python", "Django", "PostgreSQL", "REST APIs", "Docker"}
    # every demo skill is there once (the seeded demo jobs may add more skills)
    demo_names = [name for name, _aliases in demo.SKILLS]
    assert Skill.objects.filter(name__in=demo_names).count() == len(demo_names)


def test_the_admin_creates_and_moves_categories_through_the_services(client, admin_user):
    # given
    client.force_login(admin_user)
    root = CategoryFactory(name="Root")
    other = CategoryFactory(name="Other")

    # when a category is added under root, then moved under other
    added = client.post(
        "/admin/taxonomy/category/add/", {"name": "Child", "slug": "child", "parent": root.pk, "description": ""}
    )
    child = Category.objects.get(slug="child")
    moved = client.post(
        f"/admin/taxonomy/category/{child.pk}/change/",
        {"name": "Child", "slug": "child", "parent": other.pk, "description": ""},
    )

    # then
    assert added.status_code == 302, added.content
    assert moved.status_code == 302, moved.content
    child.refresh_from_db()
    assert child.path == f"{other.pk}/{child.pk}/"


def test_the_admin_refuses_a_cycle(client, admin_user):
    client.force_login(admin_user)
    root = CategoryFactory(name="Root")
    child = CategoryFactory(name="Child", parent=root)

    response = client.post(
        f"/admin/taxonomy/category/{root.pk}/change/",
        {"name": "Root", "slug": root.slug, "parent": child.pk, "description": ""},
    )

    assert response.status_code == 200  # the form again, with the error
    assert "cannot move under itself" in response.content.decode()
    root.refresh_from_db()
    assert root.parent_id is None


@pytest.mark.parametrize("page", ["category", "industry", "skill"])
def test_the_admin_pages_open(client, admin_user, page):
    client.force_login(admin_user)
    make_one({"category": "categories", "industry": "industries", "skill": "skills"}[page])

    assert client.get(f"/admin/taxonomy/{page}/").status_code == 200
    assert client.get(f"/admin/taxonomy/{page}/add/").status_code == 200


def test_the_admin_refuses_an_alias_that_names_another_skill(client, admin_user):
    client.force_login(admin_user)
    SkillFactory(name="JavaScript")

    response = client.post(
        "/admin/taxonomy/skill/add/",
        {
            "name": "Java",
            "slug": "java",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-alias": "javascript",
        },
    )

    assert response.status_code == 200
    assert not Skill.objects.filter(name="Java").exists()


@pytest.mark.parametrize("resource", RESOURCES)
def test_options_describes_the_request_body(admin, resource):
    response = admin.options(list_url(resource))

    assert response.status_code == 200, response.content
    assert "name" in response.json()["actions"]["POST"]


@pytest.mark.parametrize("aliases", ["js", [12], [None], [["js"]], [""]])
def test_aliases_must_be_a_list_of_strings(admin, aliases):
    response = admin.post(list_url("skills"), {"name": "JavaScript", "aliases": aliases})

    body = assert_error(response, 400, "validation_error")

    assert "aliases" in body["details"]
    assert not Skill.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("param", ["page=2", "cursor=abc", "page_size=101"])
def test_the_tree_refuses_paging_parameters(api_client, param):
    response = api_client.get(f"/api/v1/categories/?tree=true&{param}")
    body = assert_error(response, 400, "validation_error")
    assert param.split("=")[0] in body["details"]
