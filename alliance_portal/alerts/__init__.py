"""E-mail alerts: journalists follow alliances' press statements and news by e-mail.

`models.py`: subscribers (double opt-in, with the consent they gave), releases (one
per item that became public) and deliveries (one per subscriber and release: what
makes each alert go out exactly once). `kinds.py`: what the apps offer to alert
about. `sending.py`: the sweep that releases items as their time comes, and the
task that sends. `views.py`/`forms.py`: subscribe, confirm, manage, unsubscribe.
"""
