"""SVM support vectors sit on the margin; the boundary grid shows each model's bias."""

from __future__ import annotations

from dl500.labs import classifiers


def test_support_vectors_lie_on_the_margin() -> None:
    _, facts = classifiers.svm_margin()
    assert facts["training_accuracy"] == 1.0  # separable data, near-hard margin
    assert facts["support_on_margin"]
    assert facts["min_functional_margin"] >= 0.999
    assert facts["n_support"] == 3  # ml-basics/svm: "only the 3 circled ones"


def test_linear_models_fail_on_circles_and_flexible_ones_do_not() -> None:
    _, facts = classifiers.boundaries()
    assert len(facts) == 24
    assert facts["circles / logistic regression"] < 0.7
    assert facts["circles / linear SVM"] < 0.7
    for model in ("RBF SVM", "kNN (k=5)", "MLP (2×32)"):
        assert facts[f"circles / {model}"] > 0.8, model
    assert facts["linearly separable / logistic regression"] == 1.0
