"""The runtime's losses against torch's own, on numpy: every option torch's losses take.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import importlib.util
import os
import unittest

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIME = os.path.join(HERE, "..", "..", "src", "Switcheroo.Engine", "Emitting", "switcheroo_runtime.py")


def load_losses():
    spec = importlib.util.spec_from_file_location("switcheroo_runtime_losses", RUNTIME)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module._xp = lambda: np  # the same array operations, on numpy
    module._stop_gradient = lambda x: x  # values only: numpy has no gradients
    return module


class LossesMatchTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.losses = load_losses()
        cls.rng = np.random.default_rng(0)

    def close(self, ours, theirs):
        np.testing.assert_allclose(np.asarray(ours), theirs.detach().numpy(), rtol=1e-5, atol=1e-6)

    def test_cross_entropy_every_option(self):
        logits = self.rng.normal(size=(6, 4)).astype(np.float32)
        target = np.array([0, 3, 1, -100, 2, 3])
        weight = np.array([1.0, 2.0, 0.5, 1.5], dtype=np.float32)
        for reduction in ("mean", "sum", "none"):
            for smoothing in (0.0, 0.2):
                for w in (None, weight):
                    with self.subTest(reduction=reduction, smoothing=smoothing, weighted=w is not None):
                        theirs = F.cross_entropy(torch.tensor(logits), torch.tensor(target),
                                                 weight=None if w is None else torch.tensor(w),
                                                 reduction=reduction, label_smoothing=smoothing)
                        ours = self.losses.cross_entropy(logits, target, weight=w, reduction=reduction, label_smoothing=smoothing)
                        self.close(ours, theirs)

    def test_cross_entropy_spatial_and_ignore_index(self):
        logits = self.rng.normal(size=(2, 5, 3, 3)).astype(np.float32)
        target = self.rng.integers(0, 5, size=(2, 3, 3))
        target[0, 0, 0] = 4
        theirs = F.cross_entropy(torch.tensor(logits), torch.tensor(target), ignore_index=4)
        self.close(self.losses.cross_entropy(logits, target, ignore_index=4), theirs)

    def test_cross_entropy_probability_targets(self):
        logits = self.rng.normal(size=(4, 3)).astype(np.float32)
        probs = self.rng.dirichlet(np.ones(3), size=4).astype(np.float32)
        for smoothing in (0.0, 0.1):
            theirs = F.cross_entropy(torch.tensor(logits), torch.tensor(probs), label_smoothing=smoothing)
            self.close(self.losses.cross_entropy(logits, probs, label_smoothing=smoothing), theirs)

    def test_nll_loss(self):
        log_probs = np.log(self.rng.dirichlet(np.ones(3), size=5)).astype(np.float32)
        target = np.array([0, 2, 1, 1, -100])
        weight = np.array([0.2, 1.0, 3.0], dtype=np.float32)
        for reduction in ("mean", "sum", "none"):
            theirs = F.nll_loss(torch.tensor(log_probs), torch.tensor(target), weight=torch.tensor(weight), reduction=reduction)
            self.close(self.losses.nll_loss(log_probs, target, weight=weight, reduction=reduction), theirs)

    def test_regression_losses(self):
        a = self.rng.normal(size=(4, 3)).astype(np.float32)
        b = self.rng.normal(size=(4, 3)).astype(np.float32)
        ta, tb = torch.tensor(a), torch.tensor(b)
        for reduction in ("mean", "sum", "none"):
            with self.subTest(reduction=reduction):
                self.close(self.losses.mse_loss(a, b, reduction), F.mse_loss(ta, tb, reduction=reduction))
                self.close(self.losses.l1_loss(a, b, reduction), F.l1_loss(ta, tb, reduction=reduction))
                for beta in (0.0, 0.5, 1.0):
                    self.close(self.losses.smooth_l1_loss(a, b, reduction, beta), F.smooth_l1_loss(ta, tb, reduction=reduction, beta=beta))
                for delta in (0.5, 1.0, 2.0):
                    self.close(self.losses.huber_loss(a, b, reduction, delta), F.huber_loss(ta, tb, reduction=reduction, delta=delta))

    def test_binary_cross_entropy(self):
        p = self.rng.uniform(size=(5, 2)).astype(np.float32)
        p[0, 0] = 0.0
        t = self.rng.integers(0, 2, size=(5, 2)).astype(np.float32)
        w = self.rng.uniform(size=(5, 2)).astype(np.float32)
        with np.errstate(divide="ignore"):
            for reduction in ("mean", "sum", "none"):
                theirs = F.binary_cross_entropy(torch.tensor(p), torch.tensor(t), weight=torch.tensor(w), reduction=reduction)
                self.close(self.losses.binary_cross_entropy(p, t, weight=w, reduction=reduction), theirs)

    def test_binary_cross_entropy_at_zero_and_one_value_and_gradient(self):
        # The runtime's gradient by the input is (input - p) * stop_gradient(g) differentiated:
        # exactly g = _bce_input_gradient, finite everywhere; torch's autograd gives the same g.
        # Differentiating max(log(p), -100) instead gives 0 * inf = NaN at p = 0 and 1.
        p = np.array([0.0, 1.0, 0.5, 1e-13, 1 - 2 ** -24, 0.0, 1.0, 0.5, 0.3], dtype=np.float32)
        t = np.array([0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.3, 0.7], dtype=np.float32)
        probs = torch.tensor(p, requires_grad=True)
        theirs = F.binary_cross_entropy(probs, torch.tensor(t), reduction="none")
        theirs.sum().backward()
        with np.errstate(divide="ignore"):
            self.close(self.losses.binary_cross_entropy(p, t, reduction="none"), theirs)
            gradient = self.losses._bce_input_gradient(np, p, t)
        self.assertTrue(np.isfinite(gradient).all())
        np.testing.assert_allclose(gradient, probs.grad.numpy(), rtol=1e-6)

    def test_binary_cross_entropy_with_logits(self):
        x = (self.rng.normal(size=(5, 3)) * 10).astype(np.float32)
        t = self.rng.integers(0, 2, size=(5, 3)).astype(np.float32)
        pos = np.array([1.0, 2.0, 0.5], dtype=np.float32)
        for reduction in ("mean", "sum", "none"):
            for pw in (None, pos):
                theirs = F.binary_cross_entropy_with_logits(torch.tensor(x), torch.tensor(t), reduction=reduction,
                                                            pos_weight=None if pw is None else torch.tensor(pw))
                self.close(self.losses.binary_cross_entropy_with_logits(x, t, reduction=reduction, pos_weight=pw), theirs)

    def test_unknown_reduction_is_an_error(self):
        with self.assertRaises(ValueError):
            self.losses.mse_loss(np.zeros(2), np.zeros(2), reduction="average")


if __name__ == "__main__":
    unittest.main()
