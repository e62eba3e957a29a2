"""Client/server mode against a real `chroma run` server on 127.0.0.1 that the test starts and stops."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port, run_cli


@pytest.fixture()
def chroma_server(tmp_path: Path):
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = free_port()
    process = subprocess.Popen([chroma, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1",
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"{url}/api/v2/heartbeat", timeout=2).raise_for_status()
            break
        except httpx.HTTPError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"chroma run did not start: {process.stderr.read().decode()[-1000:]}")
            time.sleep(0.3)
    yield url, process
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=20)


def test_vectors_live_on_the_server(chroma_server, tmp_path: Path) -> None:
    url, process = chroma_server
    index_dir = tmp_path / "local"
    done = run_cli("index", "--index-dir", str(index_dir), "--chroma-url", url, "--json")
    assert done.returncode == 0, done.stderr
    chunks = json.loads(done.stdout)["chunks_total"]
    assert not (index_dir / "chroma").exists(), "no local vectors in client/server mode"
    import chromadb
    from chromadb.config import Settings

    port = int(url.rsplit(":", 1)[1])
    remote = chromadb.HttpClient(host="127.0.0.1", port=port, settings=Settings(anonymized_telemetry=False))
    assert remote.get_collection("newsdesk").count() == chunks

    answer = run_cli("ask", "When is the summit?", "--json", "--index-dir", str(index_dir), "--chroma-url", url)
    assert answer.returncode == 0, answer.stderr
    assert json.loads(answer.stdout)["answer"].startswith("Thursday 5 March 2020")

    again = run_cli("index", "--index-dir", str(index_dir), "--chroma-url", url)
    assert "2 unchanged" in again.stdout

    process.terminate()
    process.wait(timeout=20)
    fresh = tmp_path / "new.txt"
    fresh.write_text("A new story\n\nSomething happened on Friday, officials said.\n")
    down = run_cli("index", str(fresh), "--index-dir", str(index_dir), "--chroma-url", url)
    assert down.returncode == 1 and "does not answer" in down.stderr and "Traceback" not in down.stderr
    started = time.monotonic()  # questions still get answers, from keyword search, without hanging
    asked = run_cli("ask", "When is the summit?", "--json", "--index-dir", str(index_dir), "--chroma-url", url)
    assert asked.returncode == 0 and "using keyword search" in asked.stderr, asked.stderr
    assert json.loads(asked.stdout)["answer"].startswith("Thursday 5 March 2020")
    assert time.monotonic() - started < 60
