from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from alliance_portal.ops.demo import Demo


class Command(BaseCommand):
    help = (
        "Load the demo content built from the seed texts: alliances, members, "
        "goals, demands, key figures and contacts, in German and English. "
        "Safe to run again: a second run adds and changes nothing."
    )

    def handle(self, *args, **options):
        demo = Demo()
        with transaction.atomic():
            # Apps load in INSTALLED_APPS order, so each can use what the
            # apps it builds on have created.
            for app in apps.get_app_configs():
                if module_has_submodule(app.module, "demo_content"):
                    import_module(f"{app.name}.demo_content").load(demo)
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {demo.summary()}."))
