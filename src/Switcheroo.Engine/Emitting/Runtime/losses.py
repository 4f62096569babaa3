# ---- Losses: torch.nn.functional's loss functions with torch's exact semantics.
#
# Written with array operations only (moveaxis, where, take_along_axis, log, exp, sum, max), so
# they run on jax.numpy in converted code and on numpy in the tests that compare them with torch.
# JAX is imported when a loss is first called, never at import time.

_REDUCTIONS = ("mean", "sum", "none")


def _xp():
    """The array namespace losses compute with: jax.numpy (imported on demand)."""
    import jax.numpy as jnp

    return jnp


def _check_reduction(reduction):
    if reduction not in _REDUCTIONS:
        raise ValueError(f"reduction must be one of {_REDUCTIONS}, not {reduction!r}")


def _reduce(loss, reduction):
    _check_reduction(reduction)
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


def _log_softmax(xp, x):
    shifted = x - x.max(axis=-1, keepdims=True)
    return shifted - xp.log(xp.exp(shifted).sum(axis=-1, keepdims=True))


def _classes_last(xp, x):
    """torch puts classes on axis 1 of (N, C, d1, ...); the computation wants them last."""
    return xp.moveaxis(x, 1, -1) if x.ndim > 1 else x


def _integer_nll(xp, log_probs, target, weight, ignore_index, reduction, smoothing):
    """Negative log-likelihood of integer targets, classes last, with torch's weighting and ignore rules."""
    classes = log_probs.shape[-1]
    valid = target != ignore_index
    safe = xp.where(valid, target, 0)
    picked = -xp.take_along_axis(log_probs, safe[..., None], axis=-1)[..., 0]
    class_weight = xp.ones((classes,), dtype=log_probs.dtype) if weight is None else xp.asarray(weight, dtype=log_probs.dtype)
    target_weight = xp.where(valid, class_weight[safe], 0.0)
    loss = picked * target_weight
    if smoothing:
        uniform = -(log_probs * class_weight).sum(axis=-1) / classes
        loss = (1.0 - smoothing) * loss + smoothing * xp.where(valid, uniform, 0.0)
    _check_reduction(reduction)
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    return loss.sum() / target_weight.sum()


def cross_entropy(input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    """torch.nn.functional.cross_entropy: logits with classes on axis 1 (or a 1-D unbatched
    vector), integer class targets (or class probabilities of the input's shape); ``weight``
    per class, ``ignore_index`` targets excluded (also from the mean's denominator),
    ``label_smoothing`` mixing in the uniform distribution."""
    xp = _xp()
    log_probs = _log_softmax(xp, _classes_last(xp, input))
    if target.shape == input.shape and xp.issubdtype(target.dtype, xp.floating):
        probs = _classes_last(xp, target)
        classes = log_probs.shape[-1]
        if label_smoothing:
            probs = probs * (1.0 - label_smoothing) + label_smoothing / classes
        class_weight = 1.0 if weight is None else xp.asarray(weight, dtype=log_probs.dtype)
        loss = -(probs * log_probs * class_weight).sum(axis=-1)
        if reduction == "mean":
            return loss.sum() / (loss.size if loss.ndim else 1)
        return _reduce(loss, reduction)
    return _integer_nll(xp, log_probs, target, weight, ignore_index, reduction, label_smoothing)


def nll_loss(input, target, weight=None, ignore_index=-100, reduction="mean"):
    """torch.nn.functional.nll_loss: log-probabilities with classes on axis 1, integer targets."""
    xp = _xp()
    return _integer_nll(xp, _classes_last(xp, input), target, weight, ignore_index, reduction, 0.0)


def mse_loss(input, target, reduction="mean"):
    """torch.nn.functional.mse_loss."""
    return _reduce((input - target) ** 2, reduction)


def l1_loss(input, target, reduction="mean"):
    """torch.nn.functional.l1_loss."""
    return _reduce(_xp().abs(input - target), reduction)


def binary_cross_entropy(input, target, weight=None, reduction="mean"):
    """torch.nn.functional.binary_cross_entropy: probabilities in, each log clamped at -100 as torch does."""
    xp = _xp()
    log_p = xp.maximum(xp.log(input), -100.0)
    log_not_p = xp.maximum(xp.log(1.0 - input), -100.0)
    loss = -(target * log_p + (1.0 - target) * log_not_p)
    if weight is not None:
        loss = loss * weight
    return _reduce(loss, reduction)


def binary_cross_entropy_with_logits(input, target, weight=None, reduction="mean", pos_weight=None):
    """torch.nn.functional.binary_cross_entropy_with_logits, in torch's numerically stable form."""
    xp = _xp()
    softplus_neg = xp.log(1.0 + xp.exp(-xp.abs(input))) + xp.maximum(-input, 0.0)
    if pos_weight is None:
        loss = (1.0 - target) * input + softplus_neg
    else:
        loss = (1.0 - target) * input + (1.0 + (pos_weight - 1.0) * target) * softplus_neg
    if weight is not None:
        loss = loss * weight
    return _reduce(loss, reduction)


def smooth_l1_loss(input, target, reduction="mean", beta=1.0):
    """torch.nn.functional.smooth_l1_loss."""
    xp = _xp()
    diff = xp.abs(input - target)
    if beta == 0:
        return _reduce(diff, reduction)
    return _reduce(xp.where(diff < beta, 0.5 * diff ** 2 / beta, diff - 0.5 * beta), reduction)


def huber_loss(input, target, reduction="mean", delta=1.0):
    """torch.nn.functional.huber_loss."""
    xp = _xp()
    diff = xp.abs(input - target)
    return _reduce(xp.where(diff <= delta, 0.5 * diff ** 2, delta * (diff - 0.5 * delta)), reduction)
