"""Pause and its stages: breathing, grounding, the break."""
