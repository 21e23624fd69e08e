"""Public catalog URLs: shows, genres and languages."""

from django.urls import path

from catalog import views

app_name = "catalog"

urlpatterns = [
    path("anime/<slug:slug>/", views.title_detail, name="title"),
    path("genres/<slug:slug>/", views.genre_detail, name="genre"),
    path("languages/<str:code>/", views.language_detail, name="language"),
]
