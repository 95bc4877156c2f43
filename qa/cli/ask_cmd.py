"""`qa ask`: answer a question with citations (filled in with the answers feature)."""
