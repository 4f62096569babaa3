"""The parts of the verification driver that need no JAX: example lookup, the tolerance rule,
and torch's parameter gradients laid out by KeyMapper as the converted parameters are.
Run by FidelityTorchHalfTests with Debian's python3 (torch, numpy)."""
import os
import sys
import tempfile
import unittest

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, "src", "Switcheroo.Engine", "Verification"))
import switcheroo_verify as driver  # noqa: E402

runtime = driver.load_runtime(os.path.join(ROOT, "src", "Switcheroo.Engine", "Emitting", "switcheroo_runtime.py"))


class ExamplesTests(unittest.TestCase):
    def test_keys_are_file_names_or_ends_of_paths_and_longer_keys_win(self):
        sidecar = {"net.torch.py": {"Net": {"args": [1]}, "Head": {"args": [2]}},
                   "models/net.torch.py": {"Net": {"args": [3]}},
                   "other/net.torch.py": {"Net": {"args": [4]}}}
        found = driver.sidecar_examples(sidecar, "/repo/models/net.torch.py")
        self.assertEqual({"Net": {"args": [3]}, "Head": {"args": [2]}}, found)
        self.assertEqual({}, driver.sidecar_examples(sidecar, "/repo/models/xnet.torch.py"))


class VerdictTests(unittest.TestCase):
    def test_the_rule_is_numpy_allclose_and_the_worst_difference_is_reported(self):
        expected = np.array([1.0, 100.0], dtype=np.float32)
        ok = driver.verdict([("output 0", expected + np.float32(5e-3), expected)], rtol=1e-4, atol=1e-5)
        self.assertEqual("MISMATCH", ok["status"])
        close = driver.verdict([("output 0", expected + np.array([0, 5e-3], dtype=np.float32), expected)], rtol=1e-4, atol=1e-5)
        self.assertEqual("ok", close["status"])
        self.assertAlmostEqual(5e-3, close["max_abs_diff"], places=4)

    def test_a_shape_difference_is_a_mismatch(self):
        result = driver.verdict([("output 0", np.zeros((2, 3)), np.zeros((3, 2)))], 1e-4, 1e-5)
        self.assertEqual("MISMATCH", result["status"])
        self.assertIn("shape", result["detail"])


class TorchHalfTests(unittest.TestCase):
    def test_gradients_are_saved_and_laid_out_as_the_converted_parameters(self):
        model = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.Flatten(), torch.nn.Linear(4 * 6 * 6, 5))
        model.eval()
        with tempfile.TemporaryDirectory() as folder:
            npz = os.path.join(folder, "run.npz")
            row = driver.save_torch_run(model, torch.randn(2, 3, 8, 8), npz, torch)
            self.assertEqual("torch ok", row["status"])
            saved = np.load(npz)
            self.assertIn("grad_input", saved.files)
            state = {k[len("state/"):]: saved[k] for k in saved.files if k.startswith("state/")}
            # the variables the converted Sequential declares (docs/checkpoints.md): conv wrapped at layers_1
            target = {"params": {"layers_0": {"layers_1": {"kernel": np.zeros((3, 3, 3, 4)), "bias": np.zeros(4)}},
                                 "layers_2": {"kernel": np.zeros((144, 5)), "bias": np.zeros(5)}}}
            jax_like = {"layers_0": {"layers_1": {"kernel": np.transpose(saved["grad/0.weight"], (2, 3, 1, 0)), "bias": saved["grad/0.bias"]}},
                        "layers_2": {"kernel": saved["grad/2.weight"].T, "bias": saved["grad/2.bias"]}}
            pairs = driver.parameter_gradients(saved, state, target, jax_like, runtime)
            self.assertEqual(["grad params/layers_0/layers_1/bias", "grad params/layers_0/layers_1/kernel",
                              "grad params/layers_2/bias", "grad params/layers_2/kernel"], [p[0] for p in pairs])
            self.assertEqual("ok", driver.verdict(pairs, 1e-6, 0)["status"])
            self.assertTrue(np.any(saved["grad/2.weight"] != 0))


if __name__ == "__main__":
    unittest.main()
