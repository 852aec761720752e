"""Organisations, their memberships in alliances, and people."""
