"""The question: analysed, made standalone (follow-ups), cased as the articles write names, dated."""
