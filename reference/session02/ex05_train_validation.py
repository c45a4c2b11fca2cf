"""Reference solution: session 2, exercise 5 (train/validation split and curves)."""
import torch
from matplotlib import pyplot as plt


def split_data(features: torch.Tensor, labels: torch.Tensor, train_ratio: float = 0.8, seed: int = 42):
    generator = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(features), generator=generator)
    n_train = int(train_ratio * len(features))
    train_rows, val_rows = order[:n_train], order[n_train:]
    return features[train_rows], labels[train_rows], features[val_rows], labels[val_rows]


def _probabilities(features, weights, bias):
    """Logistic regression: sigmoid(features @ weights + bias), shape [N]."""
    return torch.sigmoid(features @ weights + bias)


def _bce(probabilities, targets):
    """Mean binary cross-entropy, log clamped away from 0."""
    probabilities = probabilities.clamp(1e-7, 1 - 1e-7)
    return -(targets * probabilities.log() + (1 - targets) * (1 - probabilities).log()).mean()


def _accuracy(probabilities, targets):
    return ((probabilities > 0.5).float() == targets).float().mean()


def train_with_validation(train_features: torch.Tensor, train_labels: torch.Tensor,
                          val_features: torch.Tensor, val_labels: torch.Tensor, epochs: int = 100,
                          learning_rate: float = 0.1):
    weights = (0.1 * torch.randn(train_features.shape[1])).requires_grad_()
    bias = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
    train_losses, train_accuracies, val_losses, val_accuracies = [], [], [], []
    for _ in range(epochs):
        train_probabilities = _probabilities(train_features, weights, bias)
        train_loss = _bce(train_probabilities, train_labels)
        train_losses.append(train_loss.item())
        train_accuracies.append(_accuracy(train_probabilities, train_labels).item())
        optimizer.zero_grad()
        train_loss.backward()
        optimizer.step()
        with torch.no_grad():
            val_probabilities = _probabilities(val_features, weights, bias)
            val_losses.append(_bce(val_probabilities, val_labels).item())
            val_accuracies.append(_accuracy(val_probabilities, val_labels).item())
    return weights, bias, (train_losses, train_accuracies), (val_losses, val_accuracies)


def plot_training_curves(train_history, val_history):
    train_losses, train_accuracies = train_history
    val_losses, val_accuracies = val_history
    fig, (loss_ax, accuracy_ax) = plt.subplots(1, 2, figsize=(11, 4))
    loss_ax.plot(train_losses, label="Training")
    loss_ax.plot(val_losses, label="Validation")
    loss_ax.set_xlabel("Epoch")
    loss_ax.set_ylabel("Loss (BCE)")
    loss_ax.set_title("Training vs validation loss")
    loss_ax.legend()
    accuracy_ax.plot(train_accuracies, label="Training")
    accuracy_ax.plot(val_accuracies, label="Validation")
    accuracy_ax.set_xlabel("Epoch")
    accuracy_ax.set_ylabel("Accuracy")
    accuracy_ax.set_title("Training vs validation accuracy")
    accuracy_ax.legend()
    fig.tight_layout()
    return fig
