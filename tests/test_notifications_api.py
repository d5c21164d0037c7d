"""In-app notifications: every user sees and marks only their own; anonymous callers get 401."""

import pytest
from rest_framework.test import APIClient

from nexus.notifications.models import Notification

from .conftest import assert_error
from .factories import AdminFactory, CompanyFactory, EmployerFactory, SeekerFactory
from .factories_notifications import NotificationFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/notifications/"
READ_ALL_URL = "/api/v1/notifications/read-all/"
UNREAD_COUNT_URL = "/api/v1/notifications/unread-count/"
ROLES = ["seeker", "stranger", "owner", "admin"]


def read_url(notification_id: object) -> str:
    return f"/api/v1/notifications/{notification_id}/read/"


@pytest.fixture
def users(db):
    owner = EmployerFactory()
    CompanyFactory(owner=owner)
    return {"seeker": SeekerFactory(), "stranger": EmployerFactory(), "owner": owner, "admin": AdminFactory()}


@pytest.fixture
def others_notification(db) -> Notification:
    return NotificationFactory(user=SeekerFactory())


def test_anonymous_callers_get_401(api_client, others_notification):
    assert_error(api_client.get(LIST_URL), 401)
    assert_error(api_client.get(UNREAD_COUNT_URL), 401)
    assert_error(api_client.post(READ_ALL_URL), 401)
    assert_error(api_client.post(read_url(others_notification.pk)), 401)
    others_notification.refresh_from_db()
    assert others_notification.read_at is None


@pytest.mark.parametrize("role", ROLES)
def test_each_role_lists_only_its_own_newest_first(role, users, client_for, others_notification):
    user = users[role]
    older, newer = NotificationFactory(user=user), NotificationFactory(user=user)
    response = client_for(user).get(LIST_URL)
    assert response.status_code == 200, response.content
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [newer.pk, older.pk]
    assert rows[0] == {
        "id": newer.pk,
        "kind": newer.kind,
        "title": newer.title,
        "body": newer.body,
        "data": {},
        "is_read": False,
        "read_at": None,
        "created_at": rows[0]["created_at"],
    }


@pytest.mark.parametrize("role", ROLES)
def test_each_role_marks_its_own_read_and_gets_404_for_anothers(role, users, client_for, others_notification):
    user = users[role]
    mine = NotificationFactory(user=user)
    client = client_for(user)
    assert client.get(UNREAD_COUNT_URL).json() == {"unread": 1}

    response = client.post(read_url(mine.pk))
    assert response.status_code == 200, response.content
    assert response.json()["is_read"] is True
    assert client.get(UNREAD_COUNT_URL).json() == {"unread": 0}
    again = client.post(read_url(mine.pk))
    assert again.status_code == 200 and again.json()["read_at"] == response.json()["read_at"]

    assert_error(client.post(read_url(others_notification.pk)), 404, "notification_not_found")
    others_notification.refresh_from_db()
    assert others_notification.read_at is None


@pytest.mark.parametrize("key", ["0", "abc", "99999999999999999999999", "%C2%B2"])
def test_reading_an_unknown_id_is_404(key, users, client_for):
    assert_error(client_for(users["seeker"]).post(read_url(key)), 404, "notification_not_found")


def test_read_all_marks_only_the_callers(users, client_for, others_notification):
    seeker = users["seeker"]
    NotificationFactory.create_batch(3, user=seeker)
    client = client_for(seeker)
    assert client.post(READ_ALL_URL).json() == {"marked": 3}
    assert client.post(READ_ALL_URL).json() == {"marked": 0}
    assert client.get(UNREAD_COUNT_URL).json() == {"unread": 0}
    others_notification.refresh_from_db()
    assert others_notification.read_at is None


def test_unread_filter(users, client_for):
    seeker = users["seeker"]
    read, unread = NotificationFactory(user=seeker), NotificationFactory(user=seeker)
    client = client_for(seeker)
    client.post(read_url(read.pk))
    assert [row["id"] for row in client.get(LIST_URL, {"unread": "true"}).json()["results"]] == [unread.pk]
    assert [row["id"] for row in client.get(LIST_URL, {"unread": "false"}).json()["results"]] == [read.pk]
    assert_error(client.get(LIST_URL, {"unread": "yes"}), 400)


def test_cursor_pages_walk_every_notification_once(users, client_for):
    seeker = users["seeker"]
    made = NotificationFactory.create_batch(5, user=seeker)
    client = client_for(seeker)
    seen, url = [], f"{LIST_URL}?page_size=2"
    while url:
        body = client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert seen == [notification.pk for notification in reversed(made)]
    assert_error(client.get(LIST_URL, {"cursor": "garbage"}), 404)
    assert_error(client.get(LIST_URL, {"page_size": "0"}), 400)


@pytest.mark.parametrize("page_size", [2, 20])
def test_the_list_runs_a_constant_number_of_queries(page_size, users, django_assert_num_queries):
    seeker = users["seeker"]
    NotificationFactory.create_batch(25, user=seeker)
    client = APIClient()
    client.force_authenticate(seeker)
    with django_assert_num_queries(1):
        response = client.get(LIST_URL, {"page_size": page_size, "unread": "true"})
    assert len(response.json()["results"]) == page_size
