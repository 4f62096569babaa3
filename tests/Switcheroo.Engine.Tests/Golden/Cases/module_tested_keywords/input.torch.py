import warnings

import torch
import torch.nn as nn


# Keys tested with "k" in **extra and read as extra["k"] only where the test says they were
# passed: each becomes a keyword-only field defaulting to a sentinel no caller passes, the test an
# identity test against it, the read the field.
class Gated(nn.Module):
    def __init__(self, width, stages=2, **extra):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(width, width) for _ in range(stages)])
        scales = [1.0 for _ in range(stages)]
        if "gate" in extra:
            warnings.warn("'gate' is deprecated; pass 'scales' after construction instead")
            if extra["gate"] is not None:
                for i in range(stages):
                    scales[i] = extra["gate"] * (i + 1)
        self.scales = scales
        if "bias" not in extra or extra["bias"] is None:
            self.bias = 0.0
        else:
            self.bias = extra["bias"]
        self.tag = extra["tag"] if "tag" in extra else "plain"

    def forward(self, x):
        for layer, scale in zip(self.layers, self.scales):
            x = torch.relu(layer(x)) * scale
        return x + self.bias


def make_gated(width, **extra):
    return Gated(width, **extra)


# A key read where no test says it was passed (torch raises KeyError without it): reported.
class Unguarded(nn.Module):
    def __init__(self, width, **extra):
        super().__init__()
        self.fc = nn.Linear(width, width)
        self.scale = extra["scale"]

    def forward(self, x):
        return self.fc(x) * self.scale


# A key that is no constant string: reported.
class Searched(nn.Module):
    def __init__(self, width, **extra):
        super().__init__()
        self.fc = nn.Linear(width, width)
        self.found = [key for key in ("low", "high") if key in extra]

    def forward(self, x):
        return self.fc(x) * len(self.found)


# A key tested for and then assigned (or popped): what the mapping holds is no longer what the
# caller passed, so no field stands for it: reported.
class Overwritten(nn.Module):
    def __init__(self, width, **extra):
        super().__init__()
        if "scale" not in extra:
            extra["scale"] = 1.0
        self.fc = nn.Linear(width, width)
        self.scale = extra.pop("scale", 1.0)

    def forward(self, x):
        return self.fc(x) * self.scale
