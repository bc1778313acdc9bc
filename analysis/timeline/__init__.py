"""Event timeline: dated mentions found and normalised, events phrased, and
mentions of the same event merged across sources, disagreements kept."""
