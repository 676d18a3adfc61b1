"""The web app: server-rendered pages, a little JS, and a JSON API under /api/."""
