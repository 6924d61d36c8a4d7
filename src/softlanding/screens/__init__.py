"""One Screen per step or view, each with a sibling .tcss file."""
