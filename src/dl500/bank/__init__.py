"""The content bank: questions as data, loaded and validated without any web, SQL or torch."""
