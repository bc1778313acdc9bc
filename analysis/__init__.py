"""Analysis of a corpus of foreign-policy writing.

The package computes; it never imports streamlit. Each stage is a plain function
from tables to tables so that it can be tested alone and cached by the content
hash of its input (see ``docs/data.md`` for the contract of every table).
"""

__version__ = "0.1.0"
