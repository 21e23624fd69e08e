"""The rating endpoint, under its review's address."""

from django.urls import path

from ratings import views

app_name = "ratings"

urlpatterns = [
    path("reviews/<slug:slug>/rate/", views.rate, name="rate"),
]
