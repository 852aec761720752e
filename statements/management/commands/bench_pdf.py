import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.utils import translation

from statements.models import PressStatement
from statements.pdf import render_statement_pdf


class Command(BaseCommand):
    help = (
        "Measure a press statement's PDF: rendering it cold, and fetching it through "
        "/press/<slug>/pdf/ once it is cached. Prints mean and median in milliseconds."
    )

    def add_arguments(self, parser):
        parser.add_argument("--slug", default="aluminiumbuendnis-nrw-gemeinsame-erklaerung")
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--language", default="de")

    def handle(self, *args, slug, runs, language, **options):
        statement = PressStatement.objects.published().filter(slug=slug).first()
        if statement is None:
            raise CommandError(f"No released statement “{slug}”: run load_demo_content first.")
        with translation.override(language):
            cold = self.timed(runs, lambda: render_statement_pdf(statement))
        client = Client(HTTP_HOST="localhost")
        url = f"/{language}/press/{slug}/pdf/"
        response = client.get(url)  # fills the cache
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}.")
        cached = self.timed(runs, lambda: client.get(url))
        size = len(response.content)
        self.stdout.write(f"PDF of “{slug}” ({language}, {size} bytes), {runs} runs each:")
        for label, times in (("cold render", cold), ("cached, via the view", cached)):
            self.stdout.write(
                f"  {label:<22} mean {statistics.mean(times):7.1f} ms   "
                f"median {statistics.median(times):7.1f} ms"
            )

    @staticmethod
    def timed(runs, action):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            action()
            times.append((time.perf_counter() - start) * 1000)
        return times
