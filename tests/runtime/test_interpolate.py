"""switcheroo_runtime.interpolate against torch.nn.functional.interpolate: every mode the runtime
takes, with sizes, scale factors (one or per axis, recomputed or not) and align_corners, on shapes
drawn at random (up- and down-sampling, sizes of 1).

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import unittest

import numpy as np
import torch
import torch.nn.functional as F

from numpy_jax import jax_on_numpy, load_runtime

_MODES = [("nearest", 1), ("nearest", 2), ("nearest", 3), ("nearest-exact", 2), ("linear", 1), ("bilinear", 2),
          ("trilinear", 3), ("bicubic", 2), ("area", 1), ("area", 2)]
_FACTORS = [0.5, 1.5, 2, 3, 0.3, 1.7, 2.5, 4, 0.75, 1.0, 1 / 3]


class InterpolateMatchesTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rt = load_runtime("switcheroo_runtime_interpolate")
        cls.rng = np.random.default_rng(0)

    def arguments(self, spatial):
        rng = self.rng
        yield {"size": tuple(int(rng.integers(1, 20)) for _ in range(spatial))}
        yield {"size": int(rng.integers(1, 20))}
        yield {"scale_factor": float(rng.choice(_FACTORS))}
        yield {"scale_factor": tuple(float(rng.choice([0.5, 1.5, 2, 0.7, 3.3])) for _ in range(spatial))}
        yield {"scale_factor": float(rng.choice([0.5, 1.5, 2, 0.4, 1.7])), "recompute_scale_factor": True}

    def check(self, x, mode, **kwargs):
        expected = F.interpolate(torch.tensor(x), mode=mode, **kwargs).numpy()
        with jax_on_numpy():
            ours = self.rt.interpolate(x, mode=mode, **kwargs)
        self.assertEqual(ours.shape, expected.shape, (mode, x.shape, kwargs))
        self.assertEqual(ours.dtype, expected.dtype)
        if mode.startswith("nearest"):
            np.testing.assert_array_equal(ours, expected, err_msg=str((mode, x.shape, kwargs)))
        else:
            np.testing.assert_allclose(ours, expected, rtol=1e-5, atol=1e-5, err_msg=str((mode, x.shape, kwargs)))

    def test_every_mode_against_torch(self):
        checked = 0
        for mode, spatial in _MODES:
            aligns = [{}] if mode in ("nearest", "nearest-exact", "area") else [{}, {"align_corners": False}, {"align_corners": True}]
            for _ in range(30):
                x = self.rng.normal(size=(2, 3) + tuple(int(self.rng.integers(1, 12)) for _ in range(spatial))).astype(np.float32)
                for align in aligns:
                    for kwargs in self.arguments(spatial):
                        sizes = kwargs.get("size")
                        if sizes is None:
                            factors = kwargs["scale_factor"]
                            factors = factors if isinstance(factors, tuple) else (factors,) * spatial
                            sizes = tuple(int(np.floor(n * f)) for n, f in zip(x.shape[2:], factors))
                        if min(np.atleast_1d(sizes)) <= 0:
                            continue
                        self.check(x, mode, **align, **kwargs)
                        checked += 1
        self.assertGreater(checked, 1500)

    def test_double_precision(self):
        x = self.rng.normal(size=(1, 2, 5, 6))
        self.check(x, "bicubic", size=(9, 4), align_corners=False)
        self.check(x, "bilinear", scale_factor=1.7, align_corners=True)

    def test_torchvision_uses(self):
        # segmentation heads: bilinear up to the input size; RAFT: align_corners=True; keypoint R-CNN: a float factor
        x = self.rng.normal(size=(2, 21, 28, 28)).astype(np.float32)
        self.check(x, "bilinear", size=(224, 224), align_corners=False)
        self.check(x, "bilinear", size=(97, 61), align_corners=True)
        self.check(x, "bilinear", scale_factor=float(2), align_corners=False, recompute_scale_factor=False)
        self.check(x, "bicubic", size=(13, 40), align_corners=False)

    def test_what_torch_refuses_or_the_runtime_does_not_take(self):
        x = np.zeros((1, 1, 4, 4), np.float32)
        with jax_on_numpy():
            with self.assertRaises(ValueError):
                self.rt.interpolate(x, size=2, scale_factor=2)
            with self.assertRaises(ValueError):
                self.rt.interpolate(x, scale_factor=2, align_corners=False)
            with self.assertRaises(NotImplementedError):
                self.rt.interpolate(x, scale_factor=2, mode="linear")
            with self.assertRaises(NotImplementedError):
                self.rt.interpolate(x, size=2, mode="bilinear", antialias=True)
            with self.assertRaises(ValueError):
                self.rt.interpolate(x, scale_factor=0.1, mode="bilinear")


if __name__ == "__main__":
    unittest.main()
