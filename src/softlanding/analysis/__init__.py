"""Pure message analysis: the analyzer, its rules and text helpers."""
