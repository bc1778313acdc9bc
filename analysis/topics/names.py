"""Analyst-given topic names that outlive the session.

A name is stored against the topic's *signature* (number of topics and its
five best terms), in a JSON file per corpus content hash. A rebuild of the same
corpus gives the same topics and so finds its names again; a different K gives
different topics, which keep their automatic labels.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd


def signature(k: int, top_terms: str) -> str:
    return f"k{k}|" + ";".join(top_terms.split(";")[:5])


def names_file(root: Path, corpus_hash: str) -> Path:
    return Path(root) / "topic_names" / f"{corpus_hash}.json"


def load_names(path: Path) -> dict[str, str]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def save_name(path: Path, topics: pd.DataFrame, topic_id: int, name: str) -> None:
    """Store (or, with an empty name, forget) the name of one topic."""
    names = load_names(path)
    row = topics.loc[topics["topic_id"] == topic_id].iloc[0]
    key = signature(len(topics), row["top_terms"])
    if name.strip():
        names[key] = name.strip()
    else:
        names.pop(key, None)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(names, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def apply_names(topics: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Topics with ``label`` replaced by the analyst's name where one exists; ``auto_label`` keeps the original."""
    out = topics.copy()
    out["auto_label"] = out.get("auto_label", out["label"])
    k = len(out)
    out["label"] = [
        names.get(signature(k, terms), auto) for terms, auto in zip(out["top_terms"], out["auto_label"], strict=True)
    ]
    out["renamed"] = out["label"] != out["auto_label"]
    return out
