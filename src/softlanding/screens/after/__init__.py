"""The talk after the fight: both partners, calm, looking back together (or one preparing)."""
