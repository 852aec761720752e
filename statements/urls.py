from django.urls import path

from .views import PressDetailView, PressListView

app_name = "press"

urlpatterns = [
    path("", PressListView.as_view(), name="list"),
    path("<slug:slug>/", PressDetailView.as_view(), name="detail"),
]
