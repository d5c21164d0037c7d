"""Demo companies for a fresh installation, owned by the demo employer. Safe to run again."""

from django.db import transaction
from django.utils import timezone

from nexus.accounts.demo import demo_email
from nexus.accounts.models import User
from nexus.taxonomy.models import Industry

from .models import Company, CompanyMember, CompanySize, MemberRole

DEMO_COMPANIES: list[dict] = [
    {
        "name": "Abyssinia Payments",
        "slug": "abyssinia-payments",
        "description": "Mobile money and card acquiring for merchants across East Africa.",
        "website": "https://abyssinia-payments.example.com",
        "industry": "Financial Services",
        "size": CompanySize.LARGE,
        "founded_year": 2012,
        "headquarters_city": "Addis Ababa",
        "headquarters_country": "ET",
        "is_verified": True,
    },
    {
        "name": "Blue Nile Logistics",
        "slug": "blue-nile-logistics",
        "description": "Freight forwarding, warehousing and last-mile delivery with live tracking.",
        "website": "https://bluenile-logistics.example.com",
        "industry": "Logistics & Transportation",
        "size": CompanySize.MEDIUM,
        "founded_year": 2016,
        "headquarters_city": "Dire Dawa",
        "headquarters_country": "ET",
        "is_verified": True,
    },
    {
        "name": "Kestrel Health",
        "slug": "kestrel-health",
        "description": "Telemedicine and clinic software used by 400 clinics in Kenya and Uganda.",
        "website": "https://kestrel-health.example.com",
        "industry": "Healthcare",
        "size": CompanySize.SMALL,
        "founded_year": 2019,
        "headquarters_city": "Nairobi",
        "headquarters_country": "KE",
        "is_verified": False,
    },
    {
        "name": "Nordlicht Software",
        "slug": "nordlicht-software",
        "description": "B2B SaaS for energy utilities: metering data, billing and forecasting.",
        "website": "https://nordlicht-software.example.com",
        "industry": "Information Technology",
        "size": CompanySize.MEDIUM,
        "founded_year": 2009,
        "headquarters_city": "Berlin",
        "headquarters_country": "DE",
        "is_verified": True,
    },
    {
        "name": "Savanna Agritech",
        "slug": "savanna-agritech",
        "description": "Soil sensors and crop advice by SMS for smallholder farmers.",
        "website": "https://savanna-agritech.example.com",
        "industry": "Agriculture",
        "size": CompanySize.MICRO,
        "founded_year": 2022,
        "headquarters_city": "Kigali",
        "headquarters_country": "RW",
        "is_verified": False,
    },
    {
        "name": "Lumen Learning Labs",
        "slug": "lumen-learning-labs",
        "description": "Online courses and live tutoring for secondary school students.",
        "website": "https://lumen-learning.example.com",
        "industry": "Education",
        "size": CompanySize.SMALL,
        "founded_year": 2018,
        "headquarters_city": "Lagos",
        "headquarters_country": "NG",
        "is_verified": False,
    },
]


@transaction.atomic
def demo_companies_create() -> list[Company]:
    """Creates the demo companies that are missing, with the demo employer as owner.

    Industries are linked when the taxonomy demo data has them (matched by name), else left empty.
    Nothing happens without the demo employer.
    """
    owner = User.objects.filter(email=demo_email("employer")).first()
    if owner is None:
        return []
    companies = []
    for data in DEMO_COMPANIES:
        fields = dict(data)
        industry_name = fields.pop("industry")
        slug = fields.pop("slug")
        company = Company.objects.filter(slug=slug).first()
        if company is None:
            is_verified = fields.pop("is_verified")
            company = Company(
                slug=slug,
                industry=Industry.objects.filter(name__iexact=industry_name).first(),
                created_by=owner,
                is_verified=is_verified,
                verified_at=timezone.now() if is_verified else None,
                **fields,
            )
            company.full_clean()
            company.save()
        CompanyMember.objects.get_or_create(company=company, user=owner, defaults={"role": MemberRole.OWNER})
        companies.append(company)
    return companies
