from django.urls import path

from . import views_transfer

urlpatterns = [
    path("jobs/import/", views_transfer.JobImportView.as_view(), name="job-import"),
    path("jobs/import/<str:id>/", views_transfer.JobImportProgressView.as_view(), name="job-import-progress"),
    path("jobs/export/", views_transfer.JobExportView.as_view(), name="job-export"),
]
