"""Score the timeline against hand-labelled dates: kept as the command it always was.

    .venv/bin/python -m analysis.timeline.evaluate [--split seeds|dev|test] [--details]

The scoring lives in :mod:`analysis.evaluation.timeline` (strict: exact spans
through each label's context, exact values as day intervals); the seeds' in-sample
gold is package data in ``analysis/data/seeds_gold/``.
"""

from __future__ import annotations

import sys

from analysis.evaluation.timeline import baseline, evaluate, evaluate_seeds, main, seeds_gold

__all__ = ["baseline", "evaluate", "evaluate_seeds", "main", "seeds_gold"]

if __name__ == "__main__":
    sys.exit(main())
