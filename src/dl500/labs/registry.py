"""The registry of named lab outputs.

Built-in labs register through the same `@lab` decorator an outside author would use. A
lab is a function returning a `Table` or `Figure` (and optionally a dict of key numbers);
its cache key is a hash of its module's source and its parameters, so editing the code
makes its output stale.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dl500.bank.labdata import Figure, Table

LabResult = Table | Figure | tuple[Table | Figure, dict[str, Any]]
LabFn = Callable[..., LabResult]

BUILTIN_MODULES: tuple[str, ...] = (
    "activations",
    "alexnet",
    "biasvariance",
    "classifiers",
    "connections",
    "convarith",
    "convcost",
    "densenet",
    "distributions",
    "googlenet",
    "init",
    "lenet5",
    "mathbasics",
    "mobilenet",
    "netzoo",
    "nin",
    "optimizers",
    "pca",
    "recurrent",
    "resnet",
    "vgg",
    "vit",
)
"""Modules under `dl500.labs` that register built-in labs (filled in as labs are added)."""


@dataclass(frozen=True, slots=True)
class Lab:
    """A registered lab output."""

    name: str
    fn: LabFn
    params: dict[str, Any] = field(default_factory=dict)
    smoke: dict[str, Any] = field(default_factory=dict)
    """Parameter overrides for a fast CPU run in tests."""

    @property
    def source_hash(self) -> str:
        module = inspect.getmodule(self.fn)
        source = inspect.getsource(module) if module else inspect.getsource(self.fn)
        key = f"{self.name}\n{sorted(self.params.items())!r}\n{source}\n{_helpers_source()}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]


SHARED_HELPERS: tuple[str, ...] = ("counting", "figures")
"""Modules every lab may use: their source is part of every lab's hash."""


@functools.cache
def _helpers_source() -> str:
    return "".join(
        inspect.getsource(importlib.import_module(f"dl500.labs.{name}")) for name in SHARED_HELPERS
    )


_REGISTRY: dict[str, Lab] = {}


def lab(
    name: str, *, smoke: dict[str, Any] | None = None, **params: Any
) -> Callable[[LabFn], LabFn]:
    """Register `fn` as the lab output `name`, called with `params`."""

    def register(fn: LabFn) -> LabFn:
        if name in _REGISTRY and _REGISTRY[name].fn is not fn:
            raise ValueError(f"lab {name!r} is registered twice")
        _REGISTRY[name] = Lab(name, fn, dict(params), dict(smoke or {}))
        return fn

    return register


def registry() -> dict[str, Lab]:
    """Import the built-in lab modules and return every registered lab by name."""
    for module in BUILTIN_MODULES:
        importlib.import_module(f"dl500.labs.{module}")
    return dict(sorted(_REGISTRY.items()))
