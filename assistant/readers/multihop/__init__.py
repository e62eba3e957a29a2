"""The multi-hop reader: a question across sources split into claims, each checked on its own source's
articles by the LLM, the answer combined by explicit logic (yes/no, before/after)."""
