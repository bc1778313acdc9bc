"""Topic clusters of body passages: a deterministic, labelled NMF engine.

``vectorize`` turns passages into TF-IDF terms (bigrams included); ``engines``
fits NMF (default), LDA or k-means on LSA; ``coherence`` scores topics by NPMI
and diversity; ``selection`` picks the number of topics; ``labels`` names them;
``stage`` ties it together into the tables of the bundle.
"""
