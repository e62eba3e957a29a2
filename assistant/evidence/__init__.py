"""Evidence: the retrieved passages' sentences, scored, and the few best excerpts a reader is shown."""
