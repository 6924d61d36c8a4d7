"""One-shot commands: each has `main(argv, prog) -> int` and never imports Textual."""
