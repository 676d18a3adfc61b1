"""LeNet-5: the 1998 counts, C3's partial connectivity, and the training lab."""

from __future__ import annotations

from pathlib import Path

import torch

from dl500.bank.labdata import read_output
from dl500.labs import lenet5
from dl500.labs.cache import run_lab
from dl500.labs.registry import registry

CONTENT = Path(__file__).parents[2] / "content"


def test_params_and_connections_match_the_paper() -> None:
    _, facts = lenet5.lenet5_param_table()
    params = {n: facts[f"{n}_params"] for n in ("c1", "s2", "c3", "s4", "c5", "f6")}
    assert params == {"c1": 156, "s2": 12, "c3": 1516, "s4": 32, "c5": 48120, "f6": 10164}
    connections = {n: facts[f"{n}_connections"] for n in ("c1", "s2", "c3", "s4", "c5", "f6")}
    assert connections == {
        "c1": 122304, "s2": 5880, "c3": 151600, "s4": 2000, "c5": 48120, "f6": 10164,
    }  # fmt: skip
    assert facts["params_to_f6"] == 60000
    assert facts["connections_to_f6"] == 340068
    assert facts["rbf_fixed_values"] == 840
    assert facts["out_params"] == 0  # the RBF prototypes are not trained
    assert facts["fc_output_params"] == 850
    assert facts["params_with_fc_output"] == 60850
    assert facts["modern_c3_params"] == 2416
    assert facts["modern_total_params"] == 61706


def test_c3_reads_only_the_maps_of_table_1() -> None:
    c3 = dict(lenet5.build_lenet5_1998().named_children())["C3"]
    x = torch.randn(1, 6, 14, 14, requires_grad=True)
    for out_map, inputs in enumerate(lenet5.C3_INPUTS):
        (grad,) = torch.autograd.grad(c3(x)[0, out_map].sum(), x)
        reached = {i for i in range(6) if grad[0, i].abs().sum() > 0}
        assert reached == set(inputs), out_map
    _, facts = lenet5.lenet5_c3_table()
    assert facts == {"c3_params": 1516, "c3_kernels": 60}


def test_layer_shapes() -> None:
    table, _ = lenet5.lenet5_param_table()
    shapes = {row[0]: row[1] for row in table.rows}
    assert shapes["C1"] == "6×28×28" and shapes["C3"] == "16×10×10"
    assert shapes["C5"] == "120×1×1" and shapes["OUT"] == "10"


def test_training_smoke_run_beats_chance() -> None:
    output = run_lab(registry()["lenet5.train"], is_smoke=True)
    assert output.facts["epochs"] == 1
    assert output.facts["test_accuracy_1998"] > 0.3
    assert output.facts["test_accuracy_modern"] > 0.3
    assert "<svg" in output.result.svg


def test_committed_training_run_reaches_99_percent_in_a_minute() -> None:
    # lenet5-architecture says both versions exceed 99% in under a minute on one thread.
    output = read_output(CONTENT, "lenet5.train")
    assert output is not None, "run `dl500 labs build`"
    assert output.facts["test_accuracy_1998"] >= 0.99
    assert output.facts["test_accuracy_modern"] >= 0.99
    assert output.facts["seconds"] < 60
