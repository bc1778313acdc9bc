"""The YAML files that drive an analysis: the corpus's own, each validated, or the seeds' defaults."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from analysis.problems import Problem
from analysis.themes import context_problems
from analysis.yamlconfig import check_config

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_DIR = ROOT / "seeds"
CONFIG_NAMES = ("actors.yaml", "themes.yaml", "stance_cues.yaml", "propositions.yaml")


@dataclass(frozen=True)
class Config:
    """Paths of the YAML files that drive the analysis, and what was wrong with the corpus's own.

    A corpus's configuration is untrusted input: each of its files is validated
    (:mod:`analysis.yamlconfig`) and a file that fails is replaced by the default
    from ``seeds/``, with a problem naming the file, the line and what is wrong,
    so a bad ``themes.yaml`` costs the themes, never the corpus.
    """

    actors: Path
    themes: Path
    stance_cues: Path
    propositions: Path
    problems: tuple[Problem, ...] = ()

    @classmethod
    def for_corpus(cls, corpus: Path | None, fallback: Path = DEFAULT_CONFIG_DIR) -> Config:
        """A corpus folder may carry its own YAML files (actors, themes, stance cues, propositions)."""
        folder = Path(corpus) if corpus is not None and Path(corpus).is_dir() else None
        problems: list[Problem] = []

        def pick(name: str) -> Path:
            own = folder / name if folder is not None else None
            if own is None or not own.is_file():
                return fallback / name
            try:
                checked = check_config(name, own.read_bytes())
            except OSError as exc:
                problems.append(Problem(name, f"cannot be read ({exc.strerror}); the default from seeds/ is used"))
                return fallback / name
            for issue in checked.issues:
                if not issue.fatal:
                    problems.append(Problem(name, str(issue), "warning"))
            if checked.ok:
                return own
            fatal = [str(i) for i in checked.issues if i.fatal]
            shown = "; ".join(fatal[:3]) + (f"; and {len(fatal) - 3} more" if len(fatal) > 3 else "")
            problems.append(Problem(name, f"{shown}. The default {name} from seeds/ is used instead"))
            return fallback / name

        paths = {name.removesuffix(".yaml"): pick(name) for name in CONFIG_NAMES}
        problems.extend(context_problems(paths["themes"], paths["actors"]))
        return cls(**paths, problems=tuple(problems))

    def fingerprint(self) -> str:
        paths = (self.actors, self.themes, self.stance_cues, self.propositions)
        return hashlib.sha256(b"\0".join(p.read_bytes() for p in paths)).hexdigest()
