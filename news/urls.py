from django.urls import path

from .views import ArticleDetailView, NewsDetailView, NewsListView

app_name = "news"

urlpatterns = [
    path("", NewsListView.as_view(), name="list"),
    path("articles/<slug:slug>/", ArticleDetailView.as_view(), name="article"),
    path("<slug:slug>/", NewsDetailView.as_view(), name="detail"),
]
