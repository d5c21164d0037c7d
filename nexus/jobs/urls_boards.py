from django.urls import path

from . import views_boards

urlpatterns = [
    path("boards/<str:company>/jobs", views_boards.BoardJobsView.as_view(), name="board-jobs"),
    path("boards/<str:company>/jobs/<str:job_id>", views_boards.BoardJobView.as_view(), name="board-job"),
    path("boards/<str:company>/departments", views_boards.BoardDepartmentsView.as_view(), name="board-departments"),
    path("boards/<str:company>/offices", views_boards.BoardOfficesView.as_view(), name="board-offices"),
]
