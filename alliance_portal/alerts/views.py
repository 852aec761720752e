"""The public pages of e-mail alerts: subscribe, confirm, manage, unsubscribe.

None of them needs a CSRF cookie, so the form can stand on cached pages (the
alliance pages, the form page itself): subscribing only sends a confirmation mail
(double opt-in is the protection; a per-address limit and a honeypot keep abuse
down), and the other pages act on the secret in their address (the signed request,
or the subscriber's token), which a forged request from elsewhere does not know.
Mail programs' one-click unsubscribe (RFC 8058) posts without cookies anyway.
The pages behind a secret are never cached, not indexed and not in the sitemap.
"""

from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from . import services
from .forms import ManageForm, SubscribeForm
from .models import Subscriber


def message(request, title, text, *, status=200, link_to_form=False, noindex=True):
    return render(
        request,
        "alerts/message.html",
        {"title": title, "text": text, "link_to_form": link_to_form, "noindex": noindex},
        status=status,
    )


@method_decorator(csrf_exempt, name="dispatch")
class SubscribeView(View):
    """The form (cached like any public page); its POST sends the confirmation mail."""

    def get(self, request):
        return self.show(SubscribeForm())

    def post(self, request):
        form = SubscribeForm(request.POST)
        if not form.is_valid():
            return self.show(form)
        if form.is_bot():
            return redirect("alerts:sent")
        email = form.cleaned_data["email"]
        if services.rate_limited(email):
            return message(
                request,
                _("A confirmation e-mail was sent recently"),
                _(
                    "We have recently sent several confirmation e-mails to this "
                    "address. Please look for them in your inbox (and the spam "
                    "folder), or try again in an hour."
                ),
                status=429,
                link_to_form=True,
            )
        services.request_subscription(
            email=email,
            language=form.cleaned_data["language"],
            choices=form.choices(),
            shown_language=get_language(),
        )
        return redirect("alerts:sent")

    def show(self, form, status=200):
        return render(
            self.request,
            "alerts/subscribe.html",
            {"form": form, "wording": services.wording()},
            status=status,
        )


def sent(request):
    """The same page whether the address was new, already subscribed or a bot's."""
    return render(request, "alerts/sent.html", {"noindex": True})


class TokenView(View):
    @method_decorator(never_cache)
    @method_decorator(csrf_exempt)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


def unknown_subscriber(request):
    return message(
        request,
        _("This link is not valid"),
        _(
            "There is no subscription for this link (any more). If you unsubscribed, "
            "you will receive no further e-mails."
        ),
        status=404,
        link_to_form=True,
    )


class ConfirmView(TokenView):
    """GET shows what is asked for and a button (mail scanners open links); POST
    subscribes."""

    def get(self, request, token):
        data, problem = self.read(token)
        if problem:
            return problem
        if services.already_follows(data):
            return self.already(data)
        return render(
            request,
            "alerts/confirm.html",
            {
                "email": data["email"],
                "language_name": dict(SubscribeForm.base_fields["language"].choices)[
                    data["language"]
                ],
                "noindex": True,
                **services.described(data["choices"]),
            },
        )

    def post(self, request, token):
        data, problem = self.read(token)
        if problem:
            return problem
        if services.already_follows(data):
            return self.already(data)
        subscriber = services.confirm(data)
        return render(
            request,
            "alerts/confirmed.html",
            {
                "manage_url": reverse("alerts:manage", kwargs={"token": subscriber.token}),
                "noindex": True,
                **services.described(services.current_choices(subscriber)),
            },
        )

    def read(self, token):
        try:
            return services.read_request(token), None
        except signing.SignatureExpired:
            return None, message(
                self.request,
                _("This link has expired"),
                _(
                    "Confirmation links are valid for seven days. Please subscribe "
                    "again; we will send you a new link."
                ),
                status=410,
                link_to_form=True,
            )
        except signing.BadSignature:
            return None, message(
                self.request,
                _("This link is not valid"),
                _(
                    "The link is incomplete or was changed. Please open it exactly as "
                    "it is in the e-mail, or subscribe again."
                ),
                status=400,
                link_to_form=True,
            )

    def already(self, data):
        subscriber = services.subscriber_for(data["email"])
        return render(
            self.request,
            "alerts/already.html",
            {
                "manage_url": reverse("alerts:manage", kwargs={"token": subscriber.token}),
                "noindex": True,
                **services.described(services.current_choices(subscriber)),
            },
        )


class ManageView(TokenView):
    def get(self, request, token):
        subscriber = self.subscriber(token)
        if subscriber is None:
            return unknown_subscriber(request)
        return self.show(subscriber, ManageForm.for_subscriber(subscriber))

    def post(self, request, token):
        subscriber = self.subscriber(token)
        if subscriber is None:
            return unknown_subscriber(request)
        form = ManageForm.for_subscriber(subscriber, request.POST)
        if not form.is_valid():
            return self.show(subscriber, form)
        services.change(
            subscriber,
            form.choices(),
            form.cleaned_data["language"],
            shown_language=get_language(),
        )
        return self.show(subscriber, ManageForm.for_subscriber(subscriber), saved=True)

    def subscriber(self, token):
        return Subscriber.objects.filter(token=token).first()

    def show(self, subscriber, form, *, status=200, saved=False):
        return render(
            self.request,
            "alerts/manage.html",
            {
                "form": form,
                "subscriber": subscriber,
                "saved": saved,
                "wording": services.wording(),
                "noindex": True,
            },
            status=status,
        )


class UnsubscribeView(TokenView):
    """GET asks; POST ends the subscription: the button on the page, or a mail
    program's one-click POST (RFC 8058: body `List-Unsubscribe=One-Click`)."""

    def get(self, request, token):
        subscriber = Subscriber.objects.filter(token=token).first()
        if subscriber is None:
            return unknown_subscriber(request)
        return render(
            request,
            "alerts/unsubscribe.html",
            {"subscriber": subscriber, "token": token, "noindex": True},
        )

    def post(self, request, token):
        subscriber = Subscriber.objects.filter(token=token).first()
        if subscriber is None:
            return unknown_subscriber(request)
        services.unsubscribe(subscriber)
        return message(
            request,
            _("You have unsubscribed"),
            _(
                "You will receive no further alerts, and your address has been "
                "deleted. You can subscribe again at any time."
            ),
            link_to_form=True,
        )
