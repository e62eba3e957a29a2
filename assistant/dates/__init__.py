"""Dates: relative dates resolved against a publication date, lengths of time."""
