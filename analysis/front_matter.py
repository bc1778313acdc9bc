"""A document's YAML front matter read as metadata, with the same strict loader as every
configuration file: the block comes with the document, so it is untrusted input too."""

from __future__ import annotations

import yaml

from analysis.strict_yaml import YamlIssue, YamlRefused, compose
from analysis.yaml_schema import is_null, node_line, pairs, shown


def read_front_matter(data: bytes) -> tuple[dict[str, str] | None, list[YamlIssue]]:
    """The ``key: value`` pairs of a document's YAML front matter, every value as text.

    None when the block is not a mapping (a text that merely opens with a ``---`` rule).
    A list of scalars (``authors: [A, B]``) is joined with ``; ``; nested mappings are
    reported and left out. Read with the same strict loader as every configuration file.
    """
    try:
        node = compose(data, max_bytes=64_000)
    except YamlRefused as exc:
        return None, [exc.issue]
    if not isinstance(node, yaml.MappingNode):
        return None, []
    issues: list[YamlIssue] = []
    out: dict[str, str] = {}
    for key, value in pairs(node, "front matter", issues):
        if isinstance(value, yaml.ScalarNode):
            text = "" if is_null(value) else str(value.value).strip()
        elif isinstance(value, yaml.SequenceNode) and all(isinstance(v, yaml.ScalarNode) for v in value.value):
            text = "; ".join(str(v.value).strip() for v in value.value if str(v.value).strip())
        else:
            issues.append(YamlIssue(node_line(value), f"front matter key {key!r} holds {shown(value)}; ignored", False))
            continue
        out[key] = text[:2000]
    return out, issues
