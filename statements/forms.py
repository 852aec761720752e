from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from members.models import Person

from .quotation import without_quote_marks


class QuoteAnswerForm(forms.Form):
    """A quoted organisation's answer on the approval page: approve, or propose.

    `shown` is the wording the page showed: an answer to a wording changed since
    the page was loaded is refused, so that nobody approves words they did not read.
    """

    shown = forms.CharField(widget=forms.HiddenInput, strip=False)
    proposed_text = forms.CharField(
        label=_("Your wording"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Quotation marks are not needed."),
    )
    comment = forms.CharField(
        label=_("Comment for the editors (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, wording, proposing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.wording = wording
        self.proposing = proposing
        self.fields["shown"].initial = wording

    def clean_shown(self):
        if self.cleaned_data["shown"] != self.wording:
            raise forms.ValidationError(
                _("The quote was changed meanwhile. Please read it again below."),
                code="changed",
            )
        return self.cleaned_data["shown"]

    def clean_proposed_text(self):
        text = without_quote_marks(self.cleaned_data["proposed_text"])
        if self.proposing and not text:
            raise forms.ValidationError(_("Type the wording you propose."), code="required")
        if self.proposing and text == self.wording:
            raise forms.ValidationError(
                _("This is the current wording: approve it, or change it."), code="unchanged"
            )
        return text


class QuoteApprovalRequestForm(forms.Form):
    """Staff ask a contact to approve a quote: a person of the quoted organisation
    with an e-mail address, or a name and address typed in."""

    person = forms.ModelChoiceField(
        label=_("Contact of the organisation"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("– someone else (type name and e-mail below) –"),
    )
    contact_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    language = forms.ChoiceField(
        label=_("Language of the mail and the page"), choices=settings.LANGUAGES
    )

    def __init__(self, *args, quote, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.exclude(email="").select_related("organisation")
        organisation = quote.organisation_id
        self.fields["person"].queryset = (
            people.filter(organisation=organisation) if organisation else people.none()
        )
        self.fields["person"].label_from_instance = lambda person: f"{person.name} <{person.email}>"
        if quote.person_id and quote.person.email:
            self.fields["person"].queryset |= people.filter(pk=quote.person_id)
            self.fields["person"].initial = quote.person_id
        else:
            first = self.fields["person"].queryset.first()
            self.fields["person"].initial = first.pk if first else None

    def clean(self):
        cleaned_data = super().clean()
        person = cleaned_data.get("person")
        if person is not None:
            cleaned_data["contact_name"] = person.name
            cleaned_data["contact_email"] = person.email
        elif not (cleaned_data.get("contact_name") and cleaned_data.get("contact_email")):
            raise forms.ValidationError(
                _("Choose a contact, or type a name and an e-mail address."), code="contact"
            )
        return cleaned_data
