"""Gradient accumulation: torch's loop against optax.MultiSteps (docs/training.md, "Gradient accumulation").

torch's loop
    for i, (x, y) in enumerate(batches):
        loss = F.mse_loss(model(x), y) / k
        loss.backward()
        if (i + 1) % k == 0:
            opt.step(); opt.zero_grad()
converts to optax.MultiSteps(opt, every_k_schedule=k, use_grad_mean=False) called on every batch.
MultiSteps is modelled here in numpy from its source (optax/transforms/_accumulation.py): the
accumulator starts at zeros; each call adds the gradients (use_grad_mean=False: grad + acc; True: the
running mean acc + (grad - acc) / (n + 1)); on the k-th call of a window the inner optimizer updates
on the accumulator, and the accumulator and the counter restart; other calls return zero updates.
The gradients of each batch come from torch itself, at the numpy model's parameters, so only the
accumulation and the optimizer differ between the two sides.

Run with Debian's python3 (python3-torch, python3-numpy): python3 -m unittest discover -s tests/runtime
"""
import unittest

import numpy as np
import torch
import torch.nn.functional as F


class MultiStepsModel:
    """optax.MultiSteps' arithmetic over optax.sgd(learning_rate, momentum) (a trace starting at zeros)."""

    def __init__(self, k, use_grad_mean, lr, momentum):
        self.k, self.use_grad_mean, self.lr, self.momentum = k, use_grad_mean, lr, momentum

    def init(self, params):
        return {"mini_step": 0, "acc": {n: np.zeros_like(p) for n, p in params.items()},
                "trace": {n: np.zeros_like(p) for n, p in params.items()}}

    def update(self, grads, state):
        n = state["mini_step"]
        if self.use_grad_mean:
            acc = {name: state["acc"][name] + (g - state["acc"][name]) / (n + 1) for name, g in grads.items()}
        else:
            acc = {name: g + state["acc"][name] for name, g in grads.items()}
        trace = {name: acc[name] + self.momentum * state["trace"][name] for name in acc}
        inner = {name: -self.lr * trace[name] for name in acc}
        emit = n == self.k - 1
        new_state = {"mini_step": (n + 1) % self.k,
                     "acc": {name: (1 - emit) * a for name, a in acc.items()},
                     "trace": trace if emit else state["trace"]}
        return {name: emit * u for name, u in inner.items()}, new_state


def batches(count, seed):
    generator = torch.Generator().manual_seed(seed)
    return [(torch.randn(3, 4, generator=generator, dtype=torch.float64),
             torch.randn(3, 2, generator=generator, dtype=torch.float64)) for _ in range(count)]


def new_model():
    torch.manual_seed(0)
    return torch.nn.Linear(4, 2).double()


def torch_accumulation(data, k, epochs, lr=0.1, momentum=0.9):
    """torch's loop as written, over `epochs` passes of the enumerate loop; the parameters at the end."""
    model = new_model()
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    for _ in range(epochs):
        for i, (x, y) in enumerate(data):
            loss = F.mse_loss(model(x), y) / k
            loss.backward()
            if (i + 1) % k == 0:
                opt.step()
                opt.zero_grad()
    return {n: p.detach().numpy().copy() for n, p in model.named_parameters()}


def multisteps_accumulation(data, k, epochs, use_grad_mean, lr=0.1, momentum=0.9):
    """The converted loop: MultiSteps called on every batch, the loss kept as written (/ k)."""
    model = new_model()
    params = {n: p.detach().numpy().copy() for n, p in model.named_parameters()}
    tx = MultiStepsModel(k, use_grad_mean, lr, momentum)
    state = tx.init(params)
    for _ in range(epochs):
        for x, y in data:
            with torch.no_grad():
                for name, p in model.named_parameters():
                    p.copy_(torch.from_numpy(params[name]))
            model.zero_grad()
            (F.mse_loss(model(x), y) / k).backward()
            grads = {n: p.grad.numpy().copy() for n, p in model.named_parameters()}
            updates, state = tx.update(grads, state)
            params = {n: params[n] + updates[n] for n in params}
    return params


class AccumulationMatchesTorch(unittest.TestCase):
    def assertSame(self, a, b):
        for name in a:
            np.testing.assert_allclose(a[name], b[name], rtol=0, atol=1e-13, err_msg=name)

    def test_sum_of_the_losses_as_written(self):
        # use_grad_mean=False with `loss / k` kept: torch's sum of the k gradients, window for window.
        data = batches(12, seed=1)
        self.assertSame(torch_accumulation(data, 4, 1), multisteps_accumulation(data, 4, 1, use_grad_mean=False))

    def test_partial_last_window_is_never_applied(self):
        # 10 batches, k = 4: both step twice; torch's last two gradients wait in .grad, MultiSteps' in its accumulator.
        data = batches(10, seed=2)
        self.assertSame(torch_accumulation(data, 4, 1), multisteps_accumulation(data, 4, 1, use_grad_mean=False))

    def test_grad_mean_would_divide_by_k_again(self):
        # MultiSteps' default averages: with the loss already divided by k, the steps are k times smaller than torch's.
        data = batches(8, seed=3)
        torch_params = torch_accumulation(data, 4, 1)
        mean_params = multisteps_accumulation(data, 4, 1, use_grad_mean=True)
        self.assertFalse(all(np.allclose(torch_params[n], mean_params[n], atol=1e-6) for n in torch_params))

    def test_epochs_with_a_multiple_of_k_batches(self):
        data = batches(6, seed=4)
        self.assertSame(torch_accumulation(data, 3, 3), multisteps_accumulation(data, 3, 3, use_grad_mean=False))

    def test_epochs_with_a_partial_window_differ(self):
        # 5 batches, k = 2: torch restarts i each epoch and steps at i = 1 on three batches' gradients
        # (the carried one and two new); MultiSteps keeps counting. The conversion warns (SWR3019).
        data = batches(5, seed=5)
        torch_params = torch_accumulation(data, 2, 2)
        converted = multisteps_accumulation(data, 2, 2, use_grad_mean=False)
        self.assertFalse(all(np.allclose(torch_params[n], converted[n], atol=1e-9) for n in torch_params))


if __name__ == "__main__":
    unittest.main()
