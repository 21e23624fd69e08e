"""Comment URLs: posting lives under the review's own address, as DESIGN.md fixes it."""

from django.urls import path

from comments import views

app_name = "comments"

urlpatterns = [
    path("reviews/<slug:slug>/comment/", views.post, name="post"),
    path("comments/<int:pk>/report/", views.report, name="report"),
]
