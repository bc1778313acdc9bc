"""Streamlit glue: the cached bundle loader, the shared sidebar filters and HTML
rendering of document text. Pages import from here; analysis never does."""
