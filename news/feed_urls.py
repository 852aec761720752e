"""The news feeds, under /feeds/ (names without a namespace: `feed-news`…)."""

from django.urls import path

from .feeds import NewsAtomFeed, NewsFeed

urlpatterns = [
    path("news/", NewsFeed(), name="feed-news"),
    path("news/atom/", NewsAtomFeed(), name="feed-news-atom"),
    path("<slug:alliance>/news/", NewsFeed(), name="feed-alliance-news"),
    path("<slug:alliance>/news/atom/", NewsAtomFeed(), name="feed-alliance-news-atom"),
]
