"""Mutant: the hard term written by hand with a one-hot matrix made on the CPU (torch.eye without
device=): right on CPU tensors, fails as soon as the logits and the labels live on a GPU."""
import torch
import torch.nn.functional as F

from reference.session11.ex05_distillation import StudentClassifier  # noqa: F401

CAUGHT_BY = {"follows_device", "cuda_parity"}


def distillation_loss(student_logits, teacher_logits, labels, temperature=4.0, alpha=0.7):
    log_p_student = F.log_softmax(student_logits / temperature, dim=1)
    log_p_teacher = F.log_softmax(teacher_logits / temperature, dim=1)
    soft = F.kl_div(log_p_student, log_p_teacher, log_target=True, reduction="batchmean")
    onehot = torch.eye(student_logits.shape[1], dtype=student_logits.dtype)[labels]
    hard = -(onehot * F.log_softmax(student_logits, dim=1)).sum(dim=1).mean()
    return alpha * temperature ** 2 * soft + (1 - alpha) * hard


def distill(student, teacher, x, y, steps=100, lr=1e-2, batch_size=64, temperature=4.0, alpha=0.7,
            generator=None):
    teacher.eval()
    student.train()
    optimizer = torch.optim.Adam(student.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        idx = torch.randint(0, y.shape[0], (batch_size,), generator=generator, device=x.device)
        with torch.no_grad():
            teacher_logits = teacher(x[idx])
        loss = distillation_loss(student(x[idx]), teacher_logits, y[idx], temperature, alpha)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
