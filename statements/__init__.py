"""Press statements with quotes and attachments.

Their models arrive with the press-room work (issue 4).
"""
