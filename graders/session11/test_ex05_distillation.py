"""Graders: session 11, exercise 5 (knowledge distillation: distillation_loss, StudentClassifier, distill)."""
import copy

import torch
import torch.nn.functional as F
from hypothesis import strategies as st
from torch import nn
from torch.optim.optimizer import register_optimizer_step_post_hook

from coursekit import checks as ck
from coursekit.data.session11 import PromoterClassifier, accuracy, promoter_data, splits, trained_classifier

F64 = dict(rtol=1e-9, atol=1e-12)
F32 = dict(rtol=1e-4, atol=1e-5)
DEFAULT_T, DEFAULT_ALPHA = 4.0, 0.7
DEFAULT_STEPS, DEFAULT_LR, DEFAULT_BATCH = 100, 1e-2, 64
STUDENT_PARAMS = 10_660  # 37 * 32 + 33 * 256 + 257 * 4
# The learning check's bars (sweeps in the stub's docstring).
ACCURACY_GAP, KL_BAR, LOSS_FALL = 0.04, 0.025, 10.0

# Generated cases: (batch, classes, temperature, alpha, logit scale, float64?, seed)
LOSS_CASES = st.tuples(st.integers(1, 8), st.integers(2, 6), st.floats(0.5, 10.0), st.floats(0.0, 1.0),
                       st.floats(0.1, 6.0), st.booleans(), st.integers(0, 2**31 - 1))

# A plain case: two samples, four classes.
PLAIN_S = [[2.0, 0.0, -1.0, 0.5], [0.0, 1.0, 0.0, -2.0]]
PLAIN_T = [[4.0, -1.0, -2.0, 0.0], [-1.0, 3.0, 0.5, 0.0]]
PLAIN_Y = [0, 1]

LOSS_HINT = ("loss = alpha * T**2 * F.kl_div(F.log_softmax(s / T, dim=1), F.log_softmax(t / T, dim=1), "
             "log_target=True, reduction='batchmean') + (1 - alpha) * F.cross_entropy(s, labels): the "
             "teacher's distribution is the target (KL(p_teacher || p_student)), the same T on both sides, "
             "'batchmean' (not 'mean'), alpha on the soft term, the cross-entropy on the raw logits")
GRAD_HINT = ("the soft term's gradient on the student's logits is alpha * T * (p_student - p_teacher) / B "
             "only with the T**2 factor; gradients must flow to student_logits through both terms (no "
             ".detach() on the student's side)")
TEACHER_HINT = ("call teacher.eval() in distill and compute its logits under torch.no_grad(); put only "
                "student.parameters() in the optimizer")
STUDENT_HINT = ("self.features = nn.Sequential(nn.Conv1d(4, channels, 9, padding=4), nn.ReLU(), "
                "nn.AdaptiveMaxPool1d(1), nn.Flatten()); self.classifier = nn.Sequential(nn.Linear(channels, "
                "hidden), nn.ReLU(), nn.Linear(hidden, num_classes)); forward returns the raw logits")
TRAIN_HINT = ("distill: torch.optim.Adam(student.parameters(), lr=lr); each of the `steps` steps: a batch "
              "of batch_size sequences, the teacher's logits under torch.no_grad(), distillation_loss("
              "student(xb), teacher_logits, yb, temperature, alpha), zero_grad, backward, step; return the "
              "list of loss.item()")


# ---------------------------------------------------------------- trusted pieces ----

def _call(fn, what, *args, hint=LOSS_HINT, **kwargs):
    return ck.call(fn, *args, what=what, hint=hint, **kwargs)


def _tol(dtype):
    return F64 if dtype == torch.float64 else F32


def _log_probs(logits, temperature=1.0):
    """float64 log-softmax of logits / T, normalised with logsumexp."""
    z = logits.detach().double() / temperature
    return z - torch.logsumexp(z, dim=1, keepdim=True)


def _trusted_loss(s, t, y, temperature, alpha):
    """alpha T^2 KL(p_t || p_s) (summed over classes, mean over samples) + (1 - alpha) CE, in float64."""
    log_q, log_p = _log_probs(s, temperature), _log_probs(t, temperature)
    kl = (log_p.exp() * (log_p - log_q)).sum(dim=1).mean()
    z = s.detach().double()
    ce = (torch.logsumexp(z, dim=1) - z.gather(1, y.view(-1, 1)).view(-1)).mean()
    return alpha * temperature * temperature * kl + (1 - alpha) * ce


def _trusted_gradient(s, t, y, temperature, alpha):
    """d loss / d student_logits in closed form, float64."""
    batch, classes = s.shape
    soft = _log_probs(s, temperature).exp() - _log_probs(t, temperature).exp()
    hard = _log_probs(s).exp() - F.one_hot(y, classes).double()
    return (alpha * temperature * soft + (1 - alpha) * hard) / batch


def _case(batch, classes, scale, dtype, seed):
    g = torch.Generator().manual_seed(seed)
    s = scale * torch.randn(batch, classes, generator=g, dtype=dtype)
    t = scale * torch.randn(batch, classes, generator=g, dtype=dtype)
    y = torch.randint(0, classes, (batch,), generator=g)
    return s, t, y


def _plain(dtype=torch.float32):
    return (torch.tensor(PLAIN_S, dtype=dtype), torch.tensor(PLAIN_T, dtype=dtype), torch.tensor(PLAIN_Y))


def _loss(sol, s, t, y, what, *args, **kwargs):
    value = _call(sol.distillation_loss, what, s, t, y, *args, **kwargs)
    ck.expect_tensor(value, what, (), s.dtype, hint="return a 0-d tensor of the logits' dtype: the soft and "
                     "hard terms are means over the batch")
    return value


# ---------------------------------------------------------------- checks ------------

def _check_loss(sol, case):
    batch, classes, temperature, alpha, scale, f64, seed = case
    dtype = torch.float64 if f64 else torch.float32
    s, t, y = _case(batch, classes, scale, dtype, seed)
    what = (f"distillation_loss(student, teacher logits {dtype} [{batch}, {classes}], labels, "
            f"temperature={temperature:.4g}, alpha={alpha:.4g})")
    found = _loss(sol, s, t, y, what, temperature=temperature, alpha=alpha)
    ck.expect_close(found, _trusted_loss(s, t, y, temperature, alpha),
                    f"{what}: alpha * T^2 * KL(p_teacher || p_student) + (1 - alpha) * CE", LOSS_HINT,
                    **_tol(dtype))


def test_loss_matches_kl_div(sol):
    s, t, y = _plain()
    what = "distillation_loss(s, t, labels) on the plain case [2, 4] (default temperature and alpha)"
    found = _loss(sol, s, t, y, what)
    ck.expect_close(found, _trusted_loss(s, t, y, DEFAULT_T, DEFAULT_ALPHA),
                    f"{what}: 0.7 * 16 * KL + 0.3 * CE at T = 4", "the defaults are temperature=4.0, "
                    "alpha=0.7; " + LOSS_HINT)
    what = "distillation_loss(s, t, labels, temperature=3.0, alpha=0.0) on the plain case"
    found = _loss(sol, s, t, y, what, temperature=3.0, alpha=0.0)
    ck.expect_close(found, _trusted_loss(s, t, y, 1.0, 0.0), f"{what}: the plain cross-entropy of the "
                    "student's raw logits (alpha = 0 leaves the hard term alone)",
                    "(1 - alpha) weighs F.cross_entropy(student_logits, labels), on logits NOT divided by T")
    s, t, y = _plain(torch.float64)
    what = "distillation_loss(s, t, labels, temperature=2.0, alpha=1.0) on the plain case in float64"
    found = _loss(sol, s, t, y, what, temperature=2.0, alpha=1.0)
    ck.expect_close(found, _trusted_loss(s, t, y, 2.0, 1.0), f"{what}: 4 * KL(p_teacher || p_student) at "
                    "T = 2 (alpha = 1 leaves the soft term alone)", LOSS_HINT, **F64)
    ck.for_all(LOSS_CASES, lambda c: _check_loss(sol, c), max_examples=40)


def _check_gradient(sol, case):
    batch, classes, temperature, alpha, scale, f64, seed = case
    dtype = torch.float64 if f64 else torch.float32
    s, t, y = _case(batch, classes, scale, dtype, seed)
    _expect_gradient(sol, s, t, y, (temperature, alpha),
                     f"distillation_loss(s, t, labels) {dtype} [{batch}, {classes}], "
                     f"temperature={temperature:.4g}, alpha={alpha:.4g}",
                     temperature=temperature, alpha=alpha)


def _expect_gradient(sol, s, t, y, trusted, what, **kwargs):
    """The gradient on a leaf copy of s vs the closed form at trusted = (temperature, alpha)."""
    leaf = s.clone().requires_grad_(True)
    loss = _loss(sol, leaf, t, y, what, **kwargs)
    ck.expect(loss.requires_grad, f"{what} to carry gradients to student_logits (requires_grad)",
              "a loss that requires no gradient", GRAD_HINT)
    _call(loss.backward, f"{what}.backward()", hint=GRAD_HINT)
    ck.expect(leaf.grad is not None, f"{what}.backward() to give student_logits a gradient", "no gradient",
              GRAD_HINT)
    ck.expect_close(leaf.grad, _trusted_gradient(s, t, y, *trusted),
                    f"{what}.backward(): the gradient on the student's logits alpha * T * (p_student - "
                    "p_teacher) / B + (1 - alpha) * (softmax(s) - onehot(y)) / B",
                    GRAD_HINT + "; " + LOSS_HINT, **_tol(s.dtype))


def test_student_gradient(sol):
    s, t, y = _plain()
    _expect_gradient(sol, s, t, y, (DEFAULT_T, DEFAULT_ALPHA), "distillation_loss(s, t, labels) on the plain "
                     "case (defaults)")
    s, t, y = _case(5, 3, 2.0, torch.float64, 7)
    _expect_gradient(sol, s, t, y, (DEFAULT_T, 1.0), "distillation_loss(s, t, labels, alpha=1.0) float64 "
                     "[5, 3] (the soft term alone: T * (p_student - p_teacher) / B at T = 4)", alpha=1.0)
    ck.for_all(LOSS_CASES, lambda c: _check_gradient(sol, c), max_examples=30)


def _small_student(seed):
    return ck.seeded(seed, lambda: nn.Sequential(nn.Conv1d(4, 8, 9, padding=4), nn.ReLU(),
                                                 nn.AdaptiveMaxPool1d(1), nn.Flatten(), nn.Linear(8, 4)))


def _record_distill(sol, what, x, y, **kwargs):
    """Run distill on the graders' teacher (untrained, handed over in train mode) and small student; record
    every teacher call (mode, whether its output requires grad) and every optimizer step."""
    teacher = ck.seeded(1, PromoterClassifier).train()
    student = _small_student(2)
    teacher_state = copy.deepcopy(teacher.state_dict())
    student_start = [p.detach().clone() for p in student.parameters()]
    student_ids = {id(p) for p in student.parameters()}
    calls, steps = [], []

    def after_call(module, args, out):
        calls.append((module.training, isinstance(out, torch.Tensor) and out.requires_grad))

    def after_step(optimizer, args_, kwargs_):
        ids = {id(p) for group in optimizer.param_groups for p in group["params"]}
        steps.append((type(optimizer).__name__, optimizer.param_groups[0].get("lr"), ids == student_ids))

    handles = [teacher.register_forward_hook(after_call), register_optimizer_step_post_hook(after_step)]
    try:
        losses = _call(sol.distill, what, student, teacher, x, y, hint=TRAIN_HINT, **kwargs)
    finally:
        for h in handles:
            h.remove()
    moved = any(not torch.equal(a, b) for a, b in zip(student_start, student.parameters()))
    return dict(teacher=teacher, teacher_state=teacher_state, student=student, calls=calls, steps=steps,
                losses=losses, moved=moved)


def test_teacher_frozen(sol):
    x, y = promoter_data(96, seed=3)
    kwargs = dict(steps=4, lr=3e-3, batch_size=16, temperature=2.0, alpha=0.5)
    what = ("distill(student, teacher, x [96, 4, 80], y, steps=4, lr=3e-3, batch_size=16, temperature=2.0, "
            "alpha=0.5, generator=torch.Generator().manual_seed(5))")
    runs = ck.under_global_seeds(
        lambda: _record_distill(sol, what, x, y, generator=torch.Generator().manual_seed(5), **kwargs), what,
        "draw every batch from the generator you are given (torch.randint(..., generator=generator) or "
        "torch.randperm(N, generator=generator))")
    run = runs[0]
    ck.expect(len(run["calls"]) > 0, f"{what}: the teacher called (its logits are the soft targets)",
              "no call of the teacher", TRAIN_HINT)
    modes = ["train" if training else "eval" for training, _ in run["calls"]]
    ck.expect("train" not in modes, f"{what}: the teacher (handed over in train mode) in eval mode at every "
              "call", f"modes {modes}", "call teacher.eval() at the start of distill")
    ck.expect(not any(grad for _, grad in run["calls"]), f"{what}: no teacher output that requires grad",
              "a teacher output that requires grad (a graph built through the teacher)",
              "compute the teacher's logits under torch.no_grad() (a .detach() afterwards still builds the "
              "graph)")
    teacher = run["teacher"]
    ck.expect(not teacher.training, f"{what}: the teacher left in eval mode", "train mode", TEACHER_HINT)
    with_grad = [n for n, p in teacher.named_parameters() if p.grad is not None]
    ck.expect(not with_grad, f"{what}: every teacher parameter's .grad still None",
              f"gradients in {', '.join(with_grad)}", TEACHER_HINT)
    changed = [k for k, v in teacher.state_dict().items() if not torch.equal(v, run["teacher_state"][k])]
    ck.expect(not changed, f"{what}: the teacher's weights unchanged", f"changed: {', '.join(changed)}",
              TEACHER_HINT)
    ck.expect(len(run["steps"]) == 4, f"{what}: exactly 4 optimizer steps (one per step)",
              f"{len(run['steps'])} optimizer steps", TRAIN_HINT)
    kinds = sorted({(kind, lr) for kind, lr, _ in run["steps"]}, key=str)
    ck.expect(kinds == [("Adam", 3e-3)], f"{what}: every step a torch.optim.Adam with lr=0.003",
              ", ".join(f"{k}(lr={v})" for k, v in kinds), TRAIN_HINT)
    ck.expect(all(only for _, _, only in run["steps"]), f"{what}: the optimizer holding exactly the "
              "student's parameters",
              "an optimizer holding other parameters (the teacher's?) or only some of the student's",
              "torch.optim.Adam(student.parameters(), lr=lr)")
    ck.expect(run["moved"], f"{what}: the student trained (its parameters changed)", "unchanged parameters",
              TRAIN_HINT)
    ck.expect_float_list(run["losses"], 4, f"{what}: the losses", per="step")
    other = runs[1]
    ck.expect(run["losses"] == other["losses"] and all(
        torch.equal(a, b) for a, b in zip(run["student"].parameters(), other["student"].parameters())),
        f"{what}: the same losses and the same trained student under two different global seeds",
        "different results", "draw every random number from the generator you are given")


def _trusted_forward(model, x):
    """Conv1d, ReLU, max over positions, Linear, ReLU, Linear through the model's own weights, in float64."""
    conv, first, last = model.features[0], model.classifier[0], model.classifier[2]
    h = F.conv1d(x.double(), conv.weight.detach().double(), conv.bias.detach().double(), padding=4)
    h = torch.relu(h).amax(dim=2)
    h = torch.relu(F.linear(h, first.weight.detach().double(), first.bias.detach().double()))
    return F.linear(h, last.weight.detach().double(), last.bias.detach().double())


def _check_student(sol, what, count, layout, **kwargs):
    """StudentClassifier(**kwargs): its count, its layers (layout = channels, hidden, classes), its logits."""
    channels, hidden, classes = layout
    model = ck.build_model(sol.StudentClassifier, what=what, **kwargs)
    ck.expect_param_count(model, count, what)
    features, classifier = getattr(model, "features", None), getattr(model, "classifier", None)
    ck.expect(isinstance(features, nn.Sequential) and isinstance(classifier, nn.Sequential),
              f"{what}.features and {what}.classifier to be nn.Sequential",
              f"{type(features).__name__} and {type(classifier).__name__}", STUDENT_HINT)
    ck.expect(len(features) >= 1 and len(classifier) >= 3, f"{what}: features[0] and classifier[0], [2]",
              f"{len(features)} and {len(classifier)} layers", STUDENT_HINT)
    conv = features[0]
    ck.expect(isinstance(conv, nn.Conv1d), f"{what}.features[0] to be nn.Conv1d", type(conv).__name__,
              STUDENT_HINT)
    found = (conv.in_channels, conv.out_channels, conv.kernel_size, conv.padding, conv.bias is not None)
    ck.expect(found == (4, channels, (9,), (4,), True), f"{what}.features[0] = nn.Conv1d(4, {channels}, 9, "
              "padding=4) with a bias", f"in {found[0]}, out {found[1]}, kernel {found[2]}, "
              f"padding {found[3]}, bias {found[4]}", STUDENT_HINT)
    ck.expect_linear(classifier[0], channels, hidden, f"{what}.classifier[0]")
    ck.expect_linear(classifier[2], hidden, classes, f"{what}.classifier[2]")
    x = promoter_data(5, seed=2)[0]
    out = _call(model, f"{what} on x [5, 4, 80]", x, hint=STUDENT_HINT)
    ck.expect_tensor(out, f"{what} on x [5, 4, 80]", (5, classes), hint=STUDENT_HINT)
    ck.expect_close(out, _trusted_forward(model, x), f"{what}'s logits vs Conv1d, ReLU, max over positions, "
                    "Linear, ReLU, Linear through its own weights", STUDENT_HINT)


def test_param_count(sol):
    quarter = ck.count_parameters(PromoterClassifier()) // 4
    model = ck.build_model(sol.StudentClassifier, what="StudentClassifier()")
    found = ck.count_parameters(model)
    ck.expect(found <= quarter, f"StudentClassifier() at most a quarter of the teacher's parameters "
              f"({quarter:,})", f"{found:,}",
              "the student drops the teacher's 256 x 256 hidden layer: " + STUDENT_HINT)
    _check_student(sol, "StudentClassifier()", STUDENT_PARAMS, (32, 256, 4))
    _check_student(sol, "StudentClassifier(hidden=64)", 3_556, (32, 64, 4), hidden=64)
    _check_student(sol, "StudentClassifier(num_classes=3, channels=16, hidden=32)", 1_235, (16, 32, 3),
                   num_classes=3, channels=16, hidden=32)


def _mean_kl(student, teacher, x, temperature):
    """Mean over sequences of KL(p_teacher || p_student) at T, both models in eval mode, float64."""
    with torch.no_grad():
        log_q = _log_probs(student.eval()(x), temperature)
        log_p = _log_probs(teacher.eval()(x), temperature)
    return float((log_p.exp() * (log_p - log_q)).sum(dim=1).mean())


def test_student_accuracy(sol):
    (x, y), (x_test, y_test) = splits()
    student = ck.build_model(sol.StudentClassifier, what="StudentClassifier()", seed=0)
    what = ("distill(StudentClassifier(), trained_classifier(), x_train, y_train, "
            "generator=torch.Generator().manual_seed(0)) (defaults)")
    teacher = trained_classifier()  # built before the hooks: the kit trains it on first use
    sizes, steps = [], []
    handles = [student.register_forward_pre_hook(lambda m, a: sizes.append(a[0].shape[0])),
               register_optimizer_step_post_hook(
                   lambda opt, a, k: steps.append((type(opt).__name__, opt.param_groups[0].get("lr"))))]
    try:
        losses = _call(sol.distill, what, student, teacher, x, y,
                       generator=torch.Generator().manual_seed(0), hint=TRAIN_HINT)
    finally:
        for h in handles:
            h.remove()
    kinds = sorted(set(steps), key=str)
    ck.expect(kinds == [("Adam", DEFAULT_LR)], f"{what}: every step a torch.optim.Adam with lr=0.01 (the "
              "default)", ", ".join(f"{k}(lr={v})" for k, v in kinds) or "no optimizer step", TRAIN_HINT)
    ck.expect(set(sizes) == {DEFAULT_BATCH}, f"{what}: every call of the student on {DEFAULT_BATCH} "
              "sequences (the default batch_size)", f"batch sizes {sorted(set(sizes))}", TRAIN_HINT)
    ck.expect_float_list(losses, DEFAULT_STEPS, f"{what}: the losses (steps=100 by default)", per="step")
    ck.expect_loss_falls(losses, LOSS_FALL, f"{what}: the loss")
    teacher = trained_classifier()
    bar = accuracy(teacher, x_test, y_test) - ACCURACY_GAP
    found = accuracy(student, x_test, y_test)
    ck.expect(found >= bar, f"{what}: the student's test accuracy at least the teacher's minus "
              f"{ACCURACY_GAP} = {bar:.3f} (the reference: 0.972 at worst)", f"{found:.3f}",
              TRAIN_HINT + "; " + LOSS_HINT)
    kl = _mean_kl(student, teacher, x_test, DEFAULT_T)
    ck.expect(kl <= KL_BAR, f"{what}: mean KL(p_teacher || p_student) at T = 4 on the test sequences at most "
              f"{KL_BAR} (the reference: 0.015 at worst; trained on the labels alone: 0.033 at best)",
              f"{kl:.4f}", "train on the teacher's softened probabilities as well as the labels: distill "
              "must use distillation_loss with the teacher's logits, the temperature on both sides")


class _Pipeline(nn.Module):
    """StudentClassifier()'s logits and distillation_loss against a teacher's (labels on x's device)."""

    def __init__(self, sol):
        super().__init__()
        self.student = sol.StudentClassifier()
        self.teacher = PromoterClassifier()
        self.distillation_loss = sol.distillation_loss  # a function, copyable

    def forward(self, x):
        s = self.student(x)
        with torch.no_grad():
            t = self.teacher(x)
        labels = torch.arange(x.shape[0], device=x.device) % s.shape[1]
        return s, self.distillation_loss(s, t, labels), self.distillation_loss(s, t, labels, 2.0, 0.5)


def test_follows_device(sol):
    x = promoter_data(6, seed=4)[0]
    ck.expect_follows_device(lambda: ck.build_model(_Pipeline, sol, what="StudentClassifier()"), x,
                             "StudentClassifier() and distillation_loss on its logits")


def test_cuda_parity(sol):
    x = promoter_data(8, seed=5)[0]
    ck.expect_cuda_parity(lambda: ck.build_model(_Pipeline, sol, what="StudentClassifier()"), x,
                          "StudentClassifier() logits and distillation_loss")
