import functools
import jax
import switcheroo_runtime
import torch.nn as nn

criterion = functools.partial(switcheroo_runtime.cross_entropy, label_smoothing=0.1)
regression = functools.partial(switcheroo_runtime.mse_loss, reduction="sum")
# switcheroo: SWR3003 torch.nn.CrossEntropyLoss(...) not converted: the value of 'reduce' (False)...
masked = nn.CrossEntropyLoss(ignore_index=0, reduce=False)


def losses(logits, labels, probs, targets):
    return (
        criterion(logits, labels),
        switcheroo_runtime.cross_entropy(logits, labels, ignore_index=-1),
        switcheroo_runtime.binary_cross_entropy_with_logits(probs, targets, pos_weight=None),
        switcheroo_runtime.nll_loss(jax.nn.log_softmax(logits, axis=1), labels),
        regression(probs, targets),
    )
