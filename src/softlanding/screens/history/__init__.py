"""Looking back: the history list, one session, patterns over time."""
