"""ResNet: parameters and MACs for 18–152, bottleneck vs basic block."""

from __future__ import annotations

from dl500.labs import resnet
from dl500.labs.counting import count_params, on_meta


def test_summary() -> None:
    _, facts = resnet.resnet_summary()
    params = [facts[f"resnet{d}_params"] for d in (18, 34, 50, 101, 152)]
    assert params == [11689512, 21797672, 25557032, 44549160, 60192808]
    assert facts["resnet18_gmacs"] == 1.814
    assert facts["resnet50_gmacs"] == 4.089


def test_bottleneck() -> None:
    _, facts = resnet.resnet_bottleneck()
    assert facts["bottleneck_weights"] == 69632
    assert facts["basic256_weights"] == 1179648
    assert facts["basic64_weights"] == 73728


def test_resnet50_parameters_by_part() -> None:
    # resnet-blocks-params quotes these numbers for ResNet-50's stem, stages and FC layer.
    model = on_meta(resnet.build_resnet, 50)
    children = list(model.children())
    stem = sum(count_params(m) for m in children[:4])
    blocks = children[4:-3]
    stages, start = [], 0
    for count in resnet.DEPTHS[50][1]:
        stages.append(sum(count_params(b) for b in blocks[start : start + count]))
        start += count
    assert stem == 9536
    assert stages == [215808, 1219584, 7098368, 14964736]
    assert count_params(children[-1]) == 2049000
    assert round(stages[-1] / count_params(model), 2) == 0.59
    assert count_params(blocks[-4]) == 1117184  # one conv4_x block, BN included
