"""Hidden graders: session 2, exercise 2. Never released to students."""
from coursekit import checks as ck
from coursekit.data.session02 import tf_binding_expression
from graders.hidden.session02.trusted import expect_same_line_fit, line_descent
from graders.session02.test_ex02_autograd import _train

HINT = ("start from torch.randn(1, requires_grad=True) for the weight, then for the bias; each "
        "epoch record the loss, clear the gradients, call backward(), then step both by "
        "learning_rate * .grad under torch.no_grad()")


def test_train_trajectory(sol):
    x, y = tf_binding_expression(seed=9)
    for given, used, label in (((), (100, 0.1), "with the defaults"),
                               ((40, 0.25), (40, 0.25), "40 epochs at 0.25"),
                               ((15, 0.03), (15, 0.03), "15 epochs at 0.03")):
        found = _train(sol, 13, x, y, *given)
        trusted = ck.seeded(13, line_descent, x, y, *used)
        expect_same_line_fit(found, trusted, f"train_with_autograd {label}", HINT)
