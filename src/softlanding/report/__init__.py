"""Pure views of a session for history, show, export and the debrief."""
