"""Eval output: a JSON file with every result, a Markdown report and a PNG chart."""

from __future__ import annotations

import json
from pathlib import Path


def _fmt(value) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def write_json(path: Path, meta: dict, summary: dict, results: list[dict]) -> None:
    path.write_text(json.dumps({"meta": meta, "summary": summary, "results": results}, indent=2, ensure_ascii=False))


def markdown_qa(meta: dict, summary: dict, results: list[dict]) -> str:
    cols = ["questions", "accuracy", "f1", "abstention_precision", "abstention_recall", "citation_precision",
            "citation_recall", "hit@k", "mrr", "latency_p50_s", "latency_p95_s"]
    lines = [f"# Newsdesk eval — {meta.get('qa')}", "",
             f"Corpus `{meta.get('corpus')}`, reader `{meta.get('reader')}`, {meta.get('started')}.", "",
             "| type | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    rows = [("**all**", summary["overall"])] + list(summary["by_type"].items())
    for name, block in rows:
        lines.append(f"| {name} | " + " | ".join(_fmt(block.get(c)) for c in cols) + " |")
    wrong = [r for r in results if not r["correct"]]
    lines += ["", f"## Wrong ({len(wrong)})", ""]
    for r in wrong:
        lines.append(f"- `{r['id']}` ({r['type']}) {r['question']} → {r['answer']!r} (gold: {r['gold']})")
    lines += ["", "![chart](eval.png)", ""]
    return "\n".join(lines)


def markdown_multihop(meta: dict, summary: dict) -> str:
    cols = ["queries", "hits@4", "hits@10", "mrr@10", "evidence_recall@10", "accuracy_strict", "wrong", "abstained",
            "accuracy_lenient", "null_abstention", "latency_p50_s", "latency_p95_s", "retrieve_p50_s"]
    lines = [f"# MultiHop-RAG — {meta.get('qa')}", "", f"Reader `{meta.get('reader')}`, {meta.get('started')}.", "",
             "| type | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for name, block in [("**all**", summary["overall"])] + list(summary["by_type"].items()):
        lines.append(f"| {name} | " + " | ".join(_fmt(block.get(c)) for c in cols) + " |")
    return "\n".join(lines + ["", "![chart](eval.png)", ""])


def chart(path: Path, summary: dict, results: list[dict], metrics: tuple[str, ...], title: str) -> None:
    """Per-type bars for ``metrics`` and the latency distribution."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    types = list(summary["by_type"])
    fig, (bars, hist) = plt.subplots(1, 2, figsize=(12, 4.2), gridspec_kw={"width_ratios": [2, 1]})
    width = 0.8 / len(metrics)
    for i, metric in enumerate(metrics):
        values = [summary["by_type"][t].get(metric) or 0.0 for t in types]
        bars.bar([x + i * width for x in range(len(types))], values, width, label=metric)
    bars.set_xticks([x + width * (len(metrics) - 1) / 2 for x in range(len(types))], types, rotation=20, ha="right")
    bars.set_ylim(0, 1.2)  # room for the legend above the bars
    bars.set_title(title)
    bars.legend(fontsize=8, loc="upper center", ncol=len(metrics))
    latencies = [1000 * r["latency_s"] for r in results if r.get("latency_s") is not None]
    hist.hist(latencies, bins=30, color="#4a7")
    hist.set_title("answer latency (ms)")
    hist.set_xlabel("ms")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
