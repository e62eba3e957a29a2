"""The extractive (instant) reader: typed answers (dates, numbers, names) or a whole sentence from the best sentences."""
