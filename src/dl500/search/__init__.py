"""Finding questions from what a user types."""
