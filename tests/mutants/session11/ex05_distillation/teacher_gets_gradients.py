"""Mutant: the teacher's logits computed with gradients on (no torch.no_grad(), no .detach()): the
loss's backward runs through the teacher and fills its parameters' .grad (wasted work, and a
teacher that an optimizer holding it would change)."""
import torch

from reference.session11.ex05_distillation import StudentClassifier, distillation_loss  # noqa: F401

CAUGHT_BY = {"teacher_frozen"}


def distill(student, teacher, x, y, steps=100, lr=1e-2, batch_size=64, temperature=4.0, alpha=0.7,
            generator=None):
    teacher.eval()
    student.train()
    optimizer = torch.optim.Adam(student.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        idx = torch.randint(0, y.shape[0], (batch_size,), generator=generator, device=x.device)
        teacher_logits = teacher(x[idx])
        loss = distillation_loss(student(x[idx]), teacher_logits, y[idx], temperature, alpha)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
