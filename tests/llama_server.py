"""A real OpenAI-compatible llama.cpp server (xllamacpp) on 127.0.0.1, run by the tests as a subprocess.

    python tests/llama_server.py MODEL.gguf  ->  prints "LISTENING http://127.0.0.1:PORT", serves until SIGTERM.
"""

from __future__ import annotations

import signal
import sys
import threading


def main() -> None:
    import xllamacpp as xlc

    params = xlc.CommonParams()
    params.model.path = sys.argv[1]
    params.hostnames = ["127.0.0.1"]
    params.port = 0  # the OS picks a free port
    params.n_ctx = 4096
    params.n_parallel = 1
    params.cpuparams.n_threads = params.cpuparams_batch.n_threads = 1
    params.verbosity = 1
    params.warmup = False
    params.model_alias = {"smollm2"}
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    server = xlc.Server(params)
    print("LISTENING", server.listening_address, flush=True)
    while not stop.wait(0.5):
        pass
    del server


if __name__ == "__main__":
    main()
