"""Tasks that send mail, and the retry rule every task of ours follows.

django-tasks runs a task once; a task that fails is marked failed (the admin lists
it under "Task results", with the error) and, while attempts are left, enqueued
again to run after a growing pause: 1, 4, 16, 64 minutes.
"""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .messages import Mail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def backoff(attempt):
    """The pause before attempt `attempt + 1`: 1, 4, 16, 64 minutes."""
    return timedelta(minutes=4 ** (attempt - 1))


def enqueue_on_commit(task_function, *args, **kwargs):
    """Queue a task so that its worker finds what the task is about.

    The database backend queues in the current transaction: the task is committed
    (or rolled back) with the data it is about. Another backend (RQ) is told once the
    transaction commits; at once outside a transaction."""
    if task_function.get_backend().__class__.__name__ == "DatabaseBackend":
        task_function.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task_function.enqueue(*args, **kwargs))


def retry_later(task_function, *args, attempt, **kwargs):
    """Queue the next attempt after the back-off; False when the attempts are used up."""
    if attempt >= MAX_ATTEMPTS:
        return False
    task_function.using(run_after=timezone.now() + backoff(attempt)).enqueue(
        *args, attempt=attempt + 1, **kwargs
    )
    return True


def is_permanent(error):
    """An SMTP refusal that another attempt would not change (a 5xx answer)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


@task()
def send_mail(mail, attempt=1):
    """Send one mail (a `Mail.as_dict()`); retried with back-off while the server fails."""
    message = Mail.from_dict(mail)
    try:
        with get_connection() as connection:
            message.as_email(connection).send()
    except (smtplib.SMTPException, OSError) as error:
        if not is_permanent(error) and retry_later(send_mail, mail, attempt=attempt):
            logger.warning("Mail to %s failed (%s); retrying later.", message.to, error)
        raise
