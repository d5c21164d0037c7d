from django.urls import path

from . import views

# Included before `jobs/<job>/`, so that "search" is never taken for a job's slug.
urlpatterns = [
    path("jobs/search/", views.JobSearchView.as_view(), name="job-search"),
    path("jobs/search/suggest/", views.SuggestView.as_view(), name="job-search-suggest"),
]
