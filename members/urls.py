from django.urls import path

from .views import OrganisationDetailView, OrganisationListView

app_name = "organisations"

urlpatterns = [
    path("", OrganisationListView.as_view(), name="list"),
    path("<slug:slug>/", OrganisationDetailView.as_view(), name="detail"),
]
