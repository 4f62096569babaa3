"""torch.nn.LSTM, GRU and RNN, and LSTMCell, GRUCell and RNNCell, as the runtime's recurrent layers
(docs/maps.md, "Recurrent layers"), run on numpy (numpy_linen.py stands in for flax.linen, numpy_jax.py's
scan for jax.lax.scan) against torch 1.13: torch's state_dict loaded through KeyMapper as it is, the same
outputs and final states for sequence-first and batch-first inputs, unbatched inputs, several layers,
both directions, no bias, an LSTM projection, given or zero initial states; dropout between layers
with torch's mask handed to the runtime as the draw of jax.random.bernoulli; padded batches with their
lengths against pack_padded_sequence; and the initial values drawn from torch's U(-1/sqrt(hidden),
1/sqrt(hidden)) under torch's names and shapes.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import sys
import types
import unittest
from unittest import mock

import numpy as np
import torch

import numpy_linen
from numpy_jax import load_runtime
from numpy_linen import apply, init, linen_on_numpy


def numpy_state(module):
    return {k: v.detach().numpy() for k, v in module.state_dict().items()}


def uniform(key, shape, dtype=np.float32, minval=0.0, maxval=1.0):
    """jax.random.uniform on the stand-in's keys (numpy generators)."""
    return key.uniform(minval, maxval, shape).astype(dtype)


def as_torch(value):
    if isinstance(value, tuple):
        return tuple(as_torch(v) for v in value)
    return None if value is None else torch.tensor(value)


def as_numpy(value):
    if isinstance(value, tuple):
        return tuple(as_numpy(v) for v in value)
    return value.detach().numpy()


class RecurrentLayersAreTorchs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runtime = load_runtime("switcheroo_runtime_recurrent")
        cls.rng = np.random.default_rng(0)

    def data(self, *shape):
        return self.rng.standard_normal(shape).astype(np.float32)

    def converted(self, kind, torch_module, fields, *inputs, bernoulli=None, train=False):
        """The runtime's layer built as the map builds it, initialised (in evaluation), loaded from
        torch's state_dict, applied to ``inputs`` (in training with ``train``: its 'dropout' stream's
        key is "dropout-key"); also its initial variables."""
        with linen_on_numpy():
            sys.modules["jax"].random = types.SimpleNamespace(uniform=uniform, bernoulli=bernoulli)
            recurrent = not kind.endswith("Cell")
            target = init(getattr(self.runtime, kind)(**fields, **({"deterministic": True} if recurrent else {})), 0, *inputs)
            loaded = self.runtime.KeyMapper.from_torch(numpy_state(torch_module), target)
            layer = getattr(self.runtime, kind)(**fields, **({"deterministic": not train} if recurrent else {}))
            make_rng = numpy_linen.Module.make_rng
            with mock.patch.object(numpy_linen.Module, "make_rng",
                                   lambda self, name: "dropout-key" if name == "dropout" else make_rng(self, name)):
                return apply(layer, loaded, *inputs), target

    def check(self, kind, torch_module, fields, input, hx=None):
        torch_module.eval()
        with torch.no_grad():
            expected = as_numpy(torch_module(torch.tensor(input), as_torch(hx)))
        ours, _ = self.converted(kind, torch_module, fields, input, hx)
        self.assert_close(ours, expected)

    def assert_close(self, ours, expected):
        if isinstance(expected, tuple):
            self.assertEqual(len(ours), len(expected))
            for a, b in zip(ours, expected):
                self.assert_close(a, b)
        else:
            self.assertEqual(np.shape(ours), expected.shape)
            np.testing.assert_allclose(ours, expected, rtol=1e-5, atol=1e-5)

    def test_lstm_two_layers_bidirectional_sequence_first_with_initial_states(self):
        torch.manual_seed(0)
        lstm = torch.nn.LSTM(4, 6, num_layers=2, bidirectional=True)
        hx = (self.data(4, 3, 6), self.data(4, 3, 6))
        self.check("LSTM", lstm, dict(input_size=4, hidden_size=6, num_layers=2, bidirectional=True), self.data(5, 3, 4), hx)
        self.check("LSTM", lstm, dict(input_size=4, hidden_size=6, num_layers=2, bidirectional=True), self.data(5, 3, 4))

    def test_gru_batch_first_without_bias_and_bidirectional(self):
        torch.manual_seed(1)
        gru = torch.nn.GRU(3, 5, bias=False, batch_first=True, bidirectional=True)
        fields = dict(input_size=3, hidden_size=5, bias=False, batch_first=True, bidirectional=True)
        self.check("GRU", gru, fields, self.data(2, 7, 3))
        self.check("GRU", gru, fields, self.data(2, 7, 3), self.data(2, 2, 5))

    def test_gru_reset_gate_applies_after_the_hidden_projection(self):
        torch.manual_seed(2)
        gru = torch.nn.GRU(4, 8, num_layers=3)
        self.check("GRU", gru, dict(input_size=4, hidden_size=8, num_layers=3), self.data(6, 2, 4), self.data(3, 2, 8))

    def test_rnn_tanh_and_relu_unbatched_and_batched(self):
        for nonlinearity in ("tanh", "relu"):
            with self.subTest(nonlinearity=nonlinearity):
                torch.manual_seed(3)
                rnn = torch.nn.RNN(3, 4, num_layers=2, nonlinearity=nonlinearity, batch_first=True)
                fields = dict(input_size=3, hidden_size=4, num_layers=2, nonlinearity=nonlinearity, batch_first=True)
                self.check("RNN", rnn, fields, self.data(5, 3), self.data(2, 4))  # unbatched: batch_first ignored
                self.check("RNN", rnn, fields, self.data(2, 5, 3))

    def test_lstm_projection_and_unbatched_input(self):
        torch.manual_seed(4)
        lstm = torch.nn.LSTM(3, 6, num_layers=2, bidirectional=True, proj_size=2)
        fields = dict(input_size=3, hidden_size=6, num_layers=2, bidirectional=True, proj_size=2)
        self.check("LSTM", lstm, fields, self.data(4, 2, 3), (self.data(4, 2, 2), self.data(4, 2, 6)))
        self.check("LSTM", lstm, fields, self.data(4, 3), (self.data(4, 2), self.data(4, 6)))

    def test_dropout_between_layers_in_training(self):
        torch.manual_seed(5)
        fields = dict(input_size=3, hidden_size=4, num_layers=3, dropout=0.4)
        lstm = torch.nn.LSTM(3, 4, num_layers=3, dropout=0.4)
        x = self.data(5, 2, 3)
        masks = [self.rng.random((5, 2, 4)) > 0.4 for _ in range(2)]
        draws = iter(masks)

        def bernoulli(key, keep, shape):
            self.assertEqual(key, "dropout-key")
            self.assertAlmostEqual(keep, 0.6)
            mask = next(draws)
            self.assertEqual(tuple(shape), mask.shape)
            return mask

        # torch's dropout: on every layer's output but the last, in training; here layer by layer
        # with the masks given, the layers being torch's own, one per layer
        expected_h, expected_c, y = [], [], torch.tensor(x)
        with torch.no_grad():
            for layer in range(3):
                single = torch.nn.LSTM(3 if layer == 0 else 4, 4)
                single.load_state_dict({f"{k[:-1]}0": v for k, v in lstm.state_dict().items() if k.endswith(str(layer))})
                if layer:
                    y = torch.where(torch.tensor(masks[layer - 1]), y / 0.6, torch.zeros(()))
                y, (h, c) = single(y)
                expected_h.append(h[0])
                expected_c.append(c[0])
        (output, (h_n, c_n)), _ = self.converted("LSTM", lstm, fields, x, bernoulli=bernoulli, train=True)
        self.assert_close((output, h_n, c_n), (y.numpy(), torch.stack(expected_h).numpy(), torch.stack(expected_c).numpy()))
        ours, _ = self.converted("LSTM", lstm, fields, x)  # deterministic: no draw
        with torch.no_grad():
            self.assert_close(ours, as_numpy(lstm.eval()(torch.tensor(x))))

    def test_lengths_as_pack_padded_sequence(self):
        lengths = np.array([5, 2, 4])
        for kind, batch_first in (("LSTM", False), ("GRU", True), ("RNN", False)):
            with self.subTest(kind=kind):
                torch.manual_seed(6)
                layer = getattr(torch.nn, kind)(3, 4, num_layers=2, bidirectional=True, batch_first=batch_first)
                fields = dict(input_size=3, hidden_size=4, num_layers=2, bidirectional=True, batch_first=batch_first)
                x = self.data(3, 5, 3) if batch_first else self.data(5, 3, 3)
                packed = torch.nn.utils.rnn.pack_padded_sequence(torch.tensor(x), torch.tensor(lengths),
                                                                 batch_first=batch_first, enforce_sorted=False)
                with torch.no_grad():
                    output, hidden = layer(packed)
                    output, _ = torch.nn.utils.rnn.pad_packed_sequence(output, batch_first=batch_first, total_length=5)
                ours, _ = self.converted(kind, layer, fields, x, None, lengths)
                self.assert_close(ours, (output.numpy(), as_numpy(hidden)))

    def test_cells_in_a_loop(self):
        cases = (("LSTMCell", {}), ("GRUCell", {}), ("RNNCell", {"nonlinearity": "relu"}), ("GRUCell", {"bias": False}))
        for kind, extra in cases:
            with self.subTest(kind=kind, **extra):
                torch.manual_seed(7)
                cell = getattr(torch.nn, kind)(3, 5, **extra)
                fields = dict(input_size=3, hidden_size=5, **extra)
                x = self.data(4, 2, 3)
                state = None
                with torch.no_grad():
                    for t in range(4):
                        state = cell(torch.tensor(x[t]), state)
                        ours, _ = self.converted(kind, cell, fields, x[t], as_numpy(state) if t == 3 else None)
                    expected = as_numpy(cell(torch.tensor(x[3]), state))
                    self.assert_close(ours, expected)
                    self.check(kind, cell, fields, x[0][0])  # unbatched, no state
                    unbatched_state = tuple(s[0] for s in as_numpy(state)) if kind == "LSTMCell" else as_numpy(state)[0]
                    self.check(kind, cell, fields, x[0][1], unbatched_state)

    def test_initial_values_follow_torchs_names_shapes_and_distribution(self):
        torch.manual_seed(8)
        lstm = torch.nn.LSTM(10, 64, num_layers=2, bidirectional=True, proj_size=16)
        fields = dict(input_size=10, hidden_size=64, num_layers=2, bidirectional=True, proj_size=16)
        _, target = self.converted("LSTM", lstm, fields, np.zeros((2, 1, 10), np.float32))
        params = target["params"]
        torch_shapes = {k: tuple(v.shape) for k, v in lstm.state_dict().items()}
        self.assertEqual({k: v.shape for k, v in params.items()}, torch_shapes)
        for name, value in params.items():
            self.assertLessEqual(np.abs(value).max(), 1 / 8)
            self.assertGreater(np.abs(value).max(), 0.9 / 8)
            self.assertLessEqual(getattr(lstm, name).abs().max().item(), 1 / 8)
        gru = torch.nn.GRUCell(3, 4)
        _, target = self.converted("GRUCell", gru, dict(input_size=3, hidden_size=4), np.zeros((2, 3), np.float32))
        self.assertEqual({k: v.shape for k, v in target["params"].items()}, {k: tuple(v.shape) for k, v in gru.state_dict().items()})

    def test_classes_as_values_take_torchs_constructor_arguments(self):
        with linen_on_numpy():
            lstm = self.runtime.recurrent_layer("LSTM", False)(3, 4, 2, True, True, 0.1, True)
            theirs = torch.nn.LSTM(3, 4, 2, True, True, 0.1, True)  # torch's positional order
            names = ("input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional", "proj_size")
            self.assertEqual([getattr(lstm, n) for n in names], [getattr(theirs, n) for n in names])
            self.assertTrue(lstm.deterministic)
            rnn = self.runtime.recurrent_layer("RNN", True)(3, 4, nonlinearity="relu", device="cpu")
            self.assertEqual((rnn.nonlinearity, rnn.deterministic), ("relu", False))
            cell = self.runtime.recurrent_cell_layer("RNNCell")(3, 4, False, "relu")
            self.assertEqual((cell.input_size, cell.hidden_size, cell.bias, cell.nonlinearity), (3, 4, False, "relu"))
            gru_cell = self.runtime.recurrent_cell_layer("GRUCell")(3, 4, True, "cpu")
            self.assertEqual(type(gru_cell).__name__, "GRUCell")
            with self.assertRaises(TypeError):
                self.runtime.recurrent_layer("GRU")(3, 4, nonlinearity="relu")
            with self.assertRaises(TypeError):
                self.runtime.recurrent_cell_layer("LSTMCell")(3, 4, True, "tanh", "cpu", None)
            with self.assertRaises(NotImplementedError):
                self.runtime.recurrent_cell_layer("LSTMCell")(3, 4, dtype="float64")

    def test_settings_torch_refuses_are_refused(self):
        with linen_on_numpy():
            sys.modules["jax"].random = types.SimpleNamespace(uniform=uniform)
            x = np.zeros((2, 1, 3), np.float32)
            for kind, fields in (("RNN", dict(nonlinearity="gelu")), ("GRU", dict(proj_size=2)), ("LSTM", dict(proj_size=4))):
                with self.subTest(kind=kind):
                    with self.assertRaises(ValueError):
                        init(getattr(self.runtime, kind)(input_size=3, hidden_size=4, **fields), 0, x)


if __name__ == "__main__":
    unittest.main()
