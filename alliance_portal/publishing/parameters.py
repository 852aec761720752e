"""The query parameters of public pages: declared with types and bounds, read in one place.

A view declares what its address may carry as a form, a subclass of `Parameters`
(`parameters = NewsParameters` on a class-based view, `@declares(…)` on a function
view). `read_parameters()` reads them, and the page cache keys on the same reading:

- a parameter the page does not declare (`utm_source`, `fbclid`, …) is ignored: it
  changes neither the page nor its cache entry;
- an empty value is as if it were not given (a filter form's "all" option);
- a value that is not valid (`year=0`, `kind=%00`, `page=²`) makes the page a 400 in
  the visitor's language that names the parameter and what it must be, before anything
  reaches the database (answered, not raised: Django would log a traceback per request).
Text fields refuse NUL characters (Django's form `CharField` does), which PostgreSQL
cannot store or compare.
"""

import unicodedata
from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

# The most pages a list can have: a larger number is not a page.
MAX_PAGE = 1_000_000
# Years a publish date can have; outside them a year is a typing error or an attack
# (and year 0 or 10000 is outside what Python's dates can hold).
FIRST_YEAR, LAST_YEAR = 1900, 2100


class PageNumberField(forms.RegexField):
    """`?page=`: a whole number of ASCII digits from 1, or "last" as Django allows."""

    def __init__(self, **kwargs):
        super().__init__(
            r"\A(?:[1-9][0-9]{0,6}|last)\Z",
            error_messages={"invalid": _("a page number, such as 2")},
            **kwargs,
        )

    def clean(self, value):
        value = super().clean(value)
        if value not in ("", "last") and int(value) > MAX_PAGE:
            raise forms.ValidationError(_("a page number, such as 2"))
        return value


class YearField(forms.RegexField):
    """`?year=`: four ASCII digits within the years content can have."""

    def __init__(self, **kwargs):
        super().__init__(
            r"\A[0-9]{4}\Z",
            error_messages={"invalid": _("a year of four digits, such as 2024")},
            **kwargs,
        )

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        if not FIRST_YEAR <= int(value) <= LAST_YEAR:
            raise forms.ValidationError(
                _("a year from %(first)d to %(last)d") % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return int(value)


class SlugParameterField(forms.SlugField):
    """A slug naming an item (`?alliance=`): letters, digits, hyphens, at most 80."""

    def __init__(self, **kwargs):
        super().__init__(
            max_length=80,
            error_messages={
                "invalid": _("the short name of an item from its address, such as nrw"),
                "max_length": _("the short name of an item from its address, such as nrw"),
            },
            **kwargs,
        )


class ChoiceParameterField(forms.ChoiceField):
    def __init__(self, choices, **kwargs):
        super().__init__(
            choices=choices,
            error_messages={"invalid_choice": _("one of the choices the page offers")},
            **kwargs,
        )


# Django's message would read oddly after "expected".
NO_NUL = ProhibitNullCharactersValidator(message=_("text without NUL characters"))


def printable(value):
    """`value` with control characters and lone surrogates replaced by �."""
    return "".join("\ufffd" if unicodedata.category(c) in ("Cc", "Cs") else c for c in value)


def country_codes():
    """Every ISO 3166 country code, as choices."""
    return [(code, code) for code in countries.countries]


class Parameters(forms.Form):
    """The declared query parameters of a page. Every field is optional; the order of
    the fields is the order in which addresses and cache keys name them."""

    def __init__(self, data):
        # A parameter given twice counts once: the last value, as QueryDict.get() reads it.
        super().__init__({name: data.get(name, "") for name in self.base_fields})
        for field in self.fields.values():
            field.required = False
            field.validators = [
                NO_NUL if isinstance(validator, ProhibitNullCharactersValidator) else validator
                for validator in field.validators
            ]

    def query(self, *, without=(), only=None):
        """The cleaned, non-empty values as a query string, in the declared order."""
        names = [name for name in self.fields if name not in without]
        return urlencode(
            [
                (name, str(value))
                for name in names
                if (only is None or name in only)
                and (value := self.cleaned_data.get(name)) not in (None, "")
            ]
        )


class PaginatedParameters(Parameters):
    page = PageNumberField()


def read_parameters(request, parameters_class):
    """The page's declared parameters as a bound form, valid or not.

    A valid one is remembered on the request: templates build language links and
    canonical URLs from the declared parameters only (`declared_query`).
    """
    form = parameters_class(request.GET)
    if form.is_valid():
        request.declared_parameters = form
    return form


def declared_query(request, *, without=(), only=None):
    """The query string of the declared parameters read for this request ("" if none)."""
    form = getattr(request, "declared_parameters", None)
    return form.query(without=without, only=only) if form is not None else ""


def invalid_parameters_response(request, form):
    """A 400 page in the visitor's language naming each invalid parameter, with the
    first thing wrong with it (control characters of the value shown as �)."""
    problems = [
        (name, printable(form.data.get(name, "")), messages[0])
        for name, messages in form.errors.items()
    ]
    return render(request, "400.html", {"problems": problems}, status=400)


class DeclaredParametersMixin:
    """For class-based views: `parameters` names the form; `self.params` holds the values.

    Templates get `filter_query`, the declared filters to keep on pagination links.
    """

    parameters = Parameters

    def dispatch(self, request, *args, **kwargs):
        form = read_parameters(request, self.parameters)
        if not form.is_valid():
            return invalid_parameters_response(request, form)
        self.params = form.cleaned_data
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = declared_query(self.request, without=("page",))
        context["filter_query"] = f"{filters}&" if filters else ""
        return context


def declares(parameters_class):
    """For function views (Django's sitemap view among them): a request whose
    parameters are not valid gets a 400 before the view runs. Marks the view, so that
    the page cache knows what it declares."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            form = read_parameters(request, parameters_class)
            if not form.is_valid():
                return invalid_parameters_response(request, form)
            return view(request, *args, **kwargs)

        wrapped.parameters = parameters_class
        return wrapped

    return decorate


def parameters_of(path):
    """The parameters the view at `path` declares (Parameters: none, if it declares none
    or nothing is there). Resolved in the language the path names, as i18n_patterns
    resolve only the active language's prefix."""
    language = translation.get_language_from_path(path)
    try:
        with translation.override(language or translation.get_language()):
            view = resolve(path).func
    except Resolver404:
        return Parameters
    view_class = getattr(view, "view_class", None)
    return getattr(view_class or view, "parameters", Parameters)
