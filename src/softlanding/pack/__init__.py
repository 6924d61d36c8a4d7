"""The prompts pack: YAML reader, schema and the compiled view screens use."""
