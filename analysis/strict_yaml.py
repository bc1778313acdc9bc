"""YAML read as untrusted input: a size cap and a loader that composes only plain, bounded trees.

A corpus folder or an upload may carry its own configuration files and manifest, and a
document may open with YAML front matter. They come from the same place as the documents,
so they are read the way a hostile file must be:

- the file is capped in size before anything parses it;
- aliases and anchors are refused while the document is *composed* (before any
  object is built), so a "billion laughs" file of a few hundred bytes cannot
  expand; so are tags other than YAML's plain core types, and nesting past
  :data:`MAX_DEPTH`.

What each key must then be is :mod:`analysis.yaml_schema`'s to check.
"""

from __future__ import annotations

from dataclasses import dataclass

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
