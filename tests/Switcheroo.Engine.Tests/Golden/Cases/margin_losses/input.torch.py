import torch.nn as nn
import torch.nn.functional as F

ranking = nn.MarginRankingLoss(margin=0.2)
triplet = nn.TripletMarginLoss(margin=0.5, p=1.0, swap=True)
counts = nn.PoissonNLLLoss(log_input=False, full=True)
gaussian = nn.GaussianNLLLoss(eps=1e-4)
hinge = nn.HingeEmbeddingLoss(2.0, reduction="sum")
legacy = nn.SoftMarginLoss(size_average=False)
divergence = nn.KLDivLoss(reduction="batchmean", log_target=True)
ctc = nn.CTCLoss(blank=4, zero_infinity=True)
cosine_triplet = nn.TripletMarginWithDistanceLoss(distance_function=lambda x, y: 1.0 - F.cosine_similarity(x, y), swap=True)


def embedding_losses(a, b, c, signs, scores, labels, label_rows, label_lists, rates, var):
    return (
        ranking(a[:, 0], b[:, 0], signs),
        triplet(a, b, c),
        F.cosine_embedding_loss(a, b, signs, margin=0.1),
        F.soft_margin_loss(scores, label_rows),
        F.multilabel_soft_margin_loss(scores, label_rows, reduction="none"),
        F.multi_margin_loss(scores, labels, p=2, margin=0.5),
        F.multilabel_margin_loss(scores, label_lists),
        counts(rates, label_rows),
        F.poisson_nll_loss(rates, label_rows, eps=1e-6),
        gaussian(scores, label_rows, var),
        F.gaussian_nll_loss(scores, label_rows, var, full=True),
        F.hinge_embedding_loss(scores, label_rows, 1.5),
        hinge(a, signs[:, None]),
        F.triplet_margin_loss(a, b, c, 1.0, 2, 1e-6, False, None, None, "none"),
        F.triplet_margin_with_distance_loss(a, b, c, margin=0.5, reduction="sum"),
        cosine_triplet(a, b, c),
        F.kl_div(F.log_softmax(scores, dim=1), F.softmax(label_rows, dim=1), reduction="batchmean"),
        divergence(F.log_softmax(scores, dim=1), F.log_softmax(rates, dim=1)),
        ctc(F.log_softmax(var[:, None, :], dim=2), label_lists[1:2], (4,), (3,)),
        F.ctc_loss(F.log_softmax(c, dim=1), labels[1:3] % 3, (4,), (2,), reduction="sum"),
    )


def legacy_ranking(a, b, signs):
    return F.margin_ranking_loss(a, b, signs[:, None], size_average=True)
