"""Readers turn a question and its evidence into a Reading: the LLM reader (default) and others."""
