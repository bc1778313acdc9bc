"""Evaluation of the analyses against hand-labelled data (in-sample seeds and out-of-domain texts)."""
