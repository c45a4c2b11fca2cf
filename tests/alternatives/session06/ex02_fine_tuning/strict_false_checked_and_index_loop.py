"""Correct, written another way: the whole model is loaded with strict=False from the
trunk entries, and the returned missing/unexpected keys are checked by hand;
fine_tune walks precomputed batch index lists with a while loop."""
import torch
import torch.nn.functional as F

from coursekit.data.session06 import MotifCNN


def load_trunk(model, state_dict):
    trunk = {}
    for key, value in state_dict.items():
        if key.startswith("features."):
            trunk[key] = value
    report = model.load_state_dict(trunk, strict=False)
    head_keys = {f"classifier.{name}" for name, _ in model.classifier.state_dict().items()}
    if report.unexpected_keys or set(report.missing_keys) - head_keys:
        raise RuntimeError(f"trunk does not match: missing {report.missing_keys}, "
                           f"unexpected {report.unexpected_keys}")
    return model


def new_species_model(state_dict, num_classes):
    fresh = MotifCNN(num_classes)
    load_trunk(fresh, state_dict)
    return fresh


def fine_tune(model, x, y, epochs=10, lr=1e-3, batch_size=8, seed=0):
    rng = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(params=list(model.parameters()), lr=lr)
    model.train()
    out = []
    for epoch in range(epochs):
        perm = torch.randperm(y.shape[0], generator=rng).tolist()
        i, weighted = 0, []
        while i < len(perm):
            idx = torch.tensor(perm[i:i + batch_size])
            logits = model(x[idx])
            loss = F.cross_entropy(logits, y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            weighted.append(loss.item() * idx.numel())
            i += batch_size
        out.append(sum(weighted) / y.shape[0])
    model.eval()
    return out
