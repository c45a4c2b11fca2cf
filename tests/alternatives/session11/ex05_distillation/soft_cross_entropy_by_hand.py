"""Alternative: the soft term written by hand as soft cross-entropy minus the teacher's entropy, the hard
term as a gathered negative log-likelihood; the student's layers named one by one; the teacher's logits
computed once for the whole training set (under torch.no_grad()) and batches taken from a fresh
permutation each epoch."""
import torch
from torch import nn


def distillation_loss(student_logits, teacher_logits, labels, temperature=4.0, alpha=0.7):
    t = temperature
    log_q = torch.log_softmax(student_logits / t, dim=-1)
    log_p = torch.log_softmax(teacher_logits / t, dim=-1)
    p = log_p.exp()
    n = student_logits.shape[0]
    soft_cross_entropy = -(p * log_q).sum() / n
    entropy = -(p * log_p).sum() / n
    nll = -torch.log_softmax(student_logits, dim=-1).gather(1, labels.view(-1, 1)).sum() / n
    return alpha * t * t * (soft_cross_entropy - entropy) + (1 - alpha) * nll


class StudentClassifier(nn.Module):
    def __init__(self, num_classes=4, channels=32, hidden=256):
        super().__init__()
        conv = nn.Conv1d(in_channels=4, out_channels=channels, kernel_size=9, stride=1, padding=4)
        self.features = nn.Sequential(conv, nn.ReLU(), nn.AdaptiveMaxPool1d(output_size=1), nn.Flatten(1))
        hidden_layer = nn.Linear(channels, hidden)
        output_layer = nn.Linear(hidden, num_classes)
        self.classifier = nn.Sequential(hidden_layer, nn.ReLU(inplace=False), output_layer)

    def forward(self, x):
        pooled = self.features(x)
        return self.classifier(pooled)


def distill(student, teacher, x, y, steps=100, lr=1e-2, batch_size=64, temperature=4.0, alpha=0.7,
            generator=None):
    teacher.train(False)
    with torch.no_grad():
        soft_targets = teacher(x)
    student.train(True)
    opt = torch.optim.Adam(params=student.parameters(), lr=lr)
    history = []
    order, pos = None, len(y)
    while len(history) < steps:
        if pos + batch_size > len(y):
            order = torch.randperm(len(y), generator=generator, device=x.device)
            pos = 0
        batch = order[pos:pos + batch_size]
        pos += batch_size
        loss = distillation_loss(student(x[batch]), soft_targets[batch], y[batch], temperature=temperature,
                                 alpha=alpha)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        history.append(float(loss.detach()))
    return history
