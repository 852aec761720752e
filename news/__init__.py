"""News items and long-form articles.

Their models arrive with the press-room work (issue 4).
"""
