from django.core.management.base import BaseCommand

from nexus.accounts.demo import demo_accounts_create, demo_accounts_exist


class Command(BaseCommand):
    help = "Loads the small demo data set once (skipped when it is already there)."

    def handle(self, *args: object, **options: object) -> None:
        if demo_accounts_exist():
            self.stdout.write("Demo data already loaded.")
            return
        accounts = demo_accounts_create()
        self.stdout.write(
            self.style.SUCCESS(f"Demo data loaded: {', '.join(user.email for user in accounts.values())}.")
        )
