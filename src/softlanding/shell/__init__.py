"""The app's Textual side beyond its wiring: where the screens go, and the keys that work
everywhere. Not under screens/: these open the heavy screens lazily, so the first screen is fast."""
