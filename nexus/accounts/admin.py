from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm

from .models import (
    Certification,
    Education,
    EmployerProfile,
    Experience,
    PortfolioItem,
    SeekerProfile,
    SeekerSkill,
    User,
)


class NexusUserCreationForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("email", "role")


class NexusUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = NexusUserChangeForm
    add_form = NexusUserCreationForm
    list_display = ("email", "full_name", "role", "is_active", "email_verified_at", "date_joined")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("-date_joined",)
    readonly_fields = ("date_joined", "last_login", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("email", "password", "role")}),
        ("Name", {"fields": ("first_name", "last_name")}),
        (
            "Status",
            {"fields": ("is_active", "email_verified_at", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Dates", {"fields": ("date_joined", "last_login", "created_at", "updated_at")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "role", "password1", "password2")}),)


@admin.register(EmployerProfile)
class EmployerProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "job_title", "updated_at")
    search_fields = ("user__email", "job_title")
    list_select_related = ("user",)
    raw_id_fields = ("user",)


class ExperienceInline(admin.TabularInline):
    model = Experience
    extra = 0


class EducationInline(admin.TabularInline):
    model = Education
    extra = 0


class PortfolioItemInline(admin.TabularInline):
    model = PortfolioItem
    extra = 0


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0


class SeekerSkillInline(admin.TabularInline):
    model = SeekerSkill
    extra = 0
    autocomplete_fields = ("skill",)


@admin.register(SeekerProfile)
class SeekerProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "headline", "city", "country", "open_to_work", "updated_at")
    list_filter = ("open_to_work", "country")
    search_fields = ("user__email", "headline", "city")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    inlines = [ExperienceInline, EducationInline, PortfolioItemInline, CertificationInline, SeekerSkillInline]
