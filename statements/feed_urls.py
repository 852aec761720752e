"""The press feeds, under /feeds/ (names without a namespace: `feed-press`…)."""

from django.urls import path

from .feeds import PressAtomFeed, PressFeed

urlpatterns = [
    path("press/", PressFeed(), name="feed-press"),
    path("press/atom/", PressAtomFeed(), name="feed-press-atom"),
    path("<slug:alliance>/press/", PressFeed(), name="feed-alliance-press"),
    path("<slug:alliance>/press/atom/", PressAtomFeed(), name="feed-alliance-press-atom"),
]
