"""The generative reader with a real local LLM (SmolLM2-135M through llama.cpp): plumbing, verification, fallback.

The small model's answers are often wrong; these tests check that whatever it writes reaches the user
only with verified citations, and that the extractive reader takes over otherwise.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time

import pytest

from assistant.chat import Assistant
from assistant.engine import AnswerEngine
from assistant.generative import GenerativeReader, format_passages
from assistant.llms import LLMSpecError, load_llm, parse_spec, smollm2_path
from tests.conftest import ROOT, free_port


@pytest.fixture(scope="module")
def smollm2():
    return load_llm("smollm2?max_tokens=96&threads=1")


@pytest.fixture(scope="module")
def llm_engine(sample_config, smollm2) -> AnswerEngine:
    return AnswerEngine(sample_config, llm=smollm2)


@pytest.fixture(scope="module")
def llama_server():
    process = subprocess.Popen([sys.executable, str(ROOT / "tests" / "llama_server.py"), smollm2_path()],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    assert line.startswith("LISTENING http://127.0.0.1:"), process.stderr.read()
    yield line.split()[1]
    process.terminate()
    process.wait(timeout=20)


def _check_grounded(engine: AnswerEngine, answer) -> None:
    for c in answer.citations:
        assert engine.news.docstore.article(c.doc_id).text[c.start:c.end] == c.quote
    if answer.reader == "llm":
        assert answer.citations, "an LLM answer is shown only with supported citations"
        for sentence in answer.short.split(". "):
            assert "[" in sentence, f"every kept sentence carries a citation: {sentence!r}"


def test_specs() -> None:
    assert parse_spec("openai:http://127.0.0.1:8080/v1#qwen?timeout=5").model == "qwen"
    assert parse_spec("ollama:llama3.2:1b@http://127.0.0.1:11434").model == "llama3.2:1b"
    with pytest.raises(LLMSpecError, match="not found"):
        load_llm("gguf:/nowhere/model.gguf")
    with pytest.raises(LLMSpecError, match="unknown LLM option"):
        parse_spec("smollm2?colour=blue")
    with pytest.raises(LLMSpecError):
        parse_spec("magic:thing")


def test_in_process_llm_streams_and_is_verified(llm_engine) -> None:
    events = list(Assistant(engine=llm_engine).stream("When is the summit?"))
    deltas = [e for e in events if e.kind == "delta"]
    answer = events[-1].answer
    assert deltas, "tokens stream as the model writes"
    assert answer.reader in ("llm", "extractive")
    if answer.reader == "extractive":
        assert any(n.startswith("fallback") for n in answer.notes)
    _check_grounded(llm_engine, answer)


def test_verification_drops_unsupported_citations(llm_engine) -> None:
    passages = llm_engine.retriever.retrieve("When is the summit?", 4)
    reader = GenerativeReader(llm_engine.generative.llm)
    thursday = next(n for n, p in enumerate(passages, 1) if "on Thursday for a summit" in p.text)
    other = next(n for n, p in enumerate(passages, 1) if "on Thursday for a summit" not in p.text)
    text = (f"Erdogan will visit Russia on Thursday for a summit with Putin [{thursday}]. "
            f"The summit was cancelled because of snow [{other}].")
    reading = reader.verify(text, passages)
    assert not reading.abstained and "cancelled" not in reading.text
    assert [c.quote for c in reading.citations][0].startswith("Turkish President Recep Tayyip Erdogan will visit")
    assert reading.notes == ["1 unsupported citation(s) dropped"]
    nothing = reader.verify(f"The summit was cancelled because of snow [{thursday}].", passages)
    assert nothing.abstained and nothing.notes[0].startswith("fallback")
    assert reader.verify("The summit is on 9 May 1999 [1].", passages).abstained, "numbers must be in the passage"
    assert "published Monday 2 March 2020" in format_passages(passages)


def test_openai_compatible_server(sample_config, llama_server) -> None:
    engine = AnswerEngine(sample_config, llm=load_llm(f"openai:{llama_server}/v1#smollm2?max_tokens=96&timeout=60"))
    events = list(Assistant(engine=engine).stream("Who is the Kremlin spokesman?"))
    assert any(e.kind == "delta" for e in events)
    _check_grounded(engine, events[-1].answer)


def test_server_down_falls_back_fast(sample_config) -> None:
    engine = AnswerEngine(sample_config, llm=load_llm(f"openai:http://127.0.0.1:{free_port()}/v1?timeout=5"))
    started = time.monotonic()
    answer = Assistant(engine=engine).ask("Who is the Kremlin spokesman?")
    assert time.monotonic() - started < 10
    assert answer.reader == "extractive" and "Dmitry Peskov" in answer.short
    assert any("unavailable" in n for n in answer.notes)


def test_silent_server_times_out(sample_config) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])  # accept and never answer
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        port = listener.getsockname()[1]
        engine = AnswerEngine(sample_config, llm=load_llm(f"openai:http://127.0.0.1:{port}/v1?timeout=2"))
        started = time.monotonic()
        answer = Assistant(engine=engine).ask("How many Turkish troops died in the airstrike?")
        assert time.monotonic() - started < 15
        assert answer.reader == "extractive" and "34" in answer.short
    finally:
        stop.set()
        thread.join(timeout=2)
        listener.close()
