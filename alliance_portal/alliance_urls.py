from django.urls import path

from .views import (
    AllianceDetailView,
    AllianceListView,
    alliance_share_image,
    key_figures_download,
)

app_name = "alliances"

urlpatterns = [
    path("", AllianceListView.as_view(), name="list"),
    path("<slug:slug>/", AllianceDetailView.as_view(), name="detail"),
    path("<slug:slug>/share.png", alliance_share_image, name="share-image"),
    path(
        "<slug:slug>/key-figures.<str:format>",
        key_figures_download,
        name="key-figures",
    ),
]
