"""Configuration and manifests read as untrusted input: one YAML loader for all of them.

A corpus folder or an upload may carry its own ``manifest.yaml``, ``actors.yaml``,
``themes.yaml``, ``stance_cues.yaml`` and ``propositions.yaml``. They come from the
same place as the documents, so they are read the way a hostile file must be:

- the file is capped in size before anything parses it;
- aliases and anchors are refused while the document is *composed* (before any
  object is built), so a "billion laughs" file of a few hundred bytes cannot
  expand; so are tags other than YAML's plain core types, and nesting past
  :data:`MAX_DEPTH`;
- the node tree is checked against a schema per file (what each key must be),
  and every problem names the line it is on.

Dates are kept as written (``published: 2024-08-01`` stays the text ``2024-08-01``):
the code downstream wants text, and an impossible date must not crash the parser.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MAX_YAML_BYTES = 2_000_000
MAX_DEPTH = 24
_CORE_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")} | {"!"}


@dataclass(frozen=True)
class YamlIssue:
    """One thing wrong in a YAML file: its 1-based line (0 when unknown) and what."""

    line: int
    message: str
    fatal: bool = True  # False: reported, but the file is still used (e.g. an unknown key)

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class YamlRefused(Exception):
    """The file cannot be read at all (too big, not UTF-8, not YAML, alias, tag, too deep)."""

    def __init__(self, issue: YamlIssue) -> None:
        super().__init__(str(issue))
        self.issue = issue


_NO_ALIASES = "aliases and anchors are not allowed"


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, composing only: no aliases, no anchors, no custom tags, bounded depth."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlRefused(YamlIssue(line, f"uses an alias (*{event.anchor}); aliases and anchors are not allowed"))
        if getattr(event, "anchor", None):
            raise YamlRefused(
                YamlIssue(line, f"defines an anchor (&{event.anchor}); aliases and anchors are not allowed")
            )
        tag = getattr(event, "tag", None)
        if tag and tag not in _CORE_TAGS:
            raise YamlRefused(YamlIssue(line, f"uses the tag {tag!r}; tags are not allowed"))
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlRefused(YamlIssue(line, f"is nested more than {MAX_DEPTH} levels deep"))
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def compose(data: bytes, max_bytes: int = MAX_YAML_BYTES) -> yaml.Node | None:
    """The node tree of a YAML file, or :class:`YamlRefused` saying why it cannot be read."""
    if len(data) > max_bytes:
        raise YamlRefused(YamlIssue(0, f"is {len(data) / 1e6:.1f} MB; configuration files are capped at "
                                       f"{max_bytes / 1e6:.0f} MB"))  # fmt: skip
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlRefused(YamlIssue(0, f"is not UTF-8 text (byte {exc.start})")) from exc
    if "\x00" in text:
        raise YamlRefused(YamlIssue(0, "contains NUL bytes: not a YAML text file"))
    loader = _StrictLoader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise YamlRefused(YamlIssue(mark.line + 1 if mark else 0, f"is not valid YAML ({what})")) from exc
    except yaml.YAMLError as exc:
        raise YamlRefused(YamlIssue(0, f"is not valid YAML ({exc})")) from exc
    except RecursionError as exc:
        raise YamlRefused(YamlIssue(0, "is nested too deeply to read")) from exc
    finally:
        loader.dispose()


# --- schemas: what each key must be -------------------------------------------------------------


class Schema:
    """Checks a node and returns its Python value; problems go to ``issues``."""

    what = "a value"

    def check(self, node: yaml.Node | None, path: str, issues: list[YamlIssue]) -> Any:
        raise NotImplementedError


def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 0


def _is_null(node: yaml.Node | None) -> bool:
    return node is None or (
        isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null" and node.style is None
    )


def _shown(node: yaml.Node) -> str:
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
        if _is_null(node):
            if self.required:
                issues.append(YamlIssue(_line(node), f"{path or 'the file'} must be non-empty text"))
            return None
        if not isinstance(node, yaml.ScalarNode):
            issues.append(YamlIssue(_line(node), f"{path or 'the file'} must be text, not {_shown(node)}"))
            return None
        value = str(node.value).strip()
        if self.required and not value:
            issues.append(YamlIssue(_line(node), f"{path or 'the file'} must be non-empty text"))
            return None
        if len(value) > self.max_len:
            issues.append(
                YamlIssue(
                    _line(node), f"{path or 'the file'} is {len(value):,} characters long (at most {self.max_len:,})"
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
        if _is_null(node):
            return None
        kind = "a whole number" if self.integer else "a number"
        if not isinstance(node, yaml.ScalarNode) or node.style is not None:
            issues.append(YamlIssue(_line(node), f"{path or 'the file'} must be {kind}, not {_shown(node)}"))
            return None
        try:
            value = int(node.value) if self.integer else float(node.value)
        except ValueError:
            issues.append(YamlIssue(_line(node), f"{path or 'the file'} must be {kind}, not {_shown(node)}"))
            return None
        if not self.low <= value <= self.high:  # NaN fails too
            issues.append(
                YamlIssue(_line(node), f"{path} must be between {self.low:g} and {self.high:g}, not {node.value}")
            )
            return None
        return value


class ListOf(Schema):
    """A list (a single scalar is read as a list of one; null as empty)."""

    def __init__(self, item: Schema, max_items: int = 100_000) -> None:
        self.item, self.max_items = item, max_items

    def check(self, node, path, issues):
        if _is_null(node):
            return []
        if isinstance(node, yaml.ScalarNode):
            nodes = [node]
        elif isinstance(node, yaml.SequenceNode):
            nodes = node.value
        else:
            issues.append(YamlIssue(_line(node), f"{path or 'the file'} must be a list, not {_shown(node)}"))
            return []
        if len(nodes) > self.max_items:
            issues.append(
                YamlIssue(_line(node), f"{path or 'the file'} has {len(nodes):,} items (at most {self.max_items:,})")
            )
            return []
        values = [self.item.check(child, f"{path}[{i}]", issues) for i, child in enumerate(nodes)]
        return [v for v in values if v is not None]


def _pairs(node: yaml.MappingNode, path: str, issues: list[YamlIssue]) -> list[tuple[str, yaml.Node]]:
    """Keys as text, each once: a repeated key is reported, not silently overwritten."""
    seen: dict[str, int] = {}
    out = []
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            issues.append(
                YamlIssue(_line(key_node), f"{path or 'the file'} has a key that is {_shown(key_node)}, not text")
            )
            continue
        key = str(key_node.value)
        if key in seen:
            issues.append(
                YamlIssue(_line(key_node), f"{path or 'the file'} repeats the key {key!r} (first on line {seen[key]})")
            )
            continue
        seen[key] = _line(key_node)
        out.append((key, value_node))
    return out


class Record(Schema):
    """A mapping with known keys; unknown keys are reported and ignored."""

    def __init__(self, fields: dict[str, Schema], required: tuple[str, ...] = (), any_of: tuple[str, ...] = ()) -> None:
        self.fields, self.required, self.any_of = fields, required, any_of

    def check(self, node, path, issues):
        if not isinstance(node, yaml.MappingNode):
            issues.append(YamlIssue(_line(node), f"{path or 'the file'} must be a mapping of {', '.join(self.fields)}, "
                                                 f"not {_shown(node) if node is not None else 'empty'}"))  # fmt: skip
            return None
        out: dict[str, Any] = {}
        present = set()
        for key, value_node in _pairs(node, path, issues):
            present.add(key)
            if key not in self.fields:
                issues.append(
                    YamlIssue(
                        _line(value_node),
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
                issues.append(YamlIssue(_line(node), f"{path or 'the file'} has no {key!r} (required)"))
        if self.any_of and not any(k in out for k in self.any_of):
            issues.append(
                YamlIssue(_line(node), f"{path or 'the file'} needs one of {' or '.join(map(repr, self.any_of))}")
            )
        return out


class TableOf(Schema):
    """A mapping from free text keys (cue phrases, group names) to values of one schema."""

    def __init__(self, value: Schema, max_items: int = 100_000) -> None:
        self.value, self.max_items = value, max_items

    def check(self, node, path, issues):
        if _is_null(node):
            return {}
        if not isinstance(node, yaml.MappingNode):
            issues.append(YamlIssue(_line(node), f"{path or 'the file'} must be a mapping, not {_shown(node)}"))
            return {}
        if len(node.value) > self.max_items:
            issues.append(
                YamlIssue(
                    _line(node), f"{path or 'the file'} has {len(node.value):,} entries (at most {self.max_items:,})"
                )
            )
            return {}
        out = {}
        for key, value_node in _pairs(node, path, issues):
            if not key.strip():
                issues.append(YamlIssue(_line(value_node), f"{path or 'the file'} has an empty key"))
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
        issues.append(YamlIssue(_line(node), f"{path or 'the file'} must be {self.what}"))
        return None


# --- the files -------------------------------------------------------------------------------------

_PHRASES = ListOf(Text(required=True, max_len=500))
_WEIGHTS = TableOf(Number(low=-100, high=100))

MANIFEST_ENTRY = Record(
    {k: Text() for k in ("doc_id", "file", "source", "title", "kind", "published", "date_note", "author", "url")},
    any_of=("doc_id", "file"),
)
ACTORS = Record(
    {
        "actors": ListOf(
            Record(
                {"name": Text(required=True, max_len=200), "type": Text(), "aliases": _PHRASES, "exclude": _PHRASES},
                required=("name",),
            )
        )
    },
    required=("actors",),
)
THEMES = Record(
    {
        "themes": ListOf(
            Record(
                {
                    "id": Text(required=True, max_len=200),
                    "label": Text(max_len=200),
                    "cues": _PHRASES,
                    "min_hits": Number(low=1, high=1000, integer=True),
                    "context_cues": _PHRASES,
                    "context": Record({"actors": _PHRASES, "cues": _PHRASES}),
                },
                required=("id",),
            )
        )
    },
    required=("themes",),
)
PROPOSITIONS = Record(
    {
        "propositions": ListOf(
            Record(
                {"id": Text(required=True, max_len=200), "label": Text(max_len=300), "cues": _PHRASES,
                 "actors": _PHRASES},
                required=("id", "cues"),
            )
        ),
        "support": _PHRASES,
        "oppose": _PHRASES,
        "negators": _PHRASES,
    },
    required=("propositions", "support", "oppose"),
)  # fmt: skip
_WORD_LISTS = ("appeals", "coercive_appeals", "corrective", "speech", "light_verbs", "copulas", "as_verbs",
               "against_heads", "relations", "relational_nouns", "verb_only", "act_nouns", "harm_verbs", "protected",
               "negators", "hedges", "conditionals", "warm_relations",
               "actor_goods", "upholding")  # fmt: skip
_SIGNED = Record({"positive": _WEIGHTS, "negative": _WEIGHTS})
# Version 2 (analysis/stance/lexicon.py ``from_dict``): cue lemmas by role, each with a weight.
STANCE_CUES_V2 = Record(
    {
        "version": Number(low=2, high=2, integer=True),
        "qualities": _SIGNED,
        "role_qualities": _SIGNED,
        "relation_qualities": _SIGNED,
        "agent_negative": _WEIGHTS,
        "agent_positive": _WEIGHTS,
        "object_negative": TableOf(_WEIGHTS),
        "object_positive": TableOf(_WEIGHTS),
        "framing": _WEIGHTS,
        **{name: _PHRASES for name in _WORD_LISTS},
    },
    required=("version",),
)
_V1_CUES = ListOf(Record({"cue": Text(required=True, max_len=500), "weight": Number(low=-100, high=100)},
                         required=("cue",)))  # fmt: skip
# Version 1: flat lists of {cue, weight}; still accepted (lexicon.py upgrades it).
STANCE_CUES_V1 = Record(
    {
        "version": Number(low=1, high=1, integer=True),
        **{name: _V1_CUES for name in ("positive", "negative", "acts", "countering", "support_for")},
        **{name: _PHRASES for name in ("negators", "hedges", "contrast")},
    }
)

# corpus.yaml: how to read the corpus's tables (analysis/columns.py): a column name per role.
CORPUS = Record(
    {
        "columns": Record(
            {
                k: Text(max_len=200)
                for k in ("text", "source", "published", "date", "title", "id", "doc_id", "author", "url", "kind")
            }
        )
    }
)

SCHEMAS: dict[str, Schema] = {
    "corpus.yaml": CORPUS,
    "actors.yaml": ACTORS,
    "themes.yaml": THEMES,
    "propositions.yaml": PROPOSITIONS,
}


def _stance_schema(node: yaml.Node | None) -> Schema:
    """The version key decides the schema; a file without one is version 1, as lexicon.py reads it."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "version" and isinstance(value, yaml.ScalarNode):
                return STANCE_CUES_V2 if value.value.strip() not in ("1", "1.0") else STANCE_CUES_V1
    return STANCE_CUES_V1


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
        schema = _stance_schema(node)
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
    if _is_null(node):
        return [], issues
    if isinstance(node, yaml.MappingNode):
        for key, value in _pairs(node, "manifest", issues):
            if key != "documents":
                issues.append(YamlIssue(_line(value), f"manifest has an unknown key {key!r} (ignored; known: "
                                                      "documents)", fatal=False))  # fmt: skip
            elif isinstance(value, yaml.SequenceNode):
                entries = value.value
            elif not _is_null(value):
                issues.append(YamlIssue(_line(value), f"manifest.documents must be a list, not {_shown(value)}"))
    elif isinstance(node, yaml.SequenceNode):
        entries = node.value
    else:
        issues.append(YamlIssue(_line(node), f"manifest must be a mapping with 'documents', not {_shown(node)}"))
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
    for key, value in _pairs(node, "front matter", issues):
        if isinstance(value, yaml.ScalarNode):
            text = "" if _is_null(value) else str(value.value).strip()
        elif isinstance(value, yaml.SequenceNode) and all(isinstance(v, yaml.ScalarNode) for v in value.value):
            text = "; ".join(str(v.value).strip() for v in value.value if str(v.value).strip())
        else:
            issues.append(YamlIssue(_line(value), f"front matter key {key!r} holds {_shown(value)}; ignored", False))
            continue
        out[key] = text[:2000]
    return out, issues


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
