"""Reference solution: session 2, exercise 6 (over-fitting, early stopping, checkpoints)."""
import torch
import torch.nn.functional as F


def _logistic_bce_loss(features, labels, weights, bias):
    """Mean binary cross-entropy of the logistic model sigmoid(features @ weights + bias)."""
    return F.binary_cross_entropy(torch.sigmoid(features @ weights + bias), labels)


def _small_start(n_columns):
    """Weights 0.1 * randn (one draw from the global generator), bias zero; both leaves."""
    weights = (0.1 * torch.randn(n_columns)).requires_grad_()
    bias = torch.zeros(1, requires_grad=True)
    return weights, bias


def _power_features(features, k):
    """[x, x**2, ..., x**k] side by side along dim 1."""
    return torch.cat([features ** power for power in range(1, k + 1)], dim=1)


def _train_val_epoch(train_feats, train_labs, val_feats, val_labs, weights, bias, optimizer):
    """One step on the training set; (train loss before it, validation loss after it)."""
    loss = _logistic_bce_loss(train_feats, train_labs, weights, bias)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    with torch.no_grad():
        val_loss = _logistic_bce_loss(val_feats, val_labs, weights, bias)
    return loss.item(), val_loss.item()


def train_with_capacity_control(train_feats, train_labs, val_feats, val_labs, n_params_multiplier=1,
                                epochs=200, learning_rate=0.1):
    train_x = _power_features(train_feats, n_params_multiplier)
    val_x = _power_features(val_feats, n_params_multiplier)
    weights, bias = _small_start(train_x.shape[1])
    optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
    train_losses, val_losses = [], []
    for _ in range(epochs):
        train_loss, val_loss = _train_val_epoch(train_x, train_labs, val_x, val_labs, weights, bias,
                                                optimizer)
        train_losses.append(train_loss)
        val_losses.append(val_loss)
    return train_losses, val_losses


def train_with_early_stopping(train_feats, train_labs, val_feats, val_labs, epochs=200, patience=10,
                              learning_rate=0.1):
    weights, bias = _small_start(train_feats.shape[1])
    optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
    best_val_loss = float("inf")
    best_weights, best_bias = None, None
    epochs_without_improvement = 0
    train_losses, val_losses = [], []
    for _ in range(epochs):
        train_loss, val_loss = _train_val_epoch(train_feats, train_labs, val_feats, val_labs, weights, bias,
                                      optimizer)
        train_losses.append(train_loss)
        val_losses.append(val_loss)
        if val_loss < best_val_loss:
            best_val_loss = val_loss
            best_weights, best_bias = weights.detach().clone(), bias.detach().clone()
            epochs_without_improvement = 0
        else:
            epochs_without_improvement += 1
        if epochs_without_improvement >= patience:
            break
    with torch.no_grad():  # restore the best epoch's values
        weights.copy_(best_weights)
        bias.copy_(best_bias)
    return best_weights, best_bias, train_losses, val_losses, len(val_losses)


def train_with_checkpoints(features, labels, epochs=100, learning_rate=0.1, checkpoint_path=None,
                           resume=False):
    if resume:
        checkpoint = torch.load(checkpoint_path)
        weights = checkpoint["weights"].clone().requires_grad_()
        bias = checkpoint["bias"].clone().requires_grad_()
        optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
        optimizer.load_state_dict(checkpoint["optimizer"])
        loss_history = list(checkpoint["loss_history"])
        first_epoch = checkpoint["epoch"]
    else:
        weights, bias = _small_start(features.shape[1])
        optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
        loss_history = []
        first_epoch = 0
    for epoch in range(first_epoch, epochs):
        loss = _logistic_bce_loss(features, labels, weights, bias)
        loss_history.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if checkpoint_path is not None:
            torch.save({"weights": weights.detach().clone(), "bias": bias.detach().clone(),
                        "optimizer": optimizer.state_dict(), "epoch": epoch + 1,
                        "loss_history": list(loss_history)}, checkpoint_path)
    return weights, bias, loss_history
