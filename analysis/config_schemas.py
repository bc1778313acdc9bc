"""The schema of each configuration file a corpus may carry: corpus.yaml, actors.yaml, themes.yaml,
propositions.yaml, stance_cues.yaml (two versions), and one manifest entry.

Kept apart from the schema types (:mod:`analysis.yaml_schema`) so what each file may hold reads as
one list; the code that reads each file (gazetteer, themes, lexicon, propositions, columns) gets
values already checked against these.
"""

from __future__ import annotations

import yaml

from analysis.yaml_schema import ListOf, Number, Record, Schema, TableOf, Text

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


def stance_schema(node: yaml.Node | None) -> Schema:
    """The version key decides the schema; a file without one is version 1, as lexicon.py reads it."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "version" and isinstance(value, yaml.ScalarNode):
                return STANCE_CUES_V2 if value.value.strip() not in ("1", "1.0") else STANCE_CUES_V1
    return STANCE_CUES_V1
