"""Mutant: the teacher forgotten: distill trains the student on the labels alone (the plain
cross-entropy), so it never learns the teacher's soft probabilities."""
import torch
import torch.nn.functional as F

from reference.session11.ex05_distillation import StudentClassifier, distillation_loss  # noqa: F401

CAUGHT_BY = {"teacher_frozen", "student_accuracy"}


def distill(student, teacher, x, y, steps=100, lr=1e-2, batch_size=64, temperature=4.0, alpha=0.7,
            generator=None):
    teacher.eval()
    student.train()
    optimizer = torch.optim.Adam(student.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        idx = torch.randint(0, y.shape[0], (batch_size,), generator=generator, device=x.device)
        loss = F.cross_entropy(student(x[idx]), y[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
