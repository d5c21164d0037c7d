"""`make run` loads the demo data set once: accounts, taxonomy, companies and jobs to try the API with."""

import pytest
from django.core.management import call_command

from nexus.accounts.demo import DEMO_PASSWORD, demo_email
from nexus.accounts.models import User
from nexus.jobs.demo import DEMO_JOBS
from nexus.jobs.models import Job
from nexus.jobs.selectors import job_list_public

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_data_loads_once_and_can_be_used(api_client):
    # when it is loaded twice
    call_command("seed_demo")
    jobs_after_first = Job.objects.count()
    call_command("seed_demo")

    # then nothing is duplicated
    assert Job.objects.count() == jobs_after_first
    # the demo employer's jobs are listed
    demo_titles = {job["title"] for job in DEMO_JOBS}
    assert demo_titles <= set(job_list_public().values_list("title", flat=True))
    # and the printed demo logins work
    for role in ("admin", "employer", "seeker"):
        assert User.objects.get(email=demo_email(role)).check_password(DEMO_PASSWORD)
        response = api_client.post(
            "/api/v1/auth/login/", {"email": demo_email(role), "password": DEMO_PASSWORD}, format="json"
        )
        assert response.status_code == 200
