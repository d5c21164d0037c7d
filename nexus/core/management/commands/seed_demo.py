from django.core.management import call_command
from django.core.management.base import BaseCommand

from nexus.accounts.demo import demo_accounts_create, demo_accounts_exist
from nexus.applications.demo import demo_applications_create
from nexus.companies.demo import demo_companies_create
from nexus.jobs.demo import demo_jobs_create
from nexus.taxonomy.demo import demo_taxonomy_create

DEMO_SCALE_JOBS = 500


class Command(BaseCommand):
    help = "Loads the small demo data set once (skipped when it is already there)."

    def handle(self, *args: object, **options: object) -> None:
        added = demo_taxonomy_create()  # adds only what is missing
        if any(added.values()):
            summary = ", ".join(f"{count} {kind}" for kind, count in added.items())
            self.stdout.write(self.style.SUCCESS(f"Demo taxonomy loaded: {summary}."))
        if demo_accounts_exist():
            self.stdout.write("Demo data already loaded.")
            return
        accounts = demo_accounts_create()
        demo_companies_create()
        demo_jobs_create(employer=accounts["employer"])
        demo_applications_create(seeker=accounts["seeker"], employer=accounts["employer"])
        # A few hundred realistic jobs from other companies, so that lists, filters and search have data.
        call_command("seed_jobs", jobs=DEMO_SCALE_JOBS, seed=7, stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data loaded: {', '.join(user.email for user in accounts.values())}.")
        )
