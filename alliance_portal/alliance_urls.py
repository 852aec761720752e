from django.urls import path

from .views import AllianceDetailView

app_name = "alliances"

urlpatterns = [
    path("<slug:slug>/", AllianceDetailView.as_view(), name="detail"),
]
