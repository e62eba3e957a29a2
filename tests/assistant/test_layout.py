"""The layout shows the pipeline: imports go one way (language <- dates <- question <- evidence <- readers <-
engine), retrieval needs only the shared types, and no module imports itself back through another."""

from __future__ import annotations

import ast
from pathlib import Path

import assistant

PACKAGE = Path(assistant.__file__).parent
#: a stage may import only the stages before it (and the shared ``types``)
ORDER = ["types", "language", "dates", "question", "retrieval", "evidence", "readers", "engine", "chat"]
ALLOWED = {stage: set(ORDER[:i]) for i, stage in enumerate(ORDER)}
ALLOWED["retrieval"] = {"types"}


def _imports() -> dict[str, set[str]]:
    """module -> the assistant modules it imports (anywhere in it, lazily too)."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        deps = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("assistant."):
                deps.add(node.module)
        found[name] = deps
    return found


def _stage(module: str) -> str:
    return module.split(".")[1]


def test_stages_import_only_earlier_stages() -> None:
    wrong = []
    for module, deps in _imports().items():
        stage = _stage(module) if module != "assistant" else "chat"
        if stage not in ALLOWED:
            continue  # the app surface (cli, ask_cli) may import anything
        for dep in deps:
            if _stage(dep) != stage and _stage(dep) not in ALLOWED[stage]:
                wrong.append(f"{module} imports {dep}")
    assert wrong == []


def test_no_import_cycles() -> None:
    graph = {m: {d for d in deps if d in _imports()} for m, deps in _imports().items()}
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for dep in graph[module] - {module}:
            if state.get(dep) == 1:
                cycles.append(" -> ".join(path[path.index(dep):] + [dep]))
            elif dep not in state:
                visit(dep, path + [dep])
        state[module] = 2

    for module in graph:
        if module not in state:
            visit(module, [module])
    assert cycles == []
