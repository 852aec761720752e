"""Admin pages in tests: their URLs, and their forms read the way a browser would."""

import re
from html.parser import HTMLParser

from django.urls import reverse


def admin_url(model, view, *args):
    """`admin_url(Alliance, "change", pk)`: the admin URL of a model's view."""
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


def change_url(obj):
    return admin_url(type(obj), "change", obj.pk)


def errors(response):
    """The admin's error messages on a form page, to explain a failed POST."""
    return re.findall(r'<ul class="errorlist[^>]*>(.*?)</ul>', response.content.decode(), re.S)


class _FormFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields = {}
        self._select = None
        self._select_first = None
        self._multiple = False
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields[name] = attrs.get("value", "on")
            elif kind not in ("submit", "button", "file", "image"):
                self.fields[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self._select, self._select_first = name, None
            self._multiple = "multiple" in attrs
            if not self._multiple:  # a browser sends nothing for an empty multi-select
                self.fields[name] = ""
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs:
                if self._multiple:
                    self.fields.setdefault(self._select, []).append(value)
                else:
                    self.fields[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def form_fields(html):
    """The fields a browser would submit from the page's forms, by name."""
    parser = _FormFields()
    parser.feed(html)
    # Django renders a newline after <textarea>; browsers drop it.
    return {
        name: value[1:] if isinstance(value, str) and value.startswith("\n") else value
        for name, value in parser.fields.items()
    }


def admin_form(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    fields = form_fields(response.content.decode())
    fields.pop("q", None)  # the admin's search box is a form of its own
    return fields
