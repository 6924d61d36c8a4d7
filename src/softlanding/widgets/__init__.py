"""Reusable widgets: breathing pacer, intensity scale, draft hints."""
