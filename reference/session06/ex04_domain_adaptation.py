"""Reference solution: session 6, exercise 4 (gradient reversal, DANN, AdaBN)."""
import torch
import torch.nn.functional as F
from torch import nn


class GradientReversal(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lambd):
        ctx.lambd = lambd
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad_output):
        return -ctx.lambd * grad_output, None


def grad_reverse(x: torch.Tensor, lambd: float = 1.0) -> torch.Tensor:
    return GradientReversal.apply(x, lambd)


class DANN(nn.Module):
    def __init__(self, features: nn.Module, feature_dim: int = 512, num_classes: int = 4):
        super().__init__()
        self.features = features
        self.label_head = nn.Linear(feature_dim, num_classes)
        self.domain_head = nn.Sequential(nn.Linear(feature_dim, 64), nn.ReLU(), nn.Linear(64, 1))

    def forward(self, x: torch.Tensor, lambd: float = 1.0):
        shared = self.features(x)
        domain_logits = self.domain_head(grad_reverse(shared, lambd)).squeeze(-1)
        return self.label_head(shared), domain_logits


def dann_losses(model: nn.Module, source_x: torch.Tensor, source_y: torch.Tensor,
                target_x: torch.Tensor, lambd: float):
    n_source = source_x.shape[0]
    class_logits, domain_logits = model(torch.cat([source_x, target_x]), lambd)
    label_loss = F.cross_entropy(class_logits[:n_source], source_y)
    is_target = torch.ones_like(domain_logits)
    is_target[:n_source] = 0.0
    domain_loss = F.binary_cross_entropy_with_logits(domain_logits, is_target)
    return label_loss, domain_loss


def adabn(model: nn.Module, target_x: torch.Tensor) -> nn.Module:
    norms = [m for m in model.modules() if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d))]
    saved_momentum = [m.momentum for m in norms]
    model.eval()  # dropout and the like stay off; only the BatchNorm layers collect statistics
    for norm in norms:
        norm.reset_running_stats()
        norm.momentum = None  # a cumulative average: one batch gives exactly its statistics
        norm.train()
    with torch.no_grad():
        model(target_x)
    for norm, momentum in zip(norms, saved_momentum):
        norm.momentum = momentum
    return model.eval()
