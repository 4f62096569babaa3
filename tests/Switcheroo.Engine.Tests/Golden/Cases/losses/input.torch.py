import torch.nn as nn
import torch.nn.functional as F

criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
regression = nn.MSELoss(reduction="sum")
masked = nn.CrossEntropyLoss(ignore_index=0, reduce=False)


def losses(logits, labels, probs, targets):
    return (
        criterion(logits, labels),
        F.cross_entropy(logits, labels, ignore_index=-1),
        F.binary_cross_entropy_with_logits(probs, targets, pos_weight=None),
        F.nll_loss(F.log_softmax(logits, dim=1), labels),
        regression(probs, targets),
    )
