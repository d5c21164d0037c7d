from django.urls import path

from . import views

# `moderation/` comes before `<str:id>/`: "moderation" is a reserved slug (services.RESERVED_SLUGS).
urlpatterns = [
    path("companies/", views.CompanyListView.as_view(), name="company-list"),
    path("companies/moderation/", views.CompanyModerationListView.as_view(), name="company-moderation"),
    path(
        "companies/moderation/decide/",
        views.CompanyModerationDecideView.as_view(),
        name="company-moderation-decide",
    ),
    path("companies/<str:id>/", views.CompanyDetailView.as_view(), name="company-detail"),
    path("companies/<str:id>/members/", views.CompanyMembersView.as_view(), name="company-members"),
    path(
        "companies/<str:id>/members/<int:user_id>/",
        views.CompanyMemberDetailView.as_view(),
        name="company-member-detail",
    ),
    path("companies/<str:id>/verify/", views.CompanyVerifyView.as_view(), name="company-verify"),
    path("companies/<str:id>/logo/", views.CompanyLogoView.as_view(), name="company-logo"),
]
