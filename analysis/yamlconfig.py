"""Reading configuration files and manifests: validated values, or every issue naming its line.

A corpus folder or an upload may carry its own ``manifest.yaml``, ``actors.yaml``,
``themes.yaml``, ``stance_cues.yaml`` and ``propositions.yaml``. Each is composed by the
strict loader (:mod:`analysis.strict_yaml`: size cap, no aliases, anchors or tags, bounded
depth) and checked against its file's schema (:mod:`analysis.config_schemas`); this module is
what callers use: a checked value and its issues (:func:`check_config`, :func:`check_manifest`,
where one bad manifest entry loses only itself), or the value of a file on disk
(:func:`read_config`, :class:`ConfigError` when it is unusable).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from analysis.config_schemas import MANIFEST_ENTRY, SCHEMAS, stance_schema
from analysis.strict_yaml import YamlIssue, YamlRefused, compose
from analysis.yaml_schema import is_null, node_line, pairs, shown


@dataclass
class Checked:
    """A parsed file: its value when usable, and every issue found (fatal or not)."""

    value: Any = None
    issues: list[YamlIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.value is not None and not any(i.fatal for i in self.issues)


_CHECKED: dict[tuple[str, str], Checked] = {}


def check_config(name: str, data: bytes) -> Checked:
    """Parse and validate one configuration file (``actors.yaml`` …) from its bytes.

    Every page run asks for the configuration, so results are remembered by content hash
    (a few small entries; the caller must not change what it gets)."""
    key = (name.lower(), hashlib.sha256(data).hexdigest())
    if key not in _CHECKED:
        if len(_CHECKED) >= 64:
            _CHECKED.pop(next(iter(_CHECKED)))
        _CHECKED[key] = _check(key[0], data)
    return _CHECKED[key]


def _check(name: str, data: bytes) -> Checked:
    try:
        node = compose(data)
    except YamlRefused as exc:
        return Checked(None, [exc.issue])
    if name == "stance_cues.yaml":
        schema = stance_schema(node)
    elif name in SCHEMAS:
        schema = SCHEMAS[name]
    else:
        raise ValueError(f"no schema for {name!r}")
    issues: list[YamlIssue] = []
    if node is None:
        return Checked(None, [YamlIssue(0, "is empty")])
    value = schema.check(node, "", issues)
    return Checked(value, issues)


def check_manifest(data: bytes) -> tuple[list[dict[str, str]], list[YamlIssue]]:
    """Manifest entries that are valid, and the issues of the rest: one bad entry loses only itself.

    The file is ``documents:`` followed by a list of entries, or that list alone.
    """
    try:
        node = compose(data)
    except YamlRefused as exc:
        return [], [exc.issue]
    issues: list[YamlIssue] = []
    entries: list[yaml.Node] = []
    if is_null(node):
        return [], issues
    if isinstance(node, yaml.MappingNode):
        for key, value in pairs(node, "manifest", issues):
            if key != "documents":
                issues.append(YamlIssue(node_line(value), f"manifest has an unknown key {key!r} (ignored; known: "
                                                      "documents)", fatal=False))  # fmt: skip
            elif isinstance(value, yaml.SequenceNode):
                entries = value.value
            elif not is_null(value):
                issues.append(YamlIssue(node_line(value), f"manifest.documents must be a list, not {shown(value)}"))
    elif isinstance(node, yaml.SequenceNode):
        entries = node.value
    else:
        issues.append(YamlIssue(node_line(node), f"manifest must be a mapping with 'documents', not {shown(node)}"))
    good = []
    for i, entry in enumerate(entries):
        found: list[YamlIssue] = []
        value = MANIFEST_ENTRY.check(entry, f"documents[{i}]", found)
        fatal = [x for x in found if x.fatal]
        issues.extend(
            YamlIssue(x.line, x.message + ("; this entry is ignored" if x.fatal else ""), x.fatal) for x in found
        )
        if value and not fatal:
            good.append(value)
    return good, issues


def read_config(path: Path, reader: Callable[[Any], Any] | None = None) -> Any:
    """The validated value of a configuration file on disk; :class:`ConfigError` when it is unusable."""
    path = Path(path)
    checked = check_config(path.name, path.read_bytes())
    if not checked.ok:
        raise ConfigError(path.name, [i for i in checked.issues if i.fatal])
    return reader(checked.value) if reader else checked.value


class ConfigError(Exception):
    """A configuration file that cannot be used, with every fatal issue found in it."""

    def __init__(self, name: str, issues: list[YamlIssue]) -> None:
        super().__init__(f"{name}: " + "; ".join(map(str, issues[:5])))
        self.name, self.issues = name, issues
