"""LLM specs, the packaged model's files, and the LLM reader over a real OpenAI-compatible llama.cpp server
(SmolLM2-135M, for speed): the same excerpts, grounding and verification; a server down or silent."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time

import pytest

from assistant.chat import Assistant
from assistant.engine import AnswerEngine
from assistant.readers.llm.specs import LLMSpecError, load_chat_model, load_llm, parse_spec, smollm2_path
from assistant.readers.llm.packaged import PACKAGED, ModelMissing, PackagedModel, check_gguf_header, model_path
from assistant.readers.llm.backends import FairLock, LlamaCppModel, LlamaIndexModel, ModelBusy, ModelQueue
from tests.conftest import ROOT, free_port


class TestSpecs:
    def test_specs(self) -> None:
        assert parse_spec("openai:http://127.0.0.1:8080/v1#qwen?timeout=5").model == "qwen"
        assert parse_spec("ollama:llama3.2:1b@http://127.0.0.1:11434").model == "llama3.2:1b"
        assert parse_spec("local").kind == "local" and parse_spec("local-0.5b?threads=1").opts["threads"] == 1
        assert load_chat_model("none") is None
        assert isinstance(load_chat_model("local"), LlamaCppModel)
        assert isinstance(load_chat_model("openai:http://127.0.0.1:9/v1"), LlamaIndexModel)
        with pytest.raises(LLMSpecError, match="unknown LLM option"):
            parse_spec("smollm2?colour=blue")
        with pytest.raises(LLMSpecError):
            parse_spec("magic:thing")
        with pytest.raises(LLMSpecError, match="in-process"):
            load_llm("local")

    def test_the_queue_is_first_come_first_served(self) -> None:
        lock, order = FairLock(), []
        with lock:
            threads = [threading.Thread(target=lambda i=i: (lock.__enter__(), order.append(i), lock.__exit__()))
                       for i in range(4)]
            for t in threads:
                t.start()
                time.sleep(0.05)
            assert lock.waiting == 4
        for t in threads:
            t.join(5)
        assert order == [0, 1, 2, 3] and lock.waiting == 0

    def test_a_full_or_slow_queue_says_busy(self) -> None:
        queue = ModelQueue(max_waiting=1, timeout=0.3)
        with queue:
            started = time.monotonic()
            with pytest.raises(ModelBusy, match="busy for 0.3 s"):
                queue.__enter__()
            assert 0.25 < time.monotonic() - started < 2 and queue.waiting == 0
            waiter = threading.Thread(target=lambda: queue.lock.acquire(5) and queue.lock.release())
            waiter.start()
            time.sleep(0.1)
            with pytest.raises(ModelBusy, match="1 questions are already waiting"):
                queue.__enter__()
        waiter.join(5)
        with queue:
            assert queue.waiting == 0


class TestPackagedModel:
    def test_the_joined_file_is_checked(self) -> None:
        path = model_path("local")
        assert path.stat().st_size == PACKAGED["local"].size
        assert check_gguf_header(path)["version"] == 3

    def test_a_bad_join_is_never_used(self, tmp_path, monkeypatch) -> None:
        small = PACKAGED["local-0.5b"]
        monkeypatch.setitem(PACKAGED, "bad", PackagedModel("bad", "bad.gguf", small.package_prefix, small.parts,
                                                          small.size, "0" * 64, "x.txt"))
        monkeypatch.setitem(PACKAGED, "gone", PackagedModel("gone", "gone.gguf", "no_such_package_part", 2, 1,
                                                           "0" * 64, "requirements/x.txt"))
        with pytest.raises(ModelMissing, match="expected"):
            model_path("bad", directory=tmp_path)
        assert list(tmp_path.glob("*.gguf")) == [] and not list(tmp_path.glob("*.partial"))
        with pytest.raises(ModelMissing, match="no-such-package-part1 is not installed"):
            model_path("gone", directory=tmp_path)
        (tmp_path / "x.gguf").write_bytes(b"PK\x03\x04" + bytes(40))
        with pytest.raises(ModelMissing, match="not a GGUF"):
            check_gguf_header(tmp_path / "x.gguf")


@pytest.fixture(scope="module")
def llama_server():
    process = subprocess.Popen([sys.executable, str(ROOT / "tests" / "llama_server.py"), smollm2_path()],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    assert line.startswith("LISTENING http://127.0.0.1:"), process.stderr.read()
    yield line.split()[1]
    process.terminate()
    process.wait(timeout=20)


class TestServerBackends:
    def test_openai_compatible_server(self, sample_config, llama_server) -> None:
        engine = AnswerEngine(sample_config, llm=f"openai:{llama_server}/v1#smollm2?max_tokens=48&timeout=60")
        for question in ("Who is the Kremlin spokesman?", "When is the summit?"):
            answer = Assistant(engine=engine).ask(question)
            assert answer.reader == "llm", answer.notes
            assert answer.evidence and any(n.startswith("model reply:") for n in answer.notes)
            for c in answer.citations:  # whatever the small model says reaches the user only grounded
                assert engine.news.docstore.article(c.doc_id).text[c.start:c.end] == c.quote
            assert answer.abstained or answer.citations

    def test_server_down_falls_back_fast_and_is_tried_again(self, sample_config) -> None:
        engine = AnswerEngine(sample_config, llm=f"openai:http://127.0.0.1:{free_port()}/v1?timeout=5")
        started = time.monotonic()
        answer = Assistant(engine=engine).ask("Who is the Kremlin spokesman?")
        assert time.monotonic() - started < 10
        assert answer.reader == "extractive" and "Dmitry Peskov" in answer.short
        assert any("unavailable" in n for n in answer.notes) and engine.llm_problem is None

    def test_silent_server_times_out(self, sample_config) -> None:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        accepted, stop = [], threading.Event()

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
            engine = AnswerEngine(sample_config, llm=f"openai:http://127.0.0.1:{port}/v1?timeout=2")
            started = time.monotonic()
            answer = Assistant(engine=engine).ask("How many Turkish troops died in the airstrike?")
            assert time.monotonic() - started < 15
            assert answer.reader == "extractive" and "34" in answer.short
        finally:
            stop.set()
            thread.join(timeout=2)
            listener.close()
