"""The packaged MiniLM: offline, verified, batched, every window read."""

from __future__ import annotations

import numpy as np
import pytest

from index.embedding import DIMENSION, MODEL_SHA256, MiniLMEmbedding, ModelUnavailable, _verified, model_files, shared_embedder


def test_model_files_are_the_pinned_ones() -> None:
    model, tokenizer = model_files()
    assert model.name == "model.onnx" and tokenizer.name == "tokenizer.json"


def test_a_tampered_file_is_refused(tmp_path) -> None:
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the model")
    with pytest.raises(ModelUnavailable, match="sha256"):
        _verified(fake, MODEL_SHA256)


def test_vectors_are_unit_and_semantic() -> None:
    embedder = shared_embedder()
    vectors = embedder.embed(["Erdogan meets Putin in Moscow", "The Turkish president visits the Kremlin",
                              "Bananas are rich in potassium"])
    assert vectors.shape == (3, DIMENSION)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_batches_match_single_calls() -> None:
    embedder = shared_embedder()
    texts = ["short", "a somewhat longer sentence about the summit in Moscow", "third text " * 20]
    batch = embedder.embed(texts)
    for text, vector in zip(texts, batch):
        assert float(vector @ embedder.embed([text])[0]) > 0.999


def test_long_text_is_read_window_by_window() -> None:
    embedder = shared_embedder()
    head = "The summit between Putin and Erdogan took place in Moscow. " * 30
    tail = "Bananas, mangoes and pineapples are tropical fruits. " * 30
    assert embedder.count_wordpieces([head + tail])[0] > 400
    whole = embedder.embed([head + tail])[0]
    only_head = embedder.embed([head])[0]
    fruit = embedder.embed(["tropical fruits like mangoes"])[0]
    assert whole @ fruit > only_head @ fruit + 0.1, "the tail beyond the first window counts"


def test_span_vectors_come_from_the_same_pass() -> None:
    embedder = MiniLMEmbedding()
    text = "Erdogan meets Putin. Bananas are yellow."
    _, (spans,) = embedder.embed_with_spans([text], [[(0, 20), (21, 40)]])
    alone = embedder.embed(["Erdogan meets Putin.", "Bananas are yellow."])
    assert spans.shape == (2, DIMENSION)
    assert spans[0] @ alone[0] > spans[0] @ alone[1]
    assert spans[1] @ alone[1] > spans[1] @ alone[0]


def test_llama_index_interface() -> None:
    embedder = shared_embedder()
    query = embedder.get_query_embedding("When is the summit?")
    texts = embedder.get_text_embedding_batch(["The summit is on Thursday."])
    assert len(query) == DIMENSION and len(texts[0]) == DIMENSION
