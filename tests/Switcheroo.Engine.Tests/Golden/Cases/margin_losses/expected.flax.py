import functools
import jax
import switcheroo_runtime
import torch.nn as nn
import torch.nn.functional as F

ranking = functools.partial(switcheroo_runtime.margin_ranking_loss, margin=0.2)
triplet = functools.partial(switcheroo_runtime.triplet_margin_loss, margin=0.5, p=1.0, swap=True)
counts = functools.partial(switcheroo_runtime.poisson_nll_loss, log_input=False, full=True)
gaussian = functools.partial(switcheroo_runtime.gaussian_nll_loss, eps=1e-4)
hinge = functools.partial(switcheroo_runtime.hinge_embedding_loss, margin=2.0, reduction="sum")
# switcheroo: SWR3003 torch.nn.SoftMarginLoss(...) not converted: the value of 'size_average'...
legacy = nn.SoftMarginLoss(size_average=False)
divergence = functools.partial(switcheroo_runtime.kl_div, reduction="batchmean", log_target=True)
ctc = functools.partial(switcheroo_runtime.ctc_loss, blank=4, zero_infinity=True)
cosine_triplet = functools.partial(
    switcheroo_runtime.triplet_margin_with_distance_loss,
    distance_function=lambda x, y: 1.0 - switcheroo_runtime.cosine_similarity(x, y),
    swap=True,
)


def embedding_losses(a, b, c, signs, scores, labels, label_rows, label_lists, rates, var):
    return (
        ranking(a[:, 0], b[:, 0], signs),
        triplet(a, b, c),
        switcheroo_runtime.cosine_embedding_loss(a, b, signs, margin=0.1),
        switcheroo_runtime.soft_margin_loss(scores, label_rows),
        switcheroo_runtime.multilabel_soft_margin_loss(scores, label_rows, reduction="none"),
        switcheroo_runtime.multi_margin_loss(scores, labels, p=2, margin=0.5),
        switcheroo_runtime.multilabel_margin_loss(scores, label_lists),
        counts(rates, label_rows),
        switcheroo_runtime.poisson_nll_loss(rates, label_rows, eps=1e-6),
        gaussian(scores, label_rows, var),
        switcheroo_runtime.gaussian_nll_loss(scores, label_rows, var, full=True),
        switcheroo_runtime.hinge_embedding_loss(scores, label_rows, margin=1.5),
        hinge(a, signs[:, None]),
        switcheroo_runtime.triplet_margin_loss(
            a, b, c, margin=1.0, p=2, eps=1e-6, swap=False, reduction="none"
        ),
        switcheroo_runtime.triplet_margin_with_distance_loss(a, b, c, margin=0.5, reduction="sum"),
        cosine_triplet(a, b, c),
        switcheroo_runtime.kl_div(
            jax.nn.log_softmax(scores, axis=1),
            jax.nn.softmax(label_rows, axis=1),
            reduction="batchmean",
        ),
        divergence(jax.nn.log_softmax(scores, axis=1), jax.nn.log_softmax(rates, axis=1)),
        ctc(jax.nn.log_softmax(var[:, None, :], axis=2), label_lists[1:2], (4,), (3,)),
        switcheroo_runtime.ctc_loss(
            jax.nn.log_softmax(c, axis=1), labels[1:3] % 3, (4,), (2,), reduction="sum"
        ),
    )


def legacy_ranking(a, b, signs):
    # switcheroo: SWR3003 torch.nn.functional.margin_ranking_loss(...) not converted: the value of...
    return F.margin_ranking_loss(a, b, signs[:, None], size_average=True)
