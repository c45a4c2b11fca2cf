"""Alternative: F.kl_div on the teacher's probabilities (log_target=False) summed and divided by the
batch size, the hard term as F.nll_loss of a log-softmax; the layers in named nn.Sequential blocks;
a teacher frozen with requires_grad_(False) as well as run under torch.no_grad(); each batch the
first batch_size entries of a fresh permutation (no repeats within a batch)."""
from collections import OrderedDict

import torch
import torch.nn.functional as F
from torch import nn


def distillation_loss(student_logits, teacher_logits, labels, temperature=4.0, alpha=0.7):
    batch = student_logits.size(0)
    log_q = F.log_softmax(student_logits / temperature, dim=1)
    p = F.softmax(teacher_logits / temperature, dim=1)
    soft = F.kl_div(log_q, p, reduction="sum") / batch * temperature ** 2
    hard = F.nll_loss(F.log_softmax(student_logits, dim=1), labels)
    return alpha * soft + (1.0 - alpha) * hard


class StudentClassifier(nn.Module):
    def __init__(self, num_classes=4, channels=32, hidden=256):
        super().__init__()
        self.features = nn.Sequential(OrderedDict(
            conv=nn.Conv1d(4, channels, 9, padding=4), relu=nn.ReLU(), pool=nn.AdaptiveMaxPool1d(1),
            flat=nn.Flatten()))
        self.classifier = nn.Sequential(OrderedDict(
            hidden=nn.Linear(channels, hidden), relu=nn.ReLU(), out=nn.Linear(hidden, num_classes)))

    def forward(self, x):
        h = self.features(x)
        return self.classifier(h)


def distill(student, teacher, x, y, steps=100, lr=1e-2, batch_size=64, temperature=4.0, alpha=0.7,
            generator=None):
    teacher.eval().requires_grad_(False)
    student.train()
    adam = torch.optim.Adam(student.parameters(), lr)
    losses = []
    n = x.shape[0]
    for step in range(steps):
        picked = torch.randperm(n, generator=generator, device=x.device)[:batch_size]
        inputs, targets = x[picked], y[picked]
        with torch.no_grad():
            soft_targets = teacher(inputs)
        logits = student(inputs)
        loss = distillation_loss(logits, soft_targets, targets, temperature, alpha)
        adam.zero_grad()
        loss.backward()
        adam.step()
        losses.append(loss.item())
    return losses
