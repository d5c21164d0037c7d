from django.urls import path

from . import views, views_documents

urlpatterns = [
    path("applications/", views.ApplicationCollectionView.as_view(), name="application-list"),
    path("applications/<str:id>/", views.ApplicationDetailView.as_view(), name="application-detail"),
    path("applications/<str:id>/withdraw/", views.ApplicationWithdrawView.as_view(), name="application-withdraw"),
    path("applications/<str:id>/transition/", views.ApplicationTransitionView.as_view(), name="application-transition"),
    path("applications/<str:id>/notes/", views.ApplicationNotesView.as_view(), name="application-notes"),
    path("applications/<str:id>/history/", views.ApplicationHistoryView.as_view(), name="application-history"),
    path("employer/applications/", views.EmployerApplicationsView.as_view(), name="employer-applications"),
    path("documents/", views_documents.DocumentCollectionView.as_view(), name="document-list"),
    path("documents/<str:id>/", views_documents.DocumentDetailView.as_view(), name="document-detail"),
    path("documents/<str:id>/download/", views_documents.DocumentDownloadView.as_view(), name="document-download"),
]
