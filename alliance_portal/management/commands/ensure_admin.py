import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create an admin account with a random password, printed once, unless "
        "an admin account exists already."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--url", default="http://127.0.0.1:8000/admin/", help="Where staff log in."
        )

    def handle(self, *args, username, url, **options):
        users = get_user_model()
        if users.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                f"Log in at {url} with your admin account "
                f"(forgotten the password? python manage.py changepassword {username})."
            )
            return
        password = secrets.token_urlsafe(16)
        users.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin account created. Log in at {url}\n"
                f"  user:     {username}\n"
                f"  password: {password}\n"
                "This password is shown only now: keep it somewhere safe."
            )
        )
