"""Reference solution: session 11, exercise 5 (knowledge distillation: a student a quarter of the size)."""
import torch
import torch.nn.functional as F
from torch import nn


def distillation_loss(student_logits, teacher_logits, labels, temperature=4.0, alpha=0.7):
    log_p_student = F.log_softmax(student_logits / temperature, dim=1)
    log_p_teacher = F.log_softmax(teacher_logits / temperature, dim=1)
    soft = F.kl_div(log_p_student, log_p_teacher, log_target=True, reduction="batchmean")
    hard = F.cross_entropy(student_logits, labels)
    return alpha * temperature ** 2 * soft + (1 - alpha) * hard


class StudentClassifier(nn.Module):
    def __init__(self, num_classes=4, channels=32, hidden=256):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv1d(4, channels, kernel_size=9, padding=4),
            nn.ReLU(),
            nn.AdaptiveMaxPool1d(1),
            nn.Flatten(),
        )
        self.classifier = nn.Sequential(
            nn.Linear(channels, hidden),
            nn.ReLU(),
            nn.Linear(hidden, num_classes),
        )

    def forward(self, x):
        features = self.features(x)
        return self.classifier(features)


def distill(student, teacher, x, y, steps=100, lr=1e-2, batch_size=64, temperature=4.0, alpha=0.7,
            generator=None):
    teacher.eval()
    student.train()
    optimizer = torch.optim.Adam(student.parameters(), lr=lr)
    losses = []
    for _step in range(steps):
        idx = torch.randint(0, y.shape[0], (batch_size,), generator=generator, device=x.device)
        xb, yb = x[idx], y[idx]
        with torch.no_grad():
            teacher_logits = teacher(xb)
        loss = distillation_loss(student(xb), teacher_logits, yb, temperature, alpha)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
