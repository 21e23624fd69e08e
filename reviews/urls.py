"""Public review URLs: reviews, tags, authors, date archives, feeds, robots.txt, preview."""

from django.urls import path

from reviews import views
from reviews.feeds import (
    GenreReviewsFeed,
    LatestReviewsAtomFeed,
    LatestReviewsFeed,
    TitleReviewsFeed,
)

app_name = "reviews"

urlpatterns = [
    path("reviews/<slug:slug>/", views.review_detail, name="detail"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("authors/<slug:slug>/", views.author_detail, name="author"),
    path("archive/", views.archive_index, name="archive"),
    path("archive/<int:year>/", views.archive_year, name="archive_year"),
    path("archive/<int:year>/<int:month>/", views.archive_month, name="archive_month"),
    path("feeds/reviews/", LatestReviewsFeed(), name="feed"),
    path("feeds/reviews/atom/", LatestReviewsAtomFeed(), name="atom_feed"),
    path("feeds/shows/<slug:slug>/", TitleReviewsFeed(), name="title_feed"),
    path("feeds/genres/<slug:slug>/", GenreReviewsFeed(), name="genre_feed"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("preview/<str:token>/", views.preview, name="preview"),
]
