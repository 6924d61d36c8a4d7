"""Together mode screens: hand-overs, reveal, listening turns, closing."""
