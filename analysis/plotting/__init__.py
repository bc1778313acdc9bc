"""Chart builders: pure functions from tables to plotly figures.

They compute nothing beyond layout, so the same figure serves the page, the
PNG/SVG export and the briefing. All share :mod:`analysis.plotting.style`.
"""
