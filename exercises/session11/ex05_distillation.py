"""Session 11, exercise 5: knowledge distillation, a student a quarter of the size.

Genomics context
----------------
The session's promoter classifier (the **teacher**) reads an 80 bp one-hot sequence and names
the motif planted in it: 0 TATA-box, 1 CCAAT-box, 2 GC-box, 3 E-box. It has 76,452 parameters,
and 65,792 of them (86%) sit in one 256 x 256 hidden layer. A model that scans every promoter
of a genome, or runs inside a sequencer's software, is cheaper with fewer. Here a **student**
keeps the teacher's 32 motif detectors but drops that hidden layer: 10,660 parameters, under a
seventh of the teacher (the exercise allows at most a quarter).

A student trained on the labels alone learns only which class is right. **Knowledge
distillation** (Hinton, Vinyals and Dean, 2015) also trains it on the teacher's **softened**
probabilities. At temperature 1 the trained teacher gives a CCAAT-box promoter 0.96 on average
and each other class at most 0.02: little more than the label. Divided by a temperature ``T >
1`` before the softmax, the same logits give ``softmax(logits / T)`` = 0.71 for CCAAT-box, 0.13
for TATA-box, 0.08 for each of the others at ``T = 4``: how the teacher ranks the wrong classes,
and how sure it is of each sequence, becomes a target too (the "dark knowledge" a one-hot label
throws away). The student matches those soft probabilities as well as the labels::

    loss = alpha * T^2 * KL(p_teacher || p_student) + (1 - alpha) * CE(student_logits, y)

    p_teacher = softmax(teacher_logits / T),   p_student = softmax(student_logits / T)

- ``KL(p || q) = sum over classes of p * (log p - log q)``, summed over the classes and
  averaged over the samples of the batch (``reduction='batchmean'`` in ``F.kl_div``: NOT
  ``'mean'``, which also divides by the number of classes). Its direction matters: the
  teacher's distribution comes first, ``KL(p_teacher || p_student)``, the expected extra
  log-loss of predicting the teacher's soft labels with the student's.
- **The same temperature on both sides**: the teacher's logits and the student's are both
  divided by ``T`` before their softmax.
- **Why T^2**: the gradient of ``KL`` with respect to the student's logits ``s`` is
  ``(p_student - p_teacher) / (T * B)`` (the softmax of ``s / T`` contributes the ``1 / T``),
  and the difference ``p_student - p_teacher`` of two softened distributions itself shrinks
  like ``1 / T``: without a correction the soft gradient falls like ``1 / T^2``, and changing
  ``T`` would also change how much the soft term weighs against the hard one. Times ``T^2``, the
  soft term's gradient is ``alpha * T * (p_student - p_teacher) / B``, on the scale of the hard
  term's ``(1 - alpha) * (softmax(s) - onehot(y)) / B`` (at temperature 1).
- The cross-entropy ``CE`` is the ordinary one, on the student's raw logits (not divided by
  ``T``), averaged over the batch: ``F.cross_entropy(student_logits, labels)``.
- ``alpha`` weighs the SOFT term (teacher), ``1 - alpha`` the HARD term (labels).

Conventions (all fixed)
-----------------------
- Logits are float tensors ``[B, C]`` (``B >= 1`` samples, ``C >= 2`` classes), float32 or
  float64; labels are int64 ``[B]`` in ``0..C-1``. The loss is a 0-d tensor of the logits' dtype
  on their device; anything it creates (a one-hot of the labels, say) is made with
  ``device=student_logits.device``.
- The teacher is fixed: it is called in **eval mode** and under **``torch.no_grad()``**, so its
  outputs never require grad and no gradient ever reaches its parameters (their ``.grad`` stays
  ``None``); its weights do not change; only the student's parameters are in the optimizer.
  ``.detach()`` after a call with gradients on gives the same numbers but still builds (and
  throws away) a graph through the teacher for every batch: not accepted here, the teacher's
  outputs themselves must not require grad. Freezing its parameters with
  ``requires_grad_(False)`` as well is allowed (the graders do not look at those flags).
- Random numbers (the batches) come from an optional ``generator=None`` argument (a
  ``torch.Generator``). With one, ALL randomness comes from it and torch's global random state is
  untouched; with ``None``, the global generator is used. A generator lives on one device: pass
  one made for the device of the data (the graders use the CPU). The student's initialisation is
  the caller's: it arrives built.
- Everything works on the device of the tensors and models it is given.

Data
----
``coursekit.data.session11``: ``splits()`` returns ``((x_train, y_train), (x_test, y_test))``,
2,000 training and 1,000 test promoter sequences, one-hot float32 ``[N, 4, 80]`` (rows A, C, G,
T) with int64 labels ``[N]`` in 0..3. ``trained_classifier()`` returns the teacher, a trained
``PromoterClassifier`` (a fresh copy on every call, in eval mode): ``features`` = Conv1d(4, 32,
9, padding=4), ReLU, AdaptiveMaxPool1d(1), Flatten; ``classifier`` = Linear(32, 256), ReLU,
Linear(256, 256), ReLU, Linear(256, 4); 76,452 parameters; test accuracy 0.984.
``accuracy(model, x, y)`` is the kit's accuracy (eval mode, no gradients).
``promoter_data(n, seed)`` draws other sequences of the same kind.

Task 1: ``distillation_loss(student_logits, teacher_logits, labels, temperature=4.0, alpha=0.7)``
-------------------------------------------------------------------------------------------------
Returns the 0-d loss above: ``alpha * T^2 * KL(p_teacher || p_student) + (1 - alpha) * CE``, with
``T = temperature``. With ``torch.nn.functional as F`` the soft term is one call::

    F.kl_div(F.log_softmax(student_logits / T, dim=1), F.log_softmax(teacher_logits / T, dim=1),
             log_target=True, reduction="batchmean")

``F.kl_div(input, target)`` computes ``KL(target || input)``: its FIRST argument is the
student's LOG-probabilities, its second the teacher's, as log-probabilities with
``log_target=True`` (or as probabilities, ``softmax(teacher_logits / T)``, with the default
``log_target=False``; log-probabilities passed without ``log_target=True`` give NaN). Writing
the KL by hand, ``(p_t * (log p_t - log p_s)).sum(1).mean()``, is just as good (use
``log_softmax``, not the log of a softmax, which underflows). Gradients flow to
``student_logits``; ``teacher_logits`` are constants (``distill`` makes them under
``torch.no_grad()``).

Task 2: ``StudentClassifier(num_classes=4, channels=32, hidden=256)``
---------------------------------------------------------------------
An ``nn.Module`` (call ``super().__init__()`` first) laid out like the teacher, without its
middle hidden layer; two attributes hold every parameter::

    self.features = nn.Sequential(nn.Conv1d(4, channels, 9, padding=4), nn.ReLU(),
                                  nn.AdaptiveMaxPool1d(1), nn.Flatten())
    self.classifier = nn.Sequential(nn.Linear(channels, hidden), nn.ReLU(),
                                    nn.Linear(hidden, num_classes))

``forward(x)``: ``x`` float ``[B, 4, L]`` -> ``self.classifier(self.features(x))``, raw logits
``[B, num_classes]`` (no softmax). ``StudentClassifier()`` has **10,660** parameters (1,184 in
the convolution, 9,476 in the Linear layers), at most a quarter of the teacher's 76,452 (that is,
at most 19,113); in general ``37 c + (c + 1) h + (h + 1) k`` with ``c = channels``, ``h =
hidden``, ``k = num_classes``.

Task 3: ``distill``
-------------------
``distill(student, teacher, x, y, steps=100, lr=1e-2, batch_size=64, temperature=4.0,
alpha=0.7, generator=None)``: trains ``student`` in place on ``x`` float ``[N, 4, L]`` and ``y``
int64 ``[N]`` and returns the list of its ``steps`` losses::

    teacher.eval()
    student.train()
    optimizer = torch.optim.Adam(student.parameters(), lr=lr)
    for each of the `steps` steps:
        idx = torch.randint(0, N, (batch_size,), generator=generator, device=x.device)
        with torch.no_grad():
            teacher_logits = teacher(x[idx])
        loss = distillation_loss(student(x[idx]), teacher_logits, y[idx], temperature, alpha)
        optimizer.zero_grad(); loss.backward(); optimizer.step()
        append loss.item() to the list
    return the list

- one ``torch.optim.Adam`` over exactly ``student.parameters()``, with ``lr`` (no teacher
  parameter in it), stepped once per step: ``steps`` optimizer steps in all;
- the student is called once per step, on a batch of exactly ``batch_size`` sequences;
- the teacher in eval mode and under ``torch.no_grad()`` (see the conventions): it is handed to
  you in whatever mode, so call ``teacher.eval()`` yourself, and leave it in eval mode. You may
  compute its logits for the whole ``x`` once, before the loop, under ``torch.no_grad()``, and
  index them with the batch's ``idx`` (the same numbers; the teacher is then called once);
- the batches: the graders do not redraw them, so batches drawn with replacement as above and
  batches taken in turn from a fresh ``torch.randperm(N, generator=generator)`` each epoch are
  both fine, as long as every random number comes from ``generator``;
- the list: ``steps`` Python floats, each step's ``loss.item()``, in order.

What the graders check
----------------------
"Trusted" values are computed by the graders in float64 from closed forms (the KL from
``logsumexp``-normalised log-probabilities, the cross-entropy from ``logsumexp`` minus the
label's logit, the gradient below); comparisons use rtol 1e-4, atol 1e-5 (float32) and rtol
1e-9, atol 1e-12 (float64). Generated cases come from hypothesis (deterministic): batch 1-8,
classes 2-6, ``T`` in [0.5, 10], ``alpha`` in [0, 1], logits of scale 0.1-6, float32 or float64.

- ``loss_matches_kl_div``: on a plain case (logits ``[2, 4]``, float32, labels ``[0, 1]``)
  called without ``temperature`` and ``alpha``, the loss is a 0-d float32 tensor equal to
  ``0.7 * 16 * KL + 0.3 * CE`` at ``T = 4`` (the defaults); with ``alpha=0.0, temperature=3.0``
  it equals the plain cross-entropy of the student's raw logits; with ``alpha=1.0,
  temperature=2.0`` it equals ``4 * KL(p_teacher || p_student)`` at ``T = 2``, in float64;
  then 40 generated cases: a 0-d tensor of the logits' dtype equal to ``alpha * T^2 *
  KL(p_teacher || p_student) + (1 - alpha) * CE``;
- ``student_gradient``: ``loss.backward()`` with ``student_logits`` a leaf that requires grad
  gives it the gradient ``alpha * T * (softmax(s / T) - softmax(t / T)) / B + (1 - alpha) *
  (softmax(s) - onehot(y)) / B``: on the plain case with the defaults (float32), on a float64
  case with ``alpha=1.0`` (the soft term alone: ``T * (p_student - p_teacher) / B`` at ``T =
  4``), then 30 generated cases; the loss requires grad;
- ``teacher_frozen``: the graders' own teacher (an untrained ``PromoterClassifier``, handed over
  in TRAIN mode) and student (a small CNN), 96 sequences of ``promoter_data(96, seed=3)``,
  ``distill(student, teacher, x, y, steps=4, lr=3e-3, batch_size=16, temperature=2.0,
  alpha=0.5, generator=torch.Generator().manual_seed(5))``, watched by hooks: the teacher is
  called at least once, in eval mode every time, and none of its outputs requires grad; after
  the call it is in eval mode, every one of its parameters has ``.grad`` ``None`` and its
  ``state_dict`` is unchanged; there were exactly 4 optimizer steps, each a ``torch.optim.Adam``
  with lr 3e-3 holding exactly the student's parameters; the student's parameters changed; the
  result is a list of 4 Python floats. Run under two different global seeds, the call leaves
  torch's global random state untouched and gives the same losses and the same trained student
  (every random number from ``generator``);
- ``param_count``: ``StudentClassifier()`` has exactly 10,660 parameters, at most a quarter of
  ``PromoterClassifier()``'s (76,452 // 4 = 19,113); ``StudentClassifier(hidden=64)`` 3,556;
  ``StudentClassifier(num_classes=3, channels=16, hidden=32)`` 1,235. For each, ``features[0]``
  is an ``nn.Conv1d(4, c, 9, padding=4)`` with a bias, ``classifier[0]`` an ``nn.Linear(c,
  h)`` and ``classifier[2]`` an ``nn.Linear(h, k)``, and the model's output on 5 sequences of
  ``promoter_data(5, seed=2)`` is float32 ``[5, k]``, equal to the convolution, ReLU, maximum
  over positions, Linear, ReLU, Linear computed by the graders through its own weights;
- ``student_accuracy``: ``student = StudentClassifier()`` built after ``torch.manual_seed(0)``,
  then ``losses = distill(student, trained_classifier(), x_train, y_train,
  generator=torch.Generator().manual_seed(0))`` with the **defaults** (100 steps, lr 1e-2,
  batches of 64, ``T = 4``, ``alpha = 0.7``): every optimizer step is an Adam with lr 1e-2,
  every call of the student sees 64 sequences, ``losses`` holds 100 Python floats and its last
  is at most a tenth of its first; then, on the 1,000 test sequences (a fresh copy of the
  teacher as the yardstick):

  - **accuracy**: the student's test accuracy is at least the teacher's (0.984) minus **0.04**,
    i.e. 0.944 (sweep: the reference over 20 seeds, student initialisation and batches from
    seeds 0-19: 0.972-0.986; correct solutions in other styles over the same seeds, the
    teacher's logits computed once with batches from epoch permutations: 0.971-0.989,
    probability targets with batches from one permutation per step: 0.968-0.987; an untrained
    student: 0.25);
  - **it learned the teacher's soft probabilities**: the mean over the test sequences of
    ``KL(p_teacher || p_student)`` at ``T = 4`` (both models' logits in eval mode) is at most
    **0.025** (the reference: 0.0049-0.0149 over the same 20 seeds; the two other styles:
    0.0058-0.0159 and 0.0052-0.0149; the same student trained on the labels alone,
    ``F.cross_entropy`` with the same budget: accuracy 0.956-0.985 but KL 0.033-0.137; soft
    targets without the temperature on the teacher's side: 1.2-1.3 over 10 seeds; an untrained
    student: 0.60);
  - the loss falls: the reference's last loss is at most 0.029 times its first (20 seeds).

  The other mistakes in the loss (no ``T^2``, the KL reversed, ``'mean'``, ``alpha`` on the
  wrong term) still train good students (10 seeds each: accuracy 0.966 or more, KL at most
  0.028): the two loss checks above are the ones that catch them.
- ``follows_device``: every tensor of ``StudentClassifier()``, and of ``distillation_loss``
  computed from its logits and a teacher's (with the defaults and with ``temperature=2.0,
  alpha=0.5``; labels made on the input's device), follows ``.to(device)`` (checked on the
  ``meta`` device, train and eval mode);
- ``cuda_parity`` (0 points; runs only where a GPU exists): the same logits and losses on CPU and
  CUDA for 8 sequences, in full float32.

No timing is graded. The learning check trains once (about half a second of CPU).
"""
import torch  # noqa: F401
import torch.nn.functional as F  # noqa: F401
from torch import nn


def distillation_loss(student_logits, teacher_logits, labels, temperature=4.0, alpha=0.7):
    # TODO (task 1): alpha * T^2 * KL(p_teacher || p_student) (batchmean) + (1 - alpha) * cross-entropy
    raise NotImplementedError("distillation_loss")


class StudentClassifier(nn.Module):
    """The teacher's layout without its middle hidden layer: [B, 4, L] -> logits [B, num_classes]."""

    def __init__(self, num_classes=4, channels=32, hidden=256):
        super().__init__()
        # TODO (task 2): self.features (Conv1d, ReLU, AdaptiveMaxPool1d(1), Flatten), self.classifier
        raise NotImplementedError("StudentClassifier.__init__")

    def forward(self, x):
        # TODO (task 2): raw logits [B, num_classes]
        raise NotImplementedError("StudentClassifier.forward")


def distill(student, teacher, x, y, steps=100, lr=1e-2, batch_size=64, temperature=4.0, alpha=0.7,
            generator=None):
    # TODO (task 3): teacher in eval mode under no_grad; Adam over the student only; `steps` steps
    raise NotImplementedError("distill")
