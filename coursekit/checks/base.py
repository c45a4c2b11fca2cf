"""The core of every check: a failure told as expected / found / hint, and the
comparisons most checks are made of (tensors, floats, closeness, seeds)."""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence

import torch


class CheckFailure(AssertionError):
    """A check that did not hold, told in the student's terms."""

    def __init__(self, expected, found, hint: str = ""):
        self.expected, self.found, self.hint = str(expected), str(found), hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"expected: {self.expected}\nfound:    {self.found}"
        return text + (f"\nhint:     {self.hint}" if self.hint else "")


def expect(condition: bool, expected, found, hint: str = "") -> None:
    if not condition:
        raise CheckFailure(expected, found, hint)


def plain(value):
    """A tensor as the data it holds: a plain ``torch.Tensor`` (a subclass's overrides of
    ``__torch_function__``, ``shape``, ``dtype`` or ``__eq__`` cannot speak for it); any
    other value unchanged."""
    if not isinstance(value, torch.Tensor):
        return value
    with torch._C.DisableTorchFunctionSubclass():
        return torch.Tensor.as_subclass(value, torch.Tensor)


def expect_tensor(value, what: str, shape: Sequence[int] | None = None,
                  dtype: torch.dtype | None = torch.float32, hint: str = "") -> None:
    """``value`` is a tensor with the given shape and dtype (its data's, whatever a
    subclass says)."""
    expect(isinstance(value, torch.Tensor), f"{what} to be a torch.Tensor",
           type(value).__name__, hint or "return a tensor, not a list or a number")
    value = plain(value)
    if shape is not None:
        expect(tuple(value.shape) == tuple(shape), f"{what} of shape {tuple(shape)}",
               f"shape {tuple(value.shape)}", hint or _shape_hint(tuple(value.shape), tuple(shape)))
    if dtype is not None:
        expect(value.dtype == dtype, f"{what} of dtype {dtype}", f"dtype {value.dtype}",
               hint or f"create it with dtype={dtype}")


def _shape_hint(found: tuple, wanted: tuple) -> str:
    if found == wanted + (1,):
        return "squeeze the last dimension (e.g. .squeeze(-1))"
    if wanted == found + (1,):
        return "keep the last dimension of size 1"
    return "follow the shapes of the spec"


def expect_finite(values, what: str) -> None:
    t = torch.as_tensor(values, dtype=torch.float64)
    expect(bool(torch.isfinite(t).all()), f"{what} to be finite", "NaN or inf",
           "look for a division by zero or an exploding learning rate")


def expect_float_list(values, length: int, what: str, per: str = "epoch") -> None:
    """A list of ``length`` Python floats, one ``per`` epoch (or step, ...)."""
    expect(isinstance(values, list), f"{what} as a list", type(values).__name__,
           "append loss.item() to a list and return the list")
    expect(len(values) == length, f"{what} with {length} entries (one per {per})",
           f"{len(values)} entries", f"append exactly once per {per}")
    bad = next((v for v in values if type(v) is not float), None)
    expect(bad is None, f"{what} holding Python floats", f"an entry of type {type(bad).__name__}",
           "use .item() to turn a 0-d tensor into a float")
    expect_finite(values, what)


def expect_loss_falls(losses: Sequence[float], factor: float, what: str) -> None:
    """The last loss is at most ``losses[0] / factor``."""
    expect_finite(losses, what)
    first, last = float(losses[0]), float(losses[-1])
    expect(last <= first / factor, f"{what} to fall by at least {factor}x "
           f"(from {first:.4g} to <= {first / factor:.4g})", f"last value {last:.4g}",
           "check the optimizer, the learning rate and that every epoch takes a step")


def expect_close(found, trusted, what: str, hint: str, rtol: float = 1e-4,
                 atol: float = 1e-5) -> None:
    """``found`` equals the trusted value: ``torch.isclose`` everywhere, the rule of
    ``torch.testing.assert_close`` (``|found - trusted| <= atol + rtol * |trusted|``, NaN
    never close). Not ``assert_close`` itself: its first call imports sympy (0.9 s) in a
    process that has not trained anything yet."""
    f, t = (torch.as_tensor(plain(v).detach().cpu() if isinstance(v, torch.Tensor) else v,
                            dtype=torch.float64) for v in (found, trusted))
    expected = f"{what} equal to a trusted computation (rtol={rtol}, atol={atol})"
    if f.shape != t.shape:
        raise CheckFailure(expected, f"shape {tuple(f.shape)} where {tuple(t.shape)} was expected",
                           hint)
    wrong = ~torch.isclose(f, t, rtol=rtol, atol=atol)
    if bool(wrong.any()):
        first = tuple(wrong.nonzero()[0].tolist())
        at = f" at index {first}" if first else ""
        raise CheckFailure(expected, f"{int(wrong.sum())} of {wrong.numel()} values differ; e.g.{at}: "
                           f"{f[first].item():.6g} where {t[first].item():.6g} was expected",
                           hint)


def expect_deterministic(fn: Callable[[], object], what: str, seed: int = 0) -> None:
    """``fn()`` gives the same result twice from the same seed (tensors or nested lists)."""
    first, second = seeded(seed, fn), seeded(seed, fn)
    flat = lambda v: torch.as_tensor(v, dtype=torch.float64) if not isinstance(v, torch.Tensor) else v  # noqa: E731
    try:
        same = torch.equal(flat(first).detach().cpu(), flat(second).detach().cpu())
    except (TypeError, ValueError, RuntimeError):
        same = first == second
    expect(same, f"{what} to be the same twice from the same seed", "two different results",
           "draw random numbers only from torch's generator; don't seed inside your code")


def seeded(seed: int, fn: Callable, *args, **kwargs):
    """Call ``fn`` with torch's global generator set to ``seed``."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return fn(*args, **kwargs)


def seeded_training(seed: int, fn: Callable, *args, **kwargs):
    """``seeded`` for a training function: an optimizer's refusal of a tensor that is not
    a leaf (``torch.randn(n, requires_grad=True) * 0.1`` is computed from one) becomes a
    failed check that says how to make the start a leaf."""
    try:
        return seeded(seed, fn, *args, **kwargs)
    except ValueError as error:
        if "non-leaf" not in str(error):
            raise
        raise CheckFailure("parameters created as leaf tensors the optimizer can train",
                           f"ValueError: {error}",
                           "scale first, then ask for gradients: "
                           "weights = (0.1 * torch.randn(n)).requires_grad_()") from None


def call(fn: Callable, *args, what: str, hint: str, **kwargs):
    """``fn(*args, **kwargs)``, a call into the student's code: any exception but
    ``NotImplementedError`` (a stub) and ``CheckFailure`` is a failed check that names it."""
    try:
        return fn(*args, **kwargs)
    except (NotImplementedError, CheckFailure):
        raise
    except Exception as error:  # noqa: BLE001 - the student's code may fail in any way
        raise CheckFailure(f"{what} to run", f"{type(error).__name__}: {error}", hint) from None


def under_global_seeds(run: Callable[[], object], what: str, hint: str, seeds=(1, 2)) -> list:
    """``run()``'s results under each global seed, each run checked to leave torch's global
    random state as it found it (its randomness comes from a generator it was given)."""
    results = []
    for seed in seeds:
        before = seeded(seed, torch.get_rng_state)
        result, after = seeded(seed, lambda: (run(), torch.get_rng_state()))
        expect(torch.equal(after, before), f"{what} to leave torch's global random state alone",
               "the global state changed", hint)
        results.append(result)
    return results


def expect_raises(call: Callable[[], object], exception: type[BaseException], what: str,
                  hint: str) -> BaseException:
    """``call()`` raises ``exception`` (returned, to check its message); no exception, or
    another one, is a failed check. ``NotImplementedError`` passes through (a stub)."""
    expected = f"{what} to raise {exception.__name__}"
    try:
        call()
    except NotImplementedError as error:  # first: it is a RuntimeError, which a check may expect
        if exception is NotImplementedError:
            return error
        raise
    except exception as error:
        return error
    except Exception as error:  # noqa: BLE001 - any other exception is the wrong one
        raise CheckFailure(expected, f"{type(error).__name__}: {error}", hint) from None
    raise CheckFailure(expected, "no exception", hint)


def source_identity(fn: Callable):
    """What stays the same across two loads of one submission's function: its file's path, the
    file's content (a SHA-256 digest) and its qualified name; the function itself where it has
    no file (a notebook cell). A key for work done once per submission (a slow export, loader
    runs shared by several checks)."""
    path = getattr(getattr(fn, "__code__", None), "co_filename", "")
    if not os.path.isfile(path):
        return fn
    with open(path, "rb") as source:
        return path, hashlib.sha256(source.read()).hexdigest(), fn.__qualname__

