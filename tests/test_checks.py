"""The check library and the data generators: each check fails when it should."""
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from coursekit import checks as ck
from coursekit.data import session03 as data


def fails(fn, *args, **kwargs) -> str:
    with pytest.raises(ck.CheckFailure) as info:
        fn(*args, **kwargs)
    message = info.value.message
    assert message.startswith("expected: ") and "\nfound:    " in message
    return message


class PythonList(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = [nn.Linear(3, 4), nn.Linear(4, 1)]

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class PlainTensor(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 1)
        self.offset = torch.zeros(1)

    def forward(self, x):
        return self.fc(x) + self.offset


class MakesCpuTensor(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 1)

    def forward(self, x):
        return self.fc(x) + torch.zeros(x.shape[0], 1)


def test_registration_and_parameter_count():
    good = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
    ck.expect_registered(good, "model")
    ck.expect_param_count(good, 21, "model")
    assert "layers (list)" in fails(ck.expect_registered, PythonList(), "model")
    assert "21" in fails(ck.expect_param_count, PythonList(), 21, "model")


def test_follows_device_catches_plain_and_created_tensors():
    ck.expect_follows_device(lambda: nn.Linear(3, 1), torch.randn(2, 3), "linear")
    assert "offset" in fails(ck.expect_follows_device, PlainTensor, torch.randn(2, 3), "m")
    assert "RuntimeError" in fails(ck.expect_follows_device, MakesCpuTensor, torch.randn(2, 3), "m")


def test_tensor_shape_dtype_and_hints():
    ck.expect_tensor(torch.zeros(4), "out", (4,))
    assert "squeeze" in fails(ck.expect_tensor, torch.zeros(4, 1), "out", (4,))
    assert "float32" in fails(ck.expect_tensor, torch.zeros(4, dtype=torch.float64), "out", (4,))
    assert "Tensor" in fails(ck.expect_tensor, [0.0] * 4, "out", (4,))


def test_loss_lists_and_falls():
    ck.expect_float_list([1.0, 0.5], 2, "losses")
    ck.expect_loss_falls([1.0, 0.5, 0.09], 10, "loss")
    fails(ck.expect_loss_falls, [1.0, 0.5, 0.11], 10, "loss")
    fails(ck.expect_loss_falls, [1.0, float("nan")], 10, "loss")
    assert ".item()" in fails(ck.expect_float_list, [torch.tensor(1.0)], 1, "losses")
    fails(ck.expect_float_list, [1.0], 2, "losses")


def test_close_and_record_modes():
    ck.expect_close([1.0, 2.0], torch.tensor([1.0, 2.0]), "x", "")
    fails(ck.expect_close, [1.0, 2.1], [1.0, 2.0], "x", "hint")
    model = nn.Linear(2, 1)
    with ck.record_modes(model) as calls:
        model.train()
        model(torch.zeros(3, 2))
        model.eval()
        with torch.no_grad():
            model(torch.zeros(5, 2))
    assert calls == [(3, True, True), (5, False, False)]


def test_deterministic_and_build_model():
    ck.expect_deterministic(lambda: torch.randn(3), "draw")
    counter = iter(range(10))
    fails(ck.expect_deterministic, lambda: torch.tensor(float(next(counter))), "counter")
    assert "nn.Module" in fails(ck.build_model, lambda: object(), what="thing")


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**31 - 1))
def test_generators_are_seeded_and_leave_the_global_state_alone(seed):
    before = torch.random.get_rng_state()
    for make in (data.tf_binding_expression, data.nonlinear_regression,
                 data.wide_scale_regression, data.small_regression, data.multitask_expression):
        first, second = make(seed=seed), make(seed=seed)
        for a, b in zip(first, second):
            assert torch.equal(a, b)
    assert torch.equal(before, torch.random.get_rng_state())


@settings(max_examples=20, deadline=None)
@given(seqs=st.lists(st.text(alphabet="ACGTacgtN", min_size=5, max_size=5), min_size=1, max_size=4))
def test_trusted_one_hot(seqs):
    encoded = data.one_hot_flat(seqs).view(len(seqs), 5, 4)
    for seq, rows in zip(seqs, encoded):
        for base, row in zip(seq, rows):
            if base.upper() in "ACGT":
                assert row.tolist() == [float(b == base.upper()) for b in "ACGT"]
            else:
                assert row.sum() == 0


def test_tf_binding_recipe():
    X, y = data.tf_binding_expression(n=2000, seed=1, noise=0.0)
    assert X.shape == (2000, 3) and y.dtype == torch.float32
    torch.testing.assert_close(y, X @ torch.tensor([2.0, -1.0, 0.5]))
