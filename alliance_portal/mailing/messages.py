"""A mail as plain data: what a task is given to send (task arguments are JSON)."""

from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


@dataclass(frozen=True, kw_only=True)
class Mail:
    to: str
    subject: str
    text: str
    html: str
    language: str
    headers: dict = field(default_factory=dict)
    reply_to: str = ""

    def as_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        return cls(**data)

    def as_email(self, connection=None):
        """The message Django sends: plain text first, HTML as the alternative."""
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[self.to],
            reply_to=[self.reply_to] if self.reply_to else None,
            headers={"Content-Language": self.language, **self.headers},
            connection=connection,
        )
        message.attach_alternative(self.html, "text/html")
        return message


def render_mail(template, context, *, to, language, headers=None, reply_to=""):
    """A mail from `<template>.txt` (its first line is the subject) and `<template>.html`,
    rendered in `language`."""
    with translation.override(language):
        context = {"language": language, "site_url": site_address(), **context}
        subject, _, text = render_to_string(f"{template}.txt", context).lstrip().partition("\n")
        html = render_to_string(f"{template}.html", context)
    return Mail(
        to=to,
        subject=" ".join(subject.split()),
        text=text.strip() + "\n",
        html=html,
        language=language,
        headers=headers or {},
        reply_to=reply_to,
    )


def site_address():
    """The portal's address for links in mails: DJANGO_SITE_URL, or the local server."""
    return settings.SITE_URL or "http://127.0.0.1:8000"
