from django.urls import path

from . import views_feeds

urlpatterns = [
    path("jobs/feed.rss", views_feeds.JobRssFeedView.as_view(), name="job-feed-rss"),
    path("jobs/feed.xml", views_feeds.JobIndeedFeedView.as_view(), name="job-feed-indeed"),
    path("jobs/<str:job>/jsonld/", views_feeds.JobPostingJsonLdView.as_view(), name="job-jsonld"),
]
