"""Correct, written another way: train() sets every flag itself (the model's, the
adapter's modules' and the trunk's modules' in eval) instead of calling
nn.Module.train; freezing loops over named parameters; the adapter's layers are
collected in a list first."""
from torch import nn


class AdaptedModel(nn.Module):
    def __init__(self, base_model, num_classes=3, hidden=256, dropout=0.3):
        super().__init__()
        self.features = base_model.features
        for _, tensor in self.features.named_parameters():
            tensor.requires_grad_(False)
        layers = [nn.Linear(base_model.feature_dim, hidden), nn.ReLU(), nn.Dropout(dropout),
                  nn.Linear(hidden, num_classes)]
        self.adapter = nn.Sequential(*layers)
        self.train(self.training)

    def train(self, mode=True):
        self.training = mode
        for module in self.adapter.modules():
            module.training = mode
        for module in self.features.modules():
            module.training = False
        return self

    def forward(self, x):
        trunk_out = self.features(x)
        return self.adapter(trunk_out)
