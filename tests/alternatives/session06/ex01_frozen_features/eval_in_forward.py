"""Correct, written another way: no train() override; forward puts the trunk in eval mode
before every use and runs it under torch.no_grad(); the trunk is frozen with
requires_grad_(False); the adapter is an nn.Sequential built from an OrderedDict, its
input width read from the base model's classifier."""
from collections import OrderedDict

import torch
from torch import nn


class AdaptedModel(nn.Module):
    def __init__(self, base_model, num_classes=3, hidden=256, dropout=0.3):
        super().__init__()
        width = base_model.classifier.in_features
        self.adapter = nn.Sequential(OrderedDict([
            ("project", nn.Linear(width, hidden)),
            ("act", nn.ReLU()),
            ("drop", nn.Dropout(p=dropout)),
            ("logits", nn.Linear(hidden, num_classes)),
        ]))
        self.features = base_model.features.requires_grad_(False)
        self.features.train(False)

    def forward(self, x):
        if self.features.training:
            self.features.eval()
        with torch.no_grad():
            embedding = self.features(x)
        return self.adapter(embedding)
