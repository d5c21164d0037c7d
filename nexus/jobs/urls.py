from django.urls import include, path

from . import views

urlpatterns = [
    # Distribution (feeds, JSON-LD, import/export, Greenhouse-shaped boards) before `jobs/<job>/`.
    path("", include("nexus.jobs.urls_feeds")),
    path("", include("nexus.jobs.urls_boards")),
    path("", include("nexus.jobs.urls_transfer")),
    path("jobs/", views.JobCollectionView.as_view(), name="job-list"),
    path("jobs/featured/", views.FeaturedJobsView.as_view(), name="job-featured"),
    path("jobs/trending/", views.TrendingJobsView.as_view(), name="job-trending"),
    path("jobs/moderation/", views.HeldJobsView.as_view(), name="job-moderation"),
    path("jobs/moderation/decide/", views.JobModerationDecideView.as_view(), name="job-moderation-decide"),
    path("jobs/<str:job>/", views.JobDetailView.as_view(), name="job-detail"),
    path("jobs/<str:job>/publish/", views.JobPublishView.as_view(), name="job-publish"),
    path("jobs/<str:job>/close/", views.JobCloseView.as_view(), name="job-close"),
    path("jobs/<str:job>/archive/", views.JobArchiveView.as_view(), name="job-archive"),
    path("jobs/<str:job>/reopen/", views.JobReopenView.as_view(), name="job-reopen"),
    path("jobs/<str:job>/save/", views.JobSaveView.as_view(), name="job-save"),
    path("jobs/<str:job>/similar/", views.SimilarJobsView.as_view(), name="job-similar"),
    path("jobs/<str:job>/stats/", views.JobStatsView.as_view(), name="job-stats"),
    path("companies/<str:id>/jobs/", views.CompanyJobsView.as_view(), name="company-jobs"),
    path("employer/jobs/", views.EmployerJobsView.as_view(), name="employer-jobs"),
    path("employer/stats/", views.EmployerStatsView.as_view(), name="employer-stats"),
    path("me/saved-jobs/", views.SavedJobsView.as_view(), name="saved-jobs"),
]
