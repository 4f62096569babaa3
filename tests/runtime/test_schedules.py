"""The learning-rate schedules Switcheroo writes for torch's schedulers (mappings/optim.yaml) give
torch's learning rates, step for step.

JAX and Optax cannot be installed here, so Optax's schedules are written out below from their
documented definitions (optax 0.2: exponential_decay, piecewise_constant_schedule,
cosine_decay_schedule), with the arguments the conversion passes; torch's schedulers run for real
(Debian's python3-torch). Run: /usr/bin/python3 -m unittest discover -s tests/runtime -v
"""

import math
import unittest

import torch


def exponential_decay(init_value, transition_steps, decay_rate, staircase=False):
    def schedule(count):
        p = count / transition_steps
        return init_value * decay_rate ** (math.floor(p) if staircase else p)
    return schedule


def piecewise_constant_schedule(init_value, boundaries_and_scales):
    # optax/schedules/_schedule.py: indicator = max(0, sign(threshold - count)) is 0 from
    # count == threshold on, and v = v * indicator + (1 - indicator) * scale * v.
    def schedule(count):
        value = init_value
        for threshold, scale in sorted(boundaries_and_scales.items()):
            indicator = max(0.0, math.copysign(1.0, threshold - count) if threshold != count else 0.0)
            value = value * indicator + (1 - indicator) * scale * value
        return value
    return schedule


def cosine_decay_schedule(init_value, decay_steps, alpha=0.0):
    def schedule(count):
        t = min(count, decay_steps)
        return init_value * ((1 - alpha) * 0.5 * (1 + math.cos(math.pi * t / decay_steps)) + alpha)
    return schedule


def torch_rates(make_scheduler, lr, steps):
    """The learning rate torch's optimizer has after 0, 1, ..., steps calls of scheduler.step()."""
    parameter = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([parameter], lr=lr)
    scheduler = make_scheduler(optimizer)
    rates = [optimizer.param_groups[0]["lr"]]
    for _ in range(steps):
        optimizer.step()
        scheduler.step()
        rates.append(optimizer.param_groups[0]["lr"])
    return rates


class SchedulesMatchTorch(unittest.TestCase):
    def check(self, make_scheduler, schedule, lr, steps):
        for count, expected in enumerate(torch_rates(make_scheduler, lr, steps)):
            self.assertAlmostEqual(schedule(count), expected, places=12, msg=f"after {count} steps")

    def test_step_lr(self):
        # StepLR(optimizer, step_size, gamma) -> exponential_decay(lr, step_size, gamma, staircase=True)
        self.check(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5),
                   exponential_decay(0.1, 3, 0.5, staircase=True), 0.1, 20)

    def test_multi_step_lr(self):
        # milestones [3, 6] -> boundaries {3: gamma, 6: gamma}: both scale from the count equal to
        # a milestone on (LrSchedulerHook writes the milestones unchanged)
        self.check(lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[3, 6], gamma=0.1),
                   piecewise_constant_schedule(0.1, {3: 0.1, 6: 0.1}), 0.1, 12)

    def test_multi_step_lr_milestones_one_early_would_differ(self):
        # the boundaries {m - 1: gamma} written before were one scheduler.step() early
        rates = torch_rates(lambda o: torch.optim.lr_scheduler.MultiStepLR(o, milestones=[3, 6], gamma=0.1), 0.1, 12)
        early = piecewise_constant_schedule(0.1, {2: 0.1, 5: 0.1})
        self.assertNotAlmostEqual(early(2), rates[2], places=6)

    def test_exponential_lr(self):
        self.check(lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9),
                   exponential_decay(0.05, 1, 0.9), 0.05, 15)

    def test_cosine_annealing_lr_up_to_t_max(self):
        # alpha = eta_min / lr; exact for the first T_max steps (torch's cosine rises again after them)
        self.check(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10, eta_min=1e-4),
                   cosine_decay_schedule(0.1, 10, alpha=1e-4 / 0.1), 0.1, 10)


if __name__ == "__main__":
    unittest.main()
