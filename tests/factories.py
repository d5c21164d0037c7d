import factory
from django.utils import timezone

from nexus.accounts.models import EmployerProfile, Role, SeekerProfile, SeekerSkill, User
from nexus.taxonomy.models import Category, Industry, Skill
from nexus.taxonomy.services import category_create, industry_create, skill_create

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = Role.SEEKER
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def persist_password(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save(update_fields=["password"])


class SeekerFactory(UserFactory):
    role = Role.SEEKER
    seeker_profile = factory.RelatedFactory("tests.factories.SeekerProfileFactory", factory_related_name="user")


class EmployerFactory(UserFactory):
    role = Role.EMPLOYER
    employer_profile = factory.RelatedFactory("tests.factories.EmployerProfileFactory", factory_related_name="user")


class AdminFactory(UserFactory):
    role = Role.ADMIN
    is_staff = True
    is_superuser = True


class SeekerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeekerProfile

    user = factory.SubFactory(UserFactory, role=Role.SEEKER)
    headline = factory.Faker("job")
    city = factory.Faker("city")
    country = "DE"


class EmployerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerProfile

    user = factory.SubFactory(UserFactory, role=Role.EMPLOYER)
    job_title = "Recruiter"


class CompanyFactory(factory.django.DjangoModelFactory):
    """An approved company. `CompanyFactory(owner=user)` also makes the user its owner."""

    class Meta:
        model = "companies.Company"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")
    description = factory.Faker("catch_phrase")
    website = factory.Sequence(lambda n: f"https://company{n}.example.com")
    headquarters_city = "Addis Ababa"
    headquarters_country = "ET"
    moderation_status = "approved"

    @factory.post_generation
    def owner(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted is not None:
            CompanyMemberFactory(company=self, user=extracted, role="owner")


class CompanyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "companies.CompanyMember"

    company = factory.SubFactory(CompanyFactory)
    user = factory.SubFactory(EmployerFactory)
    role = "member"


# --- taxonomy: made through the services, which compute tree paths, slugs and aliases ---


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    parent = None

    @classmethod
    def _create(cls, model_class: type, *args: object, **kwargs: object) -> Category:
        return category_create(**kwargs)


class IndustryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Industry

    name = factory.Sequence(lambda n: f"Industry {n}")

    @classmethod
    def _create(cls, model_class: type, *args: object, **kwargs: object) -> Industry:
        return industry_create(**kwargs)


class SkillFactory(factory.django.DjangoModelFactory):
    """`SkillFactory(name="JavaScript", aliases=["js"])`."""

    class Meta:
        model = Skill

    name = factory.Sequence(lambda n: f"Skill {n}")

    @classmethod
    def _create(cls, model_class: type, *args: object, **kwargs: object) -> Skill:
        return skill_create(**kwargs)


class SeekerSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeekerSkill

    profile = factory.SubFactory(SeekerProfileFactory)
    skill = factory.SubFactory(SkillFactory)
    proficiency = "intermediate"


# --- jobs ---


class JobFactory(factory.django.DjangoModelFactory):
    """A listed job (published, approved, complete). `JobFactory(status="draft")` for others."""

    class Meta:
        model = "jobs.Job"

    company = factory.SubFactory(CompanyFactory)
    title = factory.Sequence(lambda n: f"Software Engineer {n}")
    slug = factory.Sequence(lambda n: f"software-engineer-{n}")
    description = "Build and run the APIs our customers rely on."
    employment_type = "full_time"
    experience_level = "mid"
    remote_type = "onsite"
    city = "Berlin"
    country = "DE"
    latitude = 52.52
    longitude = 13.405
    status = "published"
    moderation_status = "approved"
    published_at = factory.LazyFunction(timezone.now)


class JobSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "jobs.JobSkill"

    job = factory.SubFactory(JobFactory)
    skill = factory.SubFactory(SkillFactory)
    requirement = "required"
