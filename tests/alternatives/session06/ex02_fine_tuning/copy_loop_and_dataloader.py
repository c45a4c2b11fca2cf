"""Correct, written another way: the trunk is checked and copied tensor by tensor with
copy_ under no_grad (own error messages); the model is built with its head first
replaced by nothing; fine_tune walks a DataLoader whose sampler is each epoch's
seeded permutation and accumulates the epoch loss as a tensor."""
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from coursekit.data.session06 import MotifCNN


def load_trunk(model, state_dict):
    targets = dict(model.features.named_parameters())
    targets.update(dict(model.features.named_buffers()))
    given = {key.partition(".")[2]: value for key, value in state_dict.items()
             if key.partition(".")[0] == "features"}
    missing = sorted(set(targets) - set(given))
    extra = sorted(set(given) - set(targets))
    if missing or extra:
        raise RuntimeError(f"trunk keys missing: {missing}; unexpected: {extra}")
    for name, tensor in given.items():
        if tuple(tensor.shape) != tuple(targets[name].shape):
            raise RuntimeError(f"size mismatch for features.{name}: {tuple(tensor.shape)} "
                               f"vs {tuple(targets[name].shape)}")
    with torch.no_grad():
        for name, tensor in given.items():
            targets[name].copy_(tensor)
    return model


def new_species_model(state_dict, num_classes):
    return load_trunk(MotifCNN(num_classes=num_classes), state_dict)


def fine_tune(model, x, y, epochs=10, lr=1e-3, batch_size=8, seed=0):
    generator = torch.Generator()
    generator.manual_seed(seed)
    dataset = TensorDataset(x, y)
    adam = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()
    model.train()
    curve = []
    for _ in range(epochs):
        seen, running = 0, torch.zeros((), dtype=torch.float64)
        order = torch.randperm(len(dataset), generator=generator).tolist()
        for xb, yb in DataLoader(dataset, batch_size=batch_size, sampler=order):
            adam.zero_grad()
            loss = criterion(model(xb), yb)
            loss.backward()
            adam.step()
            running += loss.detach().double() * len(yb)
            seen += len(yb)
        curve.append(float(running / seen))
    model.eval()
    return curve
