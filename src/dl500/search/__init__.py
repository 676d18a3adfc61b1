"""Finding questions from what a user types: Chinese-aware, cross-lingual ranked search.

`query.SearchEngine.for_content(root)` opens (or builds, once per content change) the
on-disk index described in `index`, and `search(text, limit)` returns ranked `Hit`s with
highlighted snippets. Nothing here is imported eagerly: `dl500 ask` must start fast.
"""
