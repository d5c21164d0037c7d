"""The notifications websocket on the real ASGI server: authenticated by the API's JWT, each user
receiving only their own notifications, pushed when another user's API call causes them."""

import json
import os
import time
from contextlib import contextmanager
from datetime import timedelta

import httpx
import pytest
from rest_framework_simplejwt.tokens import AccessToken
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from nexus.accounts.services import tokens_issue
from nexus.notifications import tasks

from .factories import CompanyFactory, EmployerFactory, JobFactory, SeekerFactory
from .factories_notifications import JobAlertFactory, NotificationFactory
from .live_server import UvicornThread

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the server thread and the test share Redis groups"),
]


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    live = UvicornThread().start()
    yield live
    live.stop()


def receive(socket) -> dict:
    return json.loads(socket.recv(timeout=20))


@contextmanager
def open_socket(server, token: str):
    with connect(f"{server.ws_url}?token={token}", open_timeout=20) as socket:
        assert receive(socket)["type"] == "connected"
        yield socket


def test_a_seeker_receives_the_alert_an_employers_publish_causes(server, client_for):
    owner = EmployerFactory()
    company = CompanyFactory(owner=owner)
    seeker, bystander = SeekerFactory(), SeekerFactory()
    alert = JobAlertFactory(user=seeker, frequency="instant", query={"q": "elixir"})
    job = JobFactory(company=company, title="Elixir Engineer", status="draft", published_at=None)

    with (
        open_socket(server, tokens_issue(user=seeker)["access"]) as mine,
        open_socket(server, tokens_issue(user=bystander)["access"]) as theirs,
    ):
        response = client_for(owner).post(f"/api/v1/jobs/{job.pk}/publish/")
        assert response.status_code == 200, response.content

        event = receive(mine)
        assert event["type"] == "notification"
        assert event["notification"]["kind"] == "job_alert"
        assert event["notification"]["data"]["alert_id"] == alert.pk
        assert event["notification"]["data"]["job_ids"] == [job.pk]
        assert event["notification"]["is_read"] is False

        # The bystander's first message is its own notification: the seeker's never reached it.
        own = NotificationFactory(user=bystander)
        tasks.push_notification.apply(kwargs={"notification_id": own.pk})
        assert receive(theirs)["notification"]["id"] == own.pk

        mine.send(json.dumps({"type": "ping"}))
        assert receive(mine) == {"type": "pong"}


def test_the_token_may_come_as_a_subprotocol(server):
    seeker = SeekerFactory()
    token = tokens_issue(user=seeker)["access"]
    with connect(server.ws_url, subprotocols=["bearer", token], open_timeout=20) as socket:
        assert socket.subprotocol == "bearer"
        assert receive(socket) == {"type": "connected", "user_id": seeker.pk}


def expired_token(user) -> str:
    token = AccessToken.for_user(user)
    token.set_exp(lifetime=-timedelta(seconds=1))
    return str(token)


@pytest.mark.parametrize("case", ["missing", "garbage", "expired", "refresh", "inactive", "deleted"])
def test_a_bad_token_closes_with_4401(case, server):
    user = SeekerFactory()
    tokens = tokens_issue(user=user)
    query = {
        "missing": "",
        "garbage": "?token=not-a-jwt",
        "expired": f"?token={expired_token(user)}",
        "refresh": f"?token={tokens['refresh']}",
        "inactive": f"?token={tokens['access']}",
        "deleted": f"?token={tokens['access']}",
    }[case]
    if case == "inactive":
        user.is_active = False
        user.save(update_fields=["is_active"])
    if case == "deleted":
        user.delete()
    with connect(f"{server.ws_url}{query}", open_timeout=20) as socket:
        assert receive(socket)["code"] == "not_authenticated"
        with pytest.raises(ConnectionClosed) as closed:
            socket.recv(timeout=20)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401


def test_the_in_memory_layer_of_the_embedded_default_delivers_a_call_over_real_http(server, settings):
    """Without Redis, the API call and the socket share the server process: the call, made over HTTP to the same
    server, reaches the socket through the in-memory layer."""
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    owner = EmployerFactory()
    seeker = SeekerFactory()
    JobAlertFactory(user=seeker, frequency="instant", query={"q": "clojure"})
    job = JobFactory(company=CompanyFactory(owner=owner), title="Clojure Developer", status="draft", published_at=None)
    with open_socket(server, tokens_issue(user=seeker)["access"]) as socket:
        response = httpx.post(
            f"http://127.0.0.1:{server.port}/api/v1/jobs/{job.pk}/publish/",
            headers={"Authorization": f"Bearer {tokens_issue(user=owner)['access']}"},
            timeout=20,
        )
        assert response.status_code == 200, response.text
        event = receive(socket)
    assert event["notification"]["data"]["job_ids"] == [job.pk]


def test_a_socket_closes_with_4401_once_its_token_expires(server):
    seeker = SeekerFactory()
    token = AccessToken.for_user(seeker)
    token.set_exp(lifetime=timedelta(seconds=3))  # time to connect on a loaded machine (1 s was seen short)
    with open_socket(server, str(token)) as socket:
        time.sleep(3.5)  # past the token's expiry
        tasks.push_notification.apply(kwargs={"notification_id": NotificationFactory(user=seeker).pk})
        assert receive(socket)["code"] == "not_authenticated"
        with pytest.raises(ConnectionClosed) as closed:
            socket.recv(timeout=20)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401
