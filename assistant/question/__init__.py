"""The question: analysed, made standalone (follow-ups), dated."""
