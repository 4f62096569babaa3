"""The runtime's margin, embedding and likelihood losses against torch 1.13's own, on numpy.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import importlib.util
import os
import sys
import unittest
import warnings
from unittest import mock

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from numpy_jax import jax_on_numpy  # noqa: E402
from test_losses import load_losses  # noqa: E402

REDUCTIONS = ("mean", "sum", "none")
HERE = os.path.dirname(os.path.abspath(__file__))
CASE = os.path.join(HERE, "..", "Switcheroo.Engine.Tests", "Golden", "Cases", "margin_losses")


def load_file(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def t(x):
    return torch.tensor(x)


class MarginLossesMatchTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.losses = load_losses()
        cls.rng = np.random.default_rng(7)

    def close(self, ours, theirs):
        theirs = theirs.detach().numpy()
        ours = np.asarray(ours)
        self.assertEqual(ours.shape, theirs.shape)
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)

    def normal(self, *shape, scale=1.0):
        return (self.rng.normal(size=shape) * scale).astype(np.float32)

    def signs(self, *shape):
        return self.rng.choice(np.array([-1.0, 1.0], dtype=np.float32), size=shape)

    def test_soft_margin_loss(self):
        x, y = self.normal(4, 3, scale=5.0), self.signs(4, 3)
        for reduction in REDUCTIONS:
            with self.subTest(reduction=reduction):
                self.close(self.losses.soft_margin_loss(x, y, reduction), F.soft_margin_loss(t(x), t(y), reduction=reduction))

    def test_margin_ranking_loss_broadcast(self):
        a, b, y = self.normal(6), self.normal(6), self.signs(6)
        for margin in (0.0, 0.5):
            for reduction in REDUCTIONS:
                with self.subTest(margin=margin, reduction=reduction):
                    theirs = F.margin_ranking_loss(t(a), t(b), t(y), margin=margin, reduction=reduction)
                    self.close(self.losses.margin_ranking_loss(a, b, y, margin, reduction), theirs)

    def test_hinge_embedding_loss_any_target(self):
        x = self.normal(3, 4, scale=2.0)
        y = np.array([[1, -1, 1, -1], [-1, -1, 1, 1], [0, 2, 1, -1]], dtype=np.float32)  # other values: both terms
        for margin in (1.0, 0.3):
            for reduction in REDUCTIONS:
                with self.subTest(margin=margin, reduction=reduction):
                    theirs = F.hinge_embedding_loss(t(x), t(y), margin=margin, reduction=reduction)
                    self.close(self.losses.hinge_embedding_loss(x, y, margin, reduction), theirs)

    def test_cosine_embedding_loss_batched_and_unbatched(self):
        a, b = self.normal(5, 4), self.normal(5, 4)
        b[1] = 0.0  # a zero vector: the 1e-12 on the squared magnitudes keeps the cosine finite
        y = np.array([1, -1, 1, -1, 0], dtype=np.float32)
        for margin in (0.0, -0.2, 0.4):
            for reduction in REDUCTIONS:
                with self.subTest(margin=margin, reduction=reduction):
                    theirs = F.cosine_embedding_loss(t(a), t(b), t(y), margin=margin, reduction=reduction)
                    self.close(self.losses.cosine_embedding_loss(a, b, y, margin, reduction), theirs)
        one = np.array(-1.0, dtype=np.float32)
        theirs = F.cosine_embedding_loss(t(a[0]), t(a[2]), t(one), reduction="none")
        self.close(self.losses.cosine_embedding_loss(a[0], a[2], one, reduction="none"), theirs)

    def test_multilabel_soft_margin_loss(self):
        x = self.normal(4, 5, scale=6.0)
        y = self.rng.integers(0, 2, size=(4, 5)).astype(np.float32)
        w = self.rng.uniform(size=5).astype(np.float32)
        for weight in (None, w):
            for reduction in REDUCTIONS:
                with self.subTest(weighted=weight is not None, reduction=reduction):
                    theirs = F.multilabel_soft_margin_loss(t(x), t(y), weight=None if weight is None else t(weight), reduction=reduction)
                    self.close(self.losses.multilabel_soft_margin_loss(x, y, weight, reduction), theirs)

    def test_poisson_nll_loss(self):
        rates = self.rng.uniform(0.0, 3.0, size=(3, 4)).astype(np.float32)
        rates[0, 0] = 0.0  # log(0 + eps)
        counts = self.rng.integers(0, 6, size=(3, 4)).astype(np.float32)
        log_rates = self.normal(3, 4)
        for log_input, x in ((True, log_rates), (False, rates)):
            for full in (False, True):
                for eps in (1e-8, 0.1):
                    for reduction in REDUCTIONS:
                        with self.subTest(log_input=log_input, full=full, eps=eps, reduction=reduction):
                            theirs = F.poisson_nll_loss(t(x), t(counts), log_input=log_input, full=full, eps=eps, reduction=reduction)
                            ours = self.losses.poisson_nll_loss(x, counts, log_input, full, eps, reduction)
                            self.close(ours, theirs)

    def test_gaussian_nll_loss_shapes_and_clamping(self):
        x, y = self.normal(4, 3), self.normal(4, 3)
        full_var = self.rng.uniform(0.0, 2.0, size=(4, 3)).astype(np.float32)
        full_var[0, 0] = 0.0  # clamped to eps
        full_var[1, 1] = 1e-9
        for var in (full_var, full_var[:, 0], full_var[:, :1]):
            for full in (False, True):
                for eps in (1e-6, 0.5):
                    for reduction in REDUCTIONS:
                        with self.subTest(var=var.shape, full=full, eps=eps, reduction=reduction):
                            theirs = F.gaussian_nll_loss(t(x), t(y), t(var), full=full, eps=eps, reduction=reduction)
                            self.close(self.losses.gaussian_nll_loss(x, y, var, full, eps, reduction), theirs)

    def test_gaussian_nll_loss_refusals(self):
        x = self.normal(4, 3)
        with self.assertRaises(ValueError):
            self.losses.gaussian_nll_loss(x, x, np.ones((4, 2), dtype=np.float32))
        with self.assertRaises(ValueError):
            self.losses.gaussian_nll_loss(x, x, -np.ones((4, 3), dtype=np.float32))

    def test_gaussian_nll_loss_gradient_passes_the_clamp(self):
        # torch clamps var under no_grad: the value is clamped, the gradient is that of the unclamped var.
        var = torch.tensor([0.0, 0.5], requires_grad=True)
        F.gaussian_nll_loss(torch.tensor([1.0, 1.0]), torch.tensor([0.0, 0.0]), var, eps=0.1, reduction="sum").backward()
        clamped = np.maximum(var.detach().numpy(), 0.1)
        expected = 0.5 * (1.0 / clamped - 1.0 / clamped ** 2)
        np.testing.assert_allclose(var.grad.numpy(), expected, rtol=1e-6)

    def test_triplet_margin_loss(self):
        a, pos, neg = self.normal(5, 4), self.normal(5, 4), self.normal(5, 4)
        for p in (2, 1, 3.0, float("inf")):
            for swap in (False, True):
                for margin, eps in ((1.0, 1e-6), (0.2, 0.1)):
                    for reduction in REDUCTIONS:
                        with self.subTest(p=p, swap=swap, margin=margin, eps=eps, reduction=reduction):
                            theirs = F.triplet_margin_loss(t(a), t(pos), t(neg), margin=margin, p=p, eps=eps, swap=swap, reduction=reduction)
                            ours = self.losses.triplet_margin_loss(a, pos, neg, margin, p, eps, swap, reduction)
                            self.close(ours, theirs)
        theirs = F.triplet_margin_loss(t(a[0]), t(pos[0]), t(neg[0]), reduction="none")
        self.close(self.losses.triplet_margin_loss(a[0], pos[0], neg[0], reduction="none"), theirs)

    def test_triplet_margin_with_distance_loss(self):
        a, pos, neg = self.normal(5, 4), self.normal(5, 4), self.normal(5, 4)
        cosine = (lambda x1, x2: 1.0 - (x1 * x2).sum(-1) / np.sqrt((x1 * x1).sum(-1) * (x2 * x2).sum(-1)),
                  lambda x1, x2: 1.0 - F.cosine_similarity(x1, x2))
        for distance in (None, cosine):
            for swap in (False, True):
                for margin in (1.0, 0.3):
                    for reduction in REDUCTIONS:
                        with self.subTest(distance=distance is not None, swap=swap, margin=margin, reduction=reduction):
                            theirs = F.triplet_margin_with_distance_loss(t(a), t(pos), t(neg), distance_function=distance and distance[1],
                                                                         margin=margin, swap=swap, reduction=reduction)
                            ours = self.losses.triplet_margin_with_distance_loss(a, pos, neg, distance_function=distance and distance[0],
                                                                                 margin=margin, swap=swap, reduction=reduction)
                            self.close(ours, theirs)

    def test_kl_div(self):
        log_probs = np.log(self.rng.dirichlet(np.ones(4), size=3)).astype(np.float32)
        probs = self.rng.dirichlet(np.ones(4), size=3).astype(np.float32)
        probs[0, 1] = 0.0  # xlogy: 0 where the target is 0
        for log_target, target in ((False, probs), (True, log_probs[::-1].copy())):
            for reduction in REDUCTIONS + ("batchmean",):
                with self.subTest(log_target=log_target, reduction=reduction), warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # torch's note on 'mean'
                    theirs = F.kl_div(t(log_probs), t(target), reduction=reduction, log_target=log_target)
                    self.close(self.losses.kl_div(log_probs, target, reduction, log_target), theirs)

    def test_ctc_loss(self):
        frames, batch, classes = 7, 4, 5
        log_probs = np.log(self.rng.dirichlet(np.ones(classes), size=(frames, batch))).astype(np.float32)
        targets = np.array([[1, 2, 2, 0], [3, 1, 4, 2], [4, 0, 0, 0], [2, 2, 2, 2]])
        input_lengths = np.array([7, 6, 3, 4])
        target_lengths = np.array([3, 4, 1, 3])  # the last: 2 2 2 needs 5 frames, 4 given: impossible
        concatenated = np.concatenate([row[:n] for row, n in zip(targets, target_lengths)])
        for blank in (0, 4):
            for zero_infinity in (False, True):
                for reduction in REDUCTIONS:
                    for form in (targets, concatenated):
                        with self.subTest(blank=blank, zero_infinity=zero_infinity, reduction=reduction, concatenated=form.ndim == 1):
                            theirs = F.ctc_loss(t(log_probs), t(form), t(input_lengths), t(target_lengths), blank=blank,
                                                reduction=reduction, zero_infinity=zero_infinity)
                            ours = self.losses.ctc_loss(log_probs, form, input_lengths, target_lengths, blank, reduction, zero_infinity)
                            with np.errstate(divide="ignore"):
                                self.close(ours, theirs)
        for reduction in REDUCTIONS:  # unbatched, lengths as tuples of ints, an empty target
            theirs = F.ctc_loss(t(log_probs[:, 0]), t(targets[0, :2]), (6,), (2,), reduction=reduction)
            self.close(self.losses.ctc_loss(log_probs[:, 0], targets[0, :2], (6,), (2,), reduction=reduction), theirs)
            theirs = F.ctc_loss(t(log_probs), t(targets), tuple(input_lengths), (0, 4, 1, 3), reduction=reduction)
            self.close(self.losses.ctc_loss(log_probs, targets, tuple(input_lengths), (0, 4, 1, 3), reduction=reduction), theirs)

    def test_ctc_loss_torch_gradient_adds_exp_log_probs(self):
        # What the runtime's zero-valued exp(lp) - stop_gradient(exp(lp)) term stands for: torch's gradient by
        # log_probs is the derivative (central differences here) plus exp(log_probs) on each sample's frames.
        log_probs = torch.tensor(np.log(self.rng.dirichlet(np.ones(3), size=(5, 2))), requires_grad=True)
        targets, input_lengths, target_lengths = torch.tensor([[1, 2], [2, 2]]), torch.tensor([5, 4]), torch.tensor([2, 1])
        F.ctc_loss(log_probs, targets, input_lengths, target_lengths, reduction="sum").backward()
        base = log_probs.detach().numpy()
        derivative = np.zeros_like(base)
        for where in np.ndindex(*base.shape):
            step = np.zeros_like(base)
            step[where] = 1e-6
            up = F.ctc_loss(torch.tensor(base + step), targets, input_lengths, target_lengths, reduction="sum").item()
            down = F.ctc_loss(torch.tensor(base - step), targets, input_lengths, target_lengths, reduction="sum").item()
            derivative[where] = (up - down) / 2e-6
        on_frame = (np.arange(5)[:, None] < input_lengths.numpy()[None, :])[:, :, None]
        np.testing.assert_allclose(log_probs.grad.numpy(), derivative + np.where(on_frame, np.exp(base), 0.0), atol=1e-6)
        ours = self.losses.ctc_loss(base, targets.numpy(), input_lengths.numpy(), target_lengths.numpy(), reduction="none")
        self.close(ours, F.ctc_loss(torch.tensor(base), targets, input_lengths, target_lengths, reduction="none"))

    def test_torch_gradient_at_the_hinge(self):
        # What _clamp_min_zero and _hinge stand for (jnp.maximum would give 0.5 there): at a tie torch's
        # clamp_min losses pass the whole gradient, its margin kernels none.
        x1, x2 = torch.tensor([0.5], requires_grad=True), torch.tensor([0.5])
        F.margin_ranking_loss(x1, x2, torch.tensor([1.0])).backward()
        self.assertEqual(x1.grad.item(), -1.0)
        scores = torch.tensor([[1.0, 0.0, 0.5]], requires_grad=True)  # margin 1 - 1 + 0 == 0 for class 1
        F.multi_margin_loss(scores, torch.tensor([0]), reduction="sum").backward()
        self.assertEqual(scores.grad[0, 1].item(), 0.0)
        self.assertEqual(self.losses._clamp_min_zero(np, np.array(0.0)), 0.0)

    def test_multi_margin_loss(self):
        x = self.normal(6, 4, scale=0.7)
        y = np.array([0, 3, 1, 2, 3, 0])
        w = self.rng.uniform(0.5, 2.0, size=4).astype(np.float32)
        for p in (1, 2):
            for margin in (1.0, 0.3):
                for weight in (None, w):
                    for reduction in REDUCTIONS:
                        with self.subTest(p=p, margin=margin, weighted=weight is not None, reduction=reduction):
                            theirs = F.multi_margin_loss(t(x), t(y), p=p, margin=margin, weight=None if weight is None else t(weight),
                                                         reduction=reduction)
                            self.close(self.losses.multi_margin_loss(x, y, p, margin, weight, reduction), theirs)
        for reduction in REDUCTIONS:
            for target in (y[1:2], y[1]):  # 'none' takes the target's shape: (1,) or ()
                theirs = F.multi_margin_loss(t(x[1]), t(target), reduction=reduction)
                self.close(self.losses.multi_margin_loss(x[1], np.asarray(target), reduction=reduction), theirs)
        with self.assertRaises(ValueError):
            self.losses.multi_margin_loss(x, y, p=3)

    def test_multilabel_margin_loss(self):
        x = self.normal(4, 5, scale=0.8)
        y = np.array([[3, 0, -1, 1, 2], [1, 2, 3, 4, 0], [-1, 2, 3, 0, 0], [4, 4, -1, -1, -1]])  # stops at the first -1
        for reduction in REDUCTIONS:
            with self.subTest(reduction=reduction):
                self.close(self.losses.multilabel_margin_loss(x, y, reduction), F.multilabel_margin_loss(t(x), t(y), reduction=reduction))
            theirs = F.multilabel_margin_loss(t(x[0]), t(y[0]), reduction=reduction)
            self.close(self.losses.multilabel_margin_loss(x[0], y[0], reduction), theirs)

    def test_golden_case_computes_torchs_numbers(self):
        """The conversion's own output (Golden/Cases/margin_losses) against its torch input."""
        a, b, c = self.normal(4, 3), self.normal(4, 3), self.normal(4, 3)
        signs, scores = self.signs(4), self.normal(4, 5)
        labels = np.array([0, 4, 2, 2])
        label_rows = self.rng.integers(0, 4, size=(4, 5)).astype(np.float32)
        label_lists = np.array([[1, 3, -1, 0, 0], [0, 1, 2, 3, 4], [-1, 1, 1, 1, 1], [4, 4, 2, -1, 3]])
        rates = self.rng.uniform(0.1, 3.0, size=(4, 5)).astype(np.float32)
        var = self.rng.uniform(0.0, 2.0, size=(4, 5)).astype(np.float32)
        values = (a, b, c, signs, scores, labels, label_rows, label_lists, rates, var)
        with warnings.catch_warnings():
            # torch's note on the deprecated size_average of the SoftMarginLoss both files build (kept, reported)
            warnings.simplefilter("ignore")
            torch_case = load_file("margin_losses_torch", os.path.join(CASE, "input.torch.py"))
            with jax_on_numpy(), mock.patch.dict(sys.modules, {"switcheroo_runtime": self.losses}):
                converted = load_file("margin_losses_flax", os.path.join(CASE, "expected.flax.py"))
                ours = converted.embedding_losses(*values)
        theirs = torch_case.embedding_losses(*(t(v) for v in values))
        self.assertEqual(len(ours), len(theirs))
        for index, (mine, torchs) in enumerate(zip(ours, theirs)):
            with self.subTest(index=index):
                self.close(mine, torchs)


if __name__ == "__main__":
    unittest.main()
