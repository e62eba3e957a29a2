"""Load: 20 concurrent chat clients (loopback only, bounded) send 500 questions; all answered, memory flat."""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import ROOT, free_port, run_cli

QUESTIONS = ["When is the summit?", "Who is Erdogan meeting?", "How many Turkish troops died in the airstrike?",
             "Who is the Kremlin spokesman?", "Why did Erdogan open Turkey's western borders?",
             "Where did Putin and Erdogan meet?", "How many refugees and migrants have gathered at the border?",
             "Who won the World Cup?", "What is Operation Spring Shield?", "When did Turkey launch the operation?"]
CLIENTS, PER_CLIENT = 20, 25


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


@pytest.fixture(scope="module")
def chat_server(tmp_path_factory):
    """`newsdesk chat` in its own process, so its memory is measured alone."""
    port = free_port()
    index_dir = tmp_path_factory.mktemp("load-index")
    assert run_cli("index", "--index-dir", str(index_dir)).returncode == 0
    process = subprocess.Popen([sys.executable, "-m", "assistant.cli", "chat", "--index-dir", str(index_dir),
                                "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []  # drained all along, so the server never blocks writing to a full pipe

    def drain() -> None:
        for line in process.stdout:
            log.append(line)

    threading.Thread(target=drain, daemon=True).start()
    deadline = time.monotonic() + 120
    while not any("running at" in line for line in log):
        assert process.poll() is None and time.monotonic() < deadline, f"newsdesk chat did not start: {log[-20:]}"
        time.sleep(0.2)
    yield f"http://127.0.0.1:{port}/", process
    process.send_signal(signal.SIGTERM)  # SIGINT may be ignored in a background CI job; SIGTERM never is
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail(f"newsdesk chat did not stop on SIGTERM: {''.join(log[-20:])}")
    assert process.returncode == 0, "".join(log[-20:])
    print("\nchat server log (last lines):", "".join(log[-5:]))


@pytest.mark.timeout(600)
def test_twenty_clients_five_hundred_questions(chat_server) -> None:
    from gradio_client import Client

    ui_url, server = chat_server
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    Client(ui_url, verbose=False).predict("When is the summit?", "extractive", 8, None, None, api_name="/ask")
    rss_start = _rss_mb(server.pid)
    samples: list[float] = []

    def client_session(number: int) -> None:
        client = Client(ui_url, verbose=False)
        for i in range(PER_CLIENT):
            question = QUESTIONS[(number + i) % len(QUESTIONS)]
            started = time.perf_counter()
            try:
                _, _, answer = client.predict(question, "extractive", 8, None, None, api_name="/ask")
                ok = isinstance(answer, dict) and "answer" in answer
            except Exception as err:  # recorded, then asserted on
                ok, answer = False, repr(err)
            with lock:
                latencies.append(time.perf_counter() - started)
                if len(latencies) % 50 == 0:
                    samples.append(_rss_mb(server.pid))
                if not ok:
                    errors.append(f"{question}: {answer}")

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(client_session, range(CLIENTS)))
    wall = time.perf_counter() - started
    rss_end = _rss_mb(server.pid)
    latencies.sort()
    figures = {"questions": len(latencies), "errors": len(errors), "wall_s": round(wall, 1),
               "throughput_qps": round(len(latencies) / wall, 1),
               "latency_p50_s": round(statistics.median(latencies), 3),
               "latency_p95_s": round(latencies[int(0.95 * (len(latencies) - 1))], 3),
               "server_rss_start_mb": round(rss_start), "server_rss_end_mb": round(rss_end),
               "server_rss_every_50_questions_mb": [round(x) for x in samples]}
    print("\nload:", json.dumps(figures))
    if os.environ.get("NEWSDESK_LOAD_REPORT"):
        with open(os.environ["NEWSDESK_LOAD_REPORT"], "w") as out:
            json.dump(figures, out, indent=2)
    assert len(latencies) == CLIENTS * PER_CLIENT
    assert errors == [], errors[:5]
    second_half = samples[len(samples) // 2:]
    assert max(second_half) - min(second_half) < 40, f"memory must level off, not grow with questions: {samples}"


@pytest.mark.timeout(400)
def test_twenty_users_at_once_with_the_llm_reader(chat_server) -> None:
    """The packaged 1.5B model answers one question at a time: every user gets an answer or a clear
    "busy" message within the queue's timeout, and no error."""
    from gradio_client import Client

    from assistant.engine import BUSY

    ui_url, server = chat_server

    def ask(number: int) -> tuple[float, object]:
        client = Client(ui_url, verbose=False)
        started = time.perf_counter()
        try:
            _, _, answer = client.predict(QUESTIONS[number % len(QUESTIONS)], "auto", 8, None, None, api_name="/ask")
        except Exception as err:  # recorded, then asserted on
            answer = repr(err)
        return time.perf_counter() - started, answer

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(ask, range(CLIENTS)))
    wall = time.perf_counter() - started
    errors = [a for _, a in results if not isinstance(a, dict) or "answer" not in a]
    assert errors == [], errors[:3]
    busy = [s for s, a in results if a["answer"] == BUSY]
    answered = [s for s, a in results if a["answer"] != BUSY]
    figures = {"users": CLIENTS, "answered": len(answered), "busy": len(busy), "wall_s": round(wall, 1),
               "answered_max_s": round(max(answered), 1), "busy_max_s": round(max(busy, default=0), 1)}
    print("\nllm load:", json.dumps(figures))
    assert len(answered) >= 5 and all(a["reader"] == "llm" for _, a in results)
    assert max(s for s, _ in results) < 150  # the queue's 90 s timeout plus one answer
