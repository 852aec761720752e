"""Mail and background work: messages with a text and an HTML part, sent by tasks
that retry with back-off, and the worker that runs them (`manage.py run_worker`).

What is sent, to whom and when is decided above this package (`alerts/`, and the
statements app's advance copies and quote approvals); here is only how.
"""
