"""Public review URLs: reviews, tags, feeds, robots.txt and the preview link."""

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
    path("feeds/reviews/", LatestReviewsFeed(), name="feed"),
    path("feeds/reviews/atom/", LatestReviewsAtomFeed(), name="atom_feed"),
    path("feeds/shows/<slug:slug>/", TitleReviewsFeed(), name="title_feed"),
    path("feeds/genres/<slug:slug>/", GenreReviewsFeed(), name="genre_feed"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("preview/<str:token>/", views.preview, name="preview"),
]
