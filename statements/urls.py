from django.urls import path

from .views import (
    PressDetailView,
    PressListView,
    PreviewLinkView,
    contact_vcard,
    press_kit,
    preview_pdf,
    preview_press_kit,
    quote_approval,
    statement_pdf,
    statement_share_image,
)

app_name = "press"

urlpatterns = [
    path("", PressListView.as_view(), name="list"),
    path("preview/<str:token>/", PreviewLinkView.as_view(), name="preview"),
    path("preview/<str:token>/pdf/", preview_pdf, name="preview-pdf"),
    path("preview/<str:token>/press-kit.zip", preview_press_kit, name="preview-press-kit"),
    path("quote-approval/<str:token>/", quote_approval, name="quote-approval"),
    path("<slug:slug>/", PressDetailView.as_view(), name="detail"),
    path("<slug:slug>/pdf/", statement_pdf, name="pdf"),
    path("<slug:slug>/press-kit.zip", press_kit, name="press-kit"),
    path("<slug:slug>/contacts/<int:pk>.vcf", contact_vcard, name="vcard"),
    path("<slug:slug>/share.png", statement_share_image, name="share-image"),
]
