"""Kept so ``python -m analysis.stance.evaluate`` still works: the evaluation lives in
:mod:`analysis.evaluation.stance` (out-of-domain and in-sample, strict scoring)."""

from analysis.evaluation.stance import main

if __name__ == "__main__":
    raise SystemExit(main())
