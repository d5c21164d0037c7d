import factory
from django.utils import timezone

from nexus.accounts.models import EmployerProfile, Role, SeekerProfile, User

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
