"""switcheroo_runtime's forms of torch's own constructor helpers, against torch: as_ntuple and ntuple
(torch.nn.modules.utils._single/_pair/_triple/_quadruple/_ntuple), reverse_repeat_tuple and legacy_reduction
(torch.nn._reduction.legacy_get_string, the reduction a loss's size_average and reduce flags stand for).

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import unittest
import warnings

import numpy as np
from torch.nn import _reduction
from torch.nn.modules.utils import _ntuple, _pair, _quadruple, _reverse_repeat_tuple, _single, _triple

from numpy_jax import load_runtime


class NtupleMatchesTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rt = load_runtime("switcheroo_runtime_ntuple")

    def test_as_ntuple_is_torchs_helpers(self):
        values = [0, 3, 2.5, None, (1, 2), [4, 5, 6], range(3), "ab", np.array([7, 8])]
        for helper, n in [(_single, 1), (_pair, 2), (_triple, 3), (_quadruple, 4)]:
            for value in values:
                expected = helper(value)
                ours = self.rt.as_ntuple(value, n)
                self.assertEqual(type(ours), type(expected))
                self.assertEqual(ours, expected, f"{helper.__name__}({value!r})")

    def test_ntuple_makes_the_same_function(self):
        for n in [1, 2, 6]:
            for value in [1, (2, 3), [0] * 6]:
                self.assertEqual(self.rt.ntuple(n)(value), _ntuple(n)(value))

    def test_reverse_repeat_tuple_is_torchs(self):
        for value in [(), (1,), (1, 2), [3, 4, 5], (0, 1, 2, 3)]:
            for n in [0, 1, 2, 3]:
                self.assertEqual(self.rt.reverse_repeat_tuple(value, n), _reverse_repeat_tuple(value, n))


class LegacyReductionMatchesTorch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rt = load_runtime("switcheroo_runtime_reduction")

    def test_every_flag_combination(self):
        for size_average in [None, True, False]:
            for reduce in [None, True, False]:
                with warnings.catch_warnings(record=True) as theirs:
                    warnings.simplefilter("always")
                    expected = _reduction.legacy_get_string(size_average, reduce)
                with warnings.catch_warnings(record=True) as ours:
                    warnings.simplefilter("always")
                    got = self.rt.legacy_reduction(size_average, reduce)
                self.assertEqual(got, expected)
                self.assertEqual([str(w.message) for w in ours], [str(w.message) for w in theirs])

    def test_no_warning_when_asked_not_to(self):
        with warnings.catch_warnings(record=True) as ours:
            warnings.simplefilter("always")
            self.assertEqual(self.rt.legacy_reduction(False, True, emit_warning=False), "sum")
        self.assertEqual(ours, [])


if __name__ == "__main__":
    unittest.main()
