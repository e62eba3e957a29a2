"""The LLM reader: a local or server chat model reads the few best excerpts and gives a grounded answer."""
