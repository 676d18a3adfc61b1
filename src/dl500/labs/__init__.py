"""Runnable labs that compute the handbook's tables and figures (PyTorch, numpy, matplotlib).

Importing this package is cheap: each lab imports torch inside its function.
"""
