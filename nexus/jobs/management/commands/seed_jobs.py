from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from nexus.jobs.seeding import SEED_EMAIL_DOMAIN, SEED_PASSWORD, SeedCounts, seed_scale_data


def count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ArgumentTypeError("must be 0 or more")
    return number


class Command(BaseCommand):
    help = (
        "Fills the database with realistic scale data: taxonomy, employers, seekers, companies and N jobs "
        "(streamed with COPY; a million jobs take minutes). Adds to what is there unless --reset. "
        f"Seeded users are <name>.<id>@{SEED_EMAIL_DOMAIN} with the password {SEED_PASSWORD!r}."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--jobs", type=count, required=True, help="Jobs to add.")
        parser.add_argument("--companies", type=count, help="Companies to add (default: jobs / 40, at most 25,000).")
        parser.add_argument("--employers", type=count, help="Employers to add (default: one per company).")
        parser.add_argument("--seekers", type=count, help="Seekers to add (default: jobs / 10, at most 100,000).")
        parser.add_argument("--seed", type=int, default=42, help="Random seed: the same seed gives the same data.")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="First empty jobs, companies and taxonomy (TRUNCATE ... CASCADE) and delete the seeded users.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = SeedCounts.for_jobs(
            options["jobs"], companies=options["companies"], employers=options["employers"], seekers=options["seekers"]
        )
        try:
            counts.check()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        added = seed_scale_data(counts=counts, seed=options["seed"], reset=options["reset"], log=self.progress)
        self.stdout.write(self.style.SUCCESS("Seeded: " + ", ".join(f"{n:,} {kind}" for kind, n in added.items())))

    def progress(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()  # shown as it happens, also when the output goes to a file
