"""Dates: relative dates resolved against a publication date."""
