"""Practice: spaced repetition and mock interviews (pure logic; `now` is always passed in)."""
