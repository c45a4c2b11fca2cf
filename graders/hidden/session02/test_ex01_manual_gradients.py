"""Hidden graders: session 2, exercise 1. Never released to students."""
from coursekit import checks as ck
from coursekit.data.session02 import tf_binding_expression
from graders.hidden.session02.trusted import expect_same_line_fit, line_descent

HINT = ("start from torch.randn(1) for the weight, then for the bias; each epoch record the "
        "loss, then step both by learning_rate * gradient")


def test_train_trajectory(sol):
    x, y = tf_binding_expression(seed=5)
    runs = [((), (100, 0.1), "with the defaults"), ((37, 0.3), (37, 0.3), "37 epochs at 0.3"),
            ((12, 0.05), (12, 0.05), "12 epochs at 0.05")]
    for args, trusted_args, label in runs:
        found = ck.seeded_training(11, sol.train_manual_gradient_descent, x, y, *args)
        trusted = ck.seeded(11, line_descent, x, y, *trusted_args)
        expect_same_line_fit(found, trusted, f"train_manual_gradient_descent {label}", HINT)
