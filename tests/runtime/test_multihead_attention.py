"""torch.nn.MultiheadAttention as the runtime's MultiheadAttention (docs/maps.md, "Attention"), run on
numpy (numpy_linen.py stands in for flax.linen) against torch 1.13: torch's state_dict loaded through
KeyMapper as it is (in_proj_weight, in_proj_bias, out_proj.weight, out_proj.bias), the same outputs and
attention weights for sequence-first and batch-first inputs, unbatched inputs, bool and float masks,
key padding masks, per-head weights and no bias; and the initial values drawn from torch's
distributions (xavier-uniform projections, U(-1/sqrt(E), 1/sqrt(E)) for out_proj, zero biases).

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import sys
import types
import unittest

import numpy as np
import torch

from numpy_jax import load_runtime
from numpy_linen import apply, init, linen_on_numpy


def variance_scaling(scale, mode, distribution, in_axis=-2, out_axis=-1):
    """jax.nn.initializers.variance_scaling for 2-d shapes, uniform, on the stand-in's keys."""
    assert distribution == "uniform"

    def draw(key, shape, dtype=np.float32):
        fan_in, fan_out = shape[in_axis], shape[out_axis]
        fan = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[mode]
        bound = np.sqrt(3.0 * scale / fan)
        return key.uniform(-bound, bound, shape).astype(dtype)

    return draw


def numpy_state(module):
    return {k: v.detach().numpy() for k, v in module.state_dict().items()}


class MultiheadAttentionIsTorchs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_attention")

    def converted(self, torch_module, *inputs, **fields):
        """The runtime's layer built as the map builds it, initialised, loaded from torch's state_dict,
        applied in evaluation (deterministic) to ``inputs``; also its initial variables."""
        with linen_on_numpy():
            initializers = sys.modules["flax.linen"].initializers
            initializers.variance_scaling = variance_scaling
            initializers.xavier_uniform = lambda: variance_scaling(1.0, "fan_avg", "uniform")
            sys.modules["jax"].random = types.SimpleNamespace()
            layer = self.runtime.MultiheadAttention(deterministic=True, **fields)
            target = init(layer, 0, *inputs)
            loaded = self.runtime.KeyMapper.from_torch(numpy_state(torch_module), target)
            layer = self.runtime.MultiheadAttention(deterministic=True, **fields)
            return apply(layer, loaded, *inputs), target

    def check(self, torch_module, fields, query, key, value, *rest):
        torch_module.eval()
        with torch.no_grad():
            expected = torch_module(torch.tensor(query), torch.tensor(key), torch.tensor(value),
                                    *[torch.tensor(r) if isinstance(r, np.ndarray) else r for r in rest])
        (output, weights), _ = self.converted(torch_module, query, key, value, *rest, **fields)
        np.testing.assert_allclose(output, expected[0].numpy(), rtol=1e-5, atol=1e-5)
        if expected[1] is None:
            self.assertIsNone(weights)
        else:
            np.testing.assert_allclose(weights, expected[1].numpy(), rtol=1e-5, atol=1e-6)

    def test_sequence_first_self_attention_with_averaged_weights(self):
        torch.manual_seed(0)
        mha = torch.nn.MultiheadAttention(8, 2)
        x = np.random.default_rng(0).standard_normal((5, 3, 8)).astype(np.float32)
        self.check(mha, dict(embed_dim=8, num_heads=2), x, x, x)

    def test_batch_first_cross_attention_with_masks_and_per_head_weights(self):
        torch.manual_seed(1)
        mha = torch.nn.MultiheadAttention(12, 3, batch_first=True)
        rng = np.random.default_rng(1)
        q = rng.standard_normal((2, 4, 12)).astype(np.float32)
        kv = rng.standard_normal((2, 6, 12)).astype(np.float32)
        causal = np.triu(np.ones((4, 6), dtype=bool), k=3)
        padding = np.array([[False] * 6, [False] * 4 + [True] * 2])
        self.check(mha, dict(embed_dim=12, num_heads=3, batch_first=True), q, kv, kv, padding, True, causal, False)

    def test_float_mask_unbatched_and_no_weights(self):
        torch.manual_seed(2)
        mha = torch.nn.MultiheadAttention(6, 3, bias=False)
        rng = np.random.default_rng(2)
        x = rng.standard_normal((4, 6)).astype(np.float32)
        bias = rng.standard_normal((4, 4)).astype(np.float32)
        self.check(mha, dict(embed_dim=6, num_heads=3, bias=False), x, x, x, None, True, bias)
        self.check(mha, dict(embed_dim=6, num_heads=3, bias=False), x, x, x, None, False)

    def test_float_key_padding_mask_is_added(self):
        torch.manual_seed(3)
        mha = torch.nn.MultiheadAttention(4, 2)
        rng = np.random.default_rng(3)
        x = rng.standard_normal((3, 2, 4)).astype(np.float32)
        padding = rng.standard_normal((2, 3)).astype(np.float32)
        self.check(mha, dict(embed_dim=4, num_heads=2), x, x, x, padding)

    def test_initial_values_follow_torchs_distributions(self):
        torch.manual_seed(4)
        mha = torch.nn.MultiheadAttention(64, 4)
        x = np.zeros((2, 1, 64), np.float32)
        _, target = self.converted(mha, x, x, x, embed_dim=64, num_heads=4)
        params = target["params"]
        self.assertEqual(params["in_proj_weight"].shape, (192, 64))
        self.assertEqual(params["out_proj"]["weight"].shape, (64, 64))
        self.assertLessEqual(np.abs(params["in_proj_weight"]).max(), np.sqrt(6.0 / (64 + 192)))
        self.assertGreater(np.abs(params["in_proj_weight"]).max(), 0.9 * np.sqrt(6.0 / (64 + 192)))
        self.assertLessEqual(np.abs(params["out_proj"]["weight"]).max(), 1 / np.sqrt(64))
        self.assertGreater(np.abs(params["out_proj"]["weight"]).max(), 0.9 / np.sqrt(64))
        self.assertFalse(params["in_proj_bias"].any() or params["out_proj"]["bias"].any())
        torch_bound = np.sqrt(6.0 / (64 + 192))
        self.assertLessEqual(mha.in_proj_weight.abs().max().item(), torch_bound)
        self.assertLessEqual(mha.out_proj.weight.abs().max().item(), 1 / np.sqrt(64))

    def test_dtype_is_the_variables_dtype(self):
        # nn.MultiheadAttention(..., dtype=torch.float64): float64 variables and torch's numbers in float64;
        # dtype None (torch's default dtype) is float32.
        torch.manual_seed(5)
        mha = torch.nn.MultiheadAttention(6, 2, dtype=torch.float64)
        x = np.random.default_rng(5).standard_normal((3, 2, 6))
        self.check(mha, dict(embed_dim=6, num_heads=2, param_dtype=np.float64), x, x, x)
        _, target = self.converted(mha, x, x, x, embed_dim=6, num_heads=2, param_dtype=np.float64)
        self.assertEqual(target["params"]["in_proj_weight"].dtype, np.float64)
        self.assertEqual(target["params"]["out_proj"]["weight"].dtype, np.float64)
        self.assertEqual(target["params"]["out_proj"]["bias"].dtype, np.float64)
        _, target = self.converted(mha, x, x, x, embed_dim=6, num_heads=2, param_dtype=None)
        self.assertEqual(target["params"]["in_proj_weight"].dtype, np.float32)
        self.assertEqual(target["params"]["in_proj_bias"].dtype, np.float32)


if __name__ == "__main__":
    unittest.main()
