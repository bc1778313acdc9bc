"""Stance: how each source portrays the actors it names, which propositions it
argues for or against, and what it recommends, always with the sentences."""
