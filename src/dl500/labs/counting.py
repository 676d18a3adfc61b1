"""Count parameters, multiply-accumulates and output shapes of the labs' own models.

Shared by the architecture labs (LeNet, AlexNet, VGG, ...) so that every table counts the
same way: trainable parameters are summed from the real PyTorch modules, and MACs are
counted by forward hooks on Conv2d and Linear only (one MAC = one multiply-add; biases,
activations, normalisation and pooling are not counted, the convention of the papers).
This module registers no lab; torch is imported inside the functions.
"""

from __future__ import annotations

from typing import Any


def count_params(module: Any) -> int:
    """Return the number of trainable parameters of a module."""
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


def _layer_macs(layer: Any, output: Any) -> int:
    from torch import nn

    if isinstance(layer, nn.Conv2d):
        kh, kw = layer.kernel_size
        return output.numel() * (layer.in_channels // layer.groups) * kh * kw
    positions = output.numel() // layer.out_features  # Linear on (batch, ..., features)
    return positions * layer.in_features * layer.out_features


def trace(model: Any, input_shape: tuple[int, ...]) -> dict[str, tuple[int, tuple[int, ...]]]:
    """Run one sample and return {layer name: (MACs, output shape)} for conv/linear layers.

    The shape excludes the batch dimension. Layers called twice accumulate their MACs.
    """
    import torch
    from torch import nn

    seen: dict[str, tuple[int, tuple[int, ...]]] = {}
    handles = []
    for name, layer in model.named_modules():
        if isinstance(layer, nn.Conv2d | nn.Linear):

            def hook(mod: Any, _inp: Any, out: Any, name: str = name) -> None:
                macs = _layer_macs(mod, out) + seen.get(name, (0, ()))[0]
                seen[name] = (macs, tuple(out.shape[1:]))

            handles.append(layer.register_forward_hook(hook))
    device = next(model.parameters()).device  # "meta": shapes only, no arithmetic
    try:
        with torch.no_grad():
            model.eval()(torch.zeros(1, *input_shape, device=device))
    finally:
        for handle in handles:
            handle.remove()
    return seen


def on_meta(builder: Any, *args: Any, **kwargs: Any) -> Any:
    """Build a model on the meta device: no memory, no initialisation, shapes still work."""
    import torch

    with torch.device("meta"):
        return builder(*args, **kwargs)


def count_macs(model: Any, input_shape: tuple[int, ...]) -> int:
    """Return the conv + linear MACs of one forward pass on one sample."""
    return sum(macs for macs, _ in trace(model, input_shape).values())


def conv_out(n: int, k: int, s: int = 1, p: int = 0, d: int = 1) -> int:
    """Return the output length of a convolution or pooling (floor, as PyTorch does)."""
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


def fmt_shape(shape: tuple[int, ...]) -> str:
    """Format a C×H×W (or N) shape for a table cell."""
    return "×".join(str(v) for v in shape)
