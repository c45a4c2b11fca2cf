"""Mutant: the teacher's softmax taken without the temperature (only the student's logits divided by
T): the student is pushed to reproduce, at temperature T, the teacher's sharp distribution at
temperature 1, so it does not learn the teacher's soft probabilities."""
import torch
import torch.nn.functional as F

from reference.session11.ex05_distillation import StudentClassifier  # noqa: F401

CAUGHT_BY = {"loss_matches_kl_div", "student_gradient", "student_accuracy"}


def distillation_loss(student_logits, teacher_logits, labels, temperature=4.0, alpha=0.7):
    log_p_student = F.log_softmax(student_logits / temperature, dim=1)
    log_p_teacher = F.log_softmax(teacher_logits, dim=1)
    soft = F.kl_div(log_p_student, log_p_teacher, log_target=True, reduction="batchmean")
    return alpha * temperature ** 2 * soft + (1 - alpha) * F.cross_entropy(student_logits, labels)


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
