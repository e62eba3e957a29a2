"""Retrieval: BM25 and dense search over ready articles, per-source and per-clause sub-queries, fused."""
