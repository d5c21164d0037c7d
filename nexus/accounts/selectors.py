from django.db.models import QuerySet

from nexus.core.errors import PermissionDenied

from .models import PROFILE_COLLECTIONS, EmployerProfile, ProfileItem, SeekerProfile, User


def user_get_active_by_email(*, email: str) -> User | None:
    return User.objects.with_email(email).filter(is_active=True).first()


def user_get_with_profiles(*, user_id: int) -> User:
    return User.objects.select_related("employer_profile", "seeker_profile").get(pk=user_id)


def employer_profile_for(*, user: User) -> EmployerProfile:
    if not user.is_employer:
        raise PermissionDenied("Only employers have an employer profile.", code="employer_only")
    profile, _ = EmployerProfile.objects.get_or_create(user=user)
    return profile


def seeker_profile_for(*, user: User) -> SeekerProfile:
    if not user.is_seeker:
        raise PermissionDenied("Only job seekers have a seeker profile.", code="seeker_only")
    profile, _ = SeekerProfile.objects.get_or_create(user=user)
    return profile


def seeker_profile_with_collections(*, profile_id: int) -> SeekerProfile:
    return SeekerProfile.objects.select_related("user").prefetch_related(*PROFILE_COLLECTIONS.keys()).get(pk=profile_id)


def profile_items_of(*, profile: SeekerProfile, model: type[ProfileItem]) -> QuerySet[ProfileItem]:
    """The items of one collection that belong to this profile: the only way views reach them."""
    return model._default_manager.filter(profile=profile)
