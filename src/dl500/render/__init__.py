"""Turn question Markdown into HTML (web, static site) and plain text (terminal)."""
