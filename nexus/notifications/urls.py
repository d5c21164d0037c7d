from django.urls import path

from . import views

urlpatterns = [
    path("notifications/", views.NotificationListView.as_view(), name="notification-list"),
    path("notifications/read-all/", views.NotificationReadAllView.as_view(), name="notification-read-all"),
    path("notifications/unread-count/", views.NotificationUnreadCountView.as_view(), name="notification-unread-count"),
    path("notifications/<str:id>/read/", views.NotificationReadView.as_view(), name="notification-read"),
    path("me/job-alerts/", views.JobAlertCollectionView.as_view(), name="job-alert-list"),
    path("me/job-alerts/<str:id>/", views.JobAlertDetailView.as_view(), name="job-alert-detail"),
    path("job-alerts/unsubscribe/", views.JobAlertUnsubscribeView.as_view(), name="job-alert-unsubscribe"),
]
