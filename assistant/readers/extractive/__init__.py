"""The extractive (instant) reader: typed answers pulled out of the best sentences by rules."""
