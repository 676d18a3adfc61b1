"""Take-along formats: Anki deck, static site, PDF."""
