from django import forms
from django.conf import settings
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .services import choices_of, public_alliances

TOPICS = [
    ("press_statements", _("Press statements")),
    ("news", pgettext_lazy("alert topic", "News")),
]


class AlliancesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ChoicesForm(forms.Form):
    """What to follow, and in which language: shared by subscribing and managing."""

    topics = forms.MultipleChoiceField(
        label=_("What would you like to receive?"),
        choices=TOPICS,
        widget=forms.CheckboxSelectMultiple,
        initial=["press_statements"],
        error_messages={"required": _("Choose press statements, news or both.")},
    )
    all_alliances = forms.BooleanField(
        label=_("All alliances, also those added later"), required=False
    )
    alliances = AlliancesField(
        label=_("Alliances"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("One of the chosen alliances is not public (any more)."),
            "invalid_pk_value": _("One of the chosen alliances is not public (any more)."),
        },
    )
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alliances"].queryset = public_alliances()
        self.fields["language"].initial = (get_language() or settings.LANGUAGE_CODE)[:2]

    def clean(self):
        data = super().clean()
        if (
            not data.get("all_alliances")
            and not data.get("alliances")
            and not (self.has_error("alliances"))
        ):
            self.add_error("alliances", _("Choose at least one alliance, or all alliances."))
        return data

    def choices(self):
        data = self.cleaned_data
        return choices_of(
            press_statements="press_statements" in data["topics"],
            news="news" in data["topics"],
            all_alliances=data["all_alliances"],
            alliance_ids=[alliance.pk for alliance in data["alliances"]],
        )


class SubscribeForm(ChoicesForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("This is not an e-mail address, such as name@example.org."),
        },
    )
    consent = forms.BooleanField(
        label=_("I agree"),
        error_messages={"required": _("Please agree, or we cannot send you anything.")},
    )
    # The honeypot: hidden from people (site.css), filled in by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    field_order = ["email", "topics", "alliances", "all_alliances", "language", "consent"]

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))


class ManageForm(ChoicesForm):
    @classmethod
    def for_subscriber(cls, subscriber, data=None):
        initial = {
            "topics": [t for t, _label in TOPICS if getattr(subscriber, t)],
            "all_alliances": subscriber.all_alliances,
            "alliances": [a.pk for a in subscriber.alliances.all()],
            "language": subscriber.language,
        }
        return cls(data, initial=initial)
