"""Public static page URLs."""

from django.urls import path

from pages import views

app_name = "pages"

urlpatterns = [
    path("pages/<slug:slug>/", views.page_detail, name="page"),
]
