"""What a key of a YAML file must be: schemas that check a composed node tree and return its value.

Every problem is a :class:`~analysis.strict_yaml.YamlIssue` naming the line it is on, so an analyst
can fix the file; an unknown key is reported and ignored rather than refusing the file. Scalars are
kept as written (``published: 2024-08-01`` stays the text ``2024-08-01``): the code downstream
wants text, and an impossible date must not crash the parser.
"""

from __future__ import annotations

from typing import Any

import yaml

from analysis.strict_yaml import YamlIssue


class Schema:
    """Checks a node and returns its Python value; problems go to ``issues``."""

    what = "a value"

    def check(self, node: yaml.Node | None, path: str, issues: list[YamlIssue]) -> Any:
        raise NotImplementedError


def node_line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 0


def is_null(node: yaml.Node | None) -> bool:
    return node is None or (
        isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null" and node.style is None
    )


def shown(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = str(node.value)
    return repr(value if len(value) <= 40 else value[:40] + "…")


class Text(Schema):
    """Any scalar, kept as the text written; ``required`` text must not be empty."""

    what = "text"

    def __init__(self, required: bool = False, max_len: int = 10_000) -> None:
        self.required, self.max_len = required, max_len

    def check(self, node, path, issues):
        if is_null(node):
            if self.required:
                issues.append(YamlIssue(node_line(node), f"{path or 'the file'} must be non-empty text"))
            return None
        if not isinstance(node, yaml.ScalarNode):
            issues.append(YamlIssue(node_line(node), f"{path or 'the file'} must be text, not {shown(node)}"))
            return None
        value = str(node.value).strip()
        if self.required and not value:
            issues.append(YamlIssue(node_line(node), f"{path or 'the file'} must be non-empty text"))
            return None
        if len(value) > self.max_len:
            issues.append(
                YamlIssue(
                    node_line(node),
                    f"{path or 'the file'} is {len(value):,} characters long (at most {self.max_len:,})",
                )
            )
            return None
        return value


class Number(Schema):
    """An int or float scalar (null allowed when ``default`` is given)."""

    what = "a number"

    def __init__(self, low: float = -1e12, high: float = 1e12, integer: bool = False) -> None:
        self.low, self.high, self.integer = low, high, integer

    def check(self, node, path, issues):
        if is_null(node):
            return None
        kind = "a whole number" if self.integer else "a number"
        if not isinstance(node, yaml.ScalarNode) or node.style is not None:
            issues.append(YamlIssue(node_line(node), f"{path or 'the file'} must be {kind}, not {shown(node)}"))
            return None
        try:
            value = int(node.value) if self.integer else float(node.value)
        except ValueError:
            issues.append(YamlIssue(node_line(node), f"{path or 'the file'} must be {kind}, not {shown(node)}"))
            return None
        if not self.low <= value <= self.high:  # NaN fails too
            issues.append(
                YamlIssue(node_line(node), f"{path} must be between {self.low:g} and {self.high:g}, not {node.value}")
            )
            return None
        return value


class ListOf(Schema):
    """A list (a single scalar is read as a list of one; null as empty)."""

    def __init__(self, item: Schema, max_items: int = 100_000) -> None:
        self.item, self.max_items = item, max_items

    def check(self, node, path, issues):
        if is_null(node):
            return []
        if isinstance(node, yaml.ScalarNode):
            nodes = [node]
        elif isinstance(node, yaml.SequenceNode):
            nodes = node.value
        else:
            issues.append(YamlIssue(node_line(node), f"{path or 'the file'} must be a list, not {shown(node)}"))
            return []
        if len(nodes) > self.max_items:
            issues.append(
                YamlIssue(
                    node_line(node), f"{path or 'the file'} has {len(nodes):,} items (at most {self.max_items:,})"
                )
            )
            return []
        values = [self.item.check(child, f"{path}[{i}]", issues) for i, child in enumerate(nodes)]
        return [v for v in values if v is not None]


def pairs(node: yaml.MappingNode, path: str, issues: list[YamlIssue]) -> list[tuple[str, yaml.Node]]:
    """Keys as text, each once: a repeated key is reported, not silently overwritten."""
    seen: dict[str, int] = {}
    out = []
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            issues.append(
                YamlIssue(node_line(key_node), f"{path or 'the file'} has a key that is {shown(key_node)}, not text")
            )
            continue
        key = str(key_node.value)
        if key in seen:
            issues.append(
                YamlIssue(
                    node_line(key_node), f"{path or 'the file'} repeats the key {key!r} (first on line {seen[key]})"
                )
            )
            continue
        seen[key] = node_line(key_node)
        out.append((key, value_node))
    return out


class Record(Schema):
    """A mapping with known keys; unknown keys are reported and ignored."""

    def __init__(self, fields: dict[str, Schema], required: tuple[str, ...] = (), any_of: tuple[str, ...] = ()) -> None:
        self.fields, self.required, self.any_of = fields, required, any_of

    def check(self, node, path, issues):
        if not isinstance(node, yaml.MappingNode):
            issues.append(
                YamlIssue(
                    node_line(node),
                    f"{path or 'the file'} must be a mapping of {', '.join(self.fields)}, "
                    f"not {shown(node) if node is not None else 'empty'}",
                )
            )
            return None
        out: dict[str, Any] = {}
        present = set()
        for key, value_node in pairs(node, path, issues):
            present.add(key)
            if key not in self.fields:
                issues.append(
                    YamlIssue(
                        node_line(value_node),
                        f"{path or 'the file'} has an unknown key {key!r} (ignored; known: {', '.join(self.fields)})",
                        fatal=False,
                    )  # fmt: skip
                )
                continue
            value = self.fields[key].check(value_node, f"{path}.{key}" if path else key, issues)
            if value is not None:
                out[key] = value
        for key in self.required:
            if key not in present:
                issues.append(YamlIssue(node_line(node), f"{path or 'the file'} has no {key!r} (required)"))
        if self.any_of and not any(k in out for k in self.any_of):
            issues.append(
                YamlIssue(node_line(node), f"{path or 'the file'} needs one of {' or '.join(map(repr, self.any_of))}")
            )
        return out


class TableOf(Schema):
    """A mapping from free text keys (cue phrases, group names) to values of one schema."""

    def __init__(self, value: Schema, max_items: int = 100_000) -> None:
        self.value, self.max_items = value, max_items

    def check(self, node, path, issues):
        if is_null(node):
            return {}
        if not isinstance(node, yaml.MappingNode):
            issues.append(YamlIssue(node_line(node), f"{path or 'the file'} must be a mapping, not {shown(node)}"))
            return {}
        if len(node.value) > self.max_items:
            issues.append(
                YamlIssue(
                    node_line(node),
                    f"{path or 'the file'} has {len(node.value):,} entries (at most {self.max_items:,})",
                )
            )
            return {}
        out = {}
        for key, value_node in pairs(node, path, issues):
            if not key.strip():
                issues.append(YamlIssue(node_line(value_node), f"{path or 'the file'} has an empty key"))
                continue
            out[key] = self.value.check(value_node, f"{path}[{key!r}]", issues)
        return out


class Choice(Schema):
    """The first of several schemas that fits without a fatal problem."""

    def __init__(self, *options: Schema, what: str) -> None:
        self.options, self.what = options, what

    def check(self, node, path, issues):
        best: list[YamlIssue] | None = None
        for option in self.options:
            trial: list[YamlIssue] = []
            value = option.check(node, path, trial)
            if not any(i.fatal for i in trial):
                issues.extend(trial)
                return value
            best = trial if best is None else best
        issues.append(YamlIssue(node_line(node), f"{path or 'the file'} must be {self.what}"))
        return None
