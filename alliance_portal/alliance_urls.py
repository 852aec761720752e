from django.urls import path

from .views import AllianceDetailView, AllianceListView

app_name = "alliances"

urlpatterns = [
    path("", AllianceListView.as_view(), name="list"),
    path("<slug:slug>/", AllianceDetailView.as_view(), name="detail"),
]
