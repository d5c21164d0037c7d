from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import auth, me, profiles

router = SimpleRouter()
for collection, viewset in profiles.PROFILE_COLLECTION_VIEWSETS.items():
    router.register(f"seekers/me/{collection}", viewset, basename=f"seeker-{collection}")

urlpatterns = [
    path("auth/register/", auth.RegisterView.as_view(), name="auth-register"),
    path("auth/login/", auth.LoginView.as_view(), name="auth-login"),
    path("auth/refresh/", auth.RefreshView.as_view(), name="auth-refresh"),
    path("auth/logout/", auth.LogoutView.as_view(), name="auth-logout"),
    path("auth/verify/", auth.VerifyView.as_view(), name="auth-verify"),
    path("auth/password/change/", auth.PasswordChangeView.as_view(), name="auth-password-change"),
    path("auth/password/reset/", auth.PasswordResetView.as_view(), name="auth-password-reset"),
    path("auth/password/reset/confirm/", auth.PasswordResetConfirmView.as_view(), name="auth-password-reset-confirm"),
    path("auth/email/verify/", auth.EmailVerifyView.as_view(), name="auth-email-verify"),
    path("auth/email/verify/resend/", auth.EmailVerifyResendView.as_view(), name="auth-email-verify-resend"),
    path("me/", me.MeView.as_view(), name="me"),
    path("me/deactivate/", me.DeactivateView.as_view(), name="me-deactivate"),
    path("employers/me/", profiles.EmployerProfileView.as_view(), name="employer-profile"),
    path("seekers/me/", profiles.SeekerProfileView.as_view(), name="seeker-profile"),
    *router.urls,
]
