"""Correct alternative: plain tensors, the course guide's BCE formula with probabilities clamped
to [1e-7, 1 - 1e-7], powers appended column block by column block, a patience counter that
counts down, the best values restored into the live tensors with copy_, and the resumed
state read from the checkpoint into a fresh optimizer."""
import torch


def _probabilities(x, w, b):
    return torch.sigmoid(torch.matmul(x, w) + b)


def _guide_loss(p, y):
    p = torch.clamp(p, 1e-7, 1 - 1e-7)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()


def _fresh(n):
    weights = 0.1 * torch.randn(n)
    weights.requires_grad = True
    return weights, torch.zeros(1, requires_grad=True)


def _poly(x, k):
    blocks = []
    block = torch.ones_like(x)
    for _ in range(k):
        block = block * x
        blocks.append(block)
    return torch.cat(blocks, dim=1)


def train_with_capacity_control(train_feats, train_labs, val_feats, val_labs, n_params_multiplier=1,
                                epochs=200, learning_rate=0.1):
    a = _poly(train_feats, n_params_multiplier)
    v = _poly(val_feats, n_params_multiplier)
    weights, bias = _fresh(a.shape[1])
    optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
    train_losses, val_losses = [], []
    epoch = 0
    while epoch < epochs:
        loss = _guide_loss(_probabilities(a, weights, bias), train_labs)
        train_losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            val_losses.append(_guide_loss(_probabilities(v, weights, bias), val_labs).item())
        epoch += 1
    return train_losses, val_losses


def train_with_early_stopping(train_feats, train_labs, val_feats, val_labs, epochs=200, patience=10,
                              learning_rate=0.1):
    weights, bias = _fresh(train_feats.shape[1])
    optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
    train_losses, val_losses = [], []
    lowest = None
    patience_left = patience
    saved_w = saved_b = None
    for _ in range(epochs):
        loss = _guide_loss(_probabilities(train_feats, weights, bias), train_labs)
        train_losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            current = _guide_loss(_probabilities(val_feats, weights, bias), val_labs).item()
        val_losses.append(current)
        if lowest is None or current < lowest:
            lowest = current
            saved_w, saved_b = weights.detach().clone(), bias.detach().clone()
            patience_left = patience
        else:
            patience_left -= 1
            if patience_left == 0:
                break
    with torch.no_grad():
        weights.copy_(saved_w)
        bias.copy_(saved_b)
    return weights, bias, train_losses, val_losses, len(val_losses)


def train_with_checkpoints(features, labels, epochs=100, learning_rate=0.1, checkpoint_path=None,
                           resume=False):
    start = 0
    history = []
    if not resume:
        weights, bias = _fresh(features.shape[1])
        optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
    else:
        state = torch.load(checkpoint_path)
        weights = state["weights"].detach().clone().requires_grad_(True)
        bias = state["bias"].detach().clone().requires_grad_(True)
        optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
        optimizer.load_state_dict(state["optimizer"])
        history.extend(state["loss_history"])
        start = int(state["epoch"])
    for epoch in range(start + 1, epochs + 1):
        loss = _guide_loss(_probabilities(features, weights, bias), labels)
        history.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if checkpoint_path:
            checkpoint = {"weights": weights.detach().clone(), "bias": bias.detach().clone(),
                          "optimizer": optimizer.state_dict(), "epoch": epoch, "loss_history": history[:]}
            torch.save(checkpoint, checkpoint_path)
    return weights, bias, history
