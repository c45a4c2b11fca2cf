"""Reference solution: session 2, exercise 4 (variant classifier: logistic regression)."""
import torch


def _score_recipe():
    """(name, (pathogenic mean, pathogenic std), (benign mean, benign std), upper bound) per column."""
    return (("conservation", (0.85, 0.15), (0.35, 0.20), 1.0),
            ("allele_frequency", (0.02, 0.05), (0.40, 0.20), 1.0),
            ("cadd", (25.0, 6.0), (10.0, 5.0), 40.0),
            ("polyphen", (0.80, 0.15), (0.25, 0.20), 1.0),
            ("sift", (0.10, 0.10), (0.70, 0.20), 1.0))


def generate_variant_data(n_samples: int = 1000, seed: int = 42):
    generator = torch.Generator().manual_seed(seed)
    n_pathogenic = n_samples // 2
    is_pathogenic = torch.arange(n_samples) < n_pathogenic
    columns = []
    for _, (p_mean, p_std), (b_mean, b_std), upper in _score_recipe():
        noise = torch.randn(n_samples, generator=generator)
        score = torch.where(is_pathogenic, p_mean + p_std * noise, b_mean + b_std * noise)
        columns.append(score.clamp(0.0, upper))
    features = torch.column_stack(columns)
    labels = is_pathogenic.float()
    order = torch.randperm(n_samples, generator=generator)
    return features[order], labels[order]


def logistic_model(x: torch.Tensor, weights: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    logits = x @ weights + bias
    return torch.sigmoid(logits)


def binary_cross_entropy_loss(predictions: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    eps = 1e-7
    p = predictions.clamp(eps, 1 - eps)
    per_variant = -(targets * torch.log(p) + (1 - targets) * torch.log(1 - p))
    return per_variant.mean()


def train_classifier(features: torch.Tensor, labels: torch.Tensor, epochs: int = 100,
                     learning_rate: float = 0.1):
    n_features = features.shape[1]
    weights = (0.1 * torch.randn(n_features)).requires_grad_()
    bias = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
    loss_history = []
    accuracy_history = []
    for _ in range(epochs):
        predictions = logistic_model(features, weights, bias)
        loss = binary_cross_entropy_loss(predictions, labels)
        called_pathogenic = (predictions > 0.5).float()
        loss_history.append(loss.item())
        accuracy_history.append((called_pathogenic == labels).float().mean().item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return weights, bias, loss_history, accuracy_history
