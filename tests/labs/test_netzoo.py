"""The network-zoo chart draws every family the network-families answer names."""

from __future__ import annotations

from dl500.labs import netzoo


def test_chart_has_the_families() -> None:
    figure, facts = netzoo.chart()
    for family in (
        "Perceptron",
        "Autoencoder",
        "Variational AE",
        "RBM",
        "CNN",
        "RNN",
        "LSTM",
        "GRU",
        "ResNet",
        "Transformer block",
        "Deconvolutional net",
    ):
        assert family in facts["families"]
        assert family in figure.svg  # titles stay text in the SVG
    assert len(figure.svg) < 300_000
