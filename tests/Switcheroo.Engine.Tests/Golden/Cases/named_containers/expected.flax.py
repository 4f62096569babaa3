"""Containers that name their layers: the names are the state_dict keys, so they stay the layers' names."""
from collections import OrderedDict

import jax.numpy as jnp
import flax.linen as linen
import switcheroo_runtime
from torch import nn

SWITCHEROO_EXAMPLES = {
    "Tower": {"args": [6], "input_shape": [2, 6, 5, 5]},
    "Mixer": {"args": [3, 4], "input_shape": [2, 4]},
    "Branches": {"args": [4], "input_shape": [3, 4]},
    "Trunk": {"args": [4, 2], "input_shape": [2, 4]},
    "Pyramid": {"args": [4, 3], "input_shape": [2, 4]},
}


class Tower(linen.Module):
    """An OrderedDict filled in the constructor, one layer under a condition."""

    channels: int
    gated: bool = True

    def setup(self):
        channels = self.channels
        gated = self.gated
        parts: "OrderedDict[str, nn.Module]" = OrderedDict()
        parts["squeeze"] = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=channels // 2,
                kernel_size=(1, 1),
                padding='VALID',
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(channels, (1, 1)),
            )
        )
        parts["act"] = linen.relu
        if gated:
            parts["gate"] = linen.sigmoid
        parts["widen"] = switcheroo_runtime.ChannelsFirst(
            linen.Conv(
                features=channels,
                kernel_size=(1, 1),
                padding='VALID',
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(channels // 2, (1, 1)),
            )
        )
        self.layer_names = switcheroo_runtime.add_layers(self, parts)

    def __call__(self, x):
        for name in self.layer_names:
            x = getattr(self, name)(x)
        return x


class Mixer(linen.Module):
    """Layers added in a loop under computed names; forward walks them in order."""

    depth: int
    width: int

    def setup(self):
        depth = self.depth
        width = self.width
        self.layer_names = ()
        for k in range(depth):
            self.layer_names = switcheroo_runtime.add_layer(
                self,
                self.layer_names,
                "mix%d" % (k + 1),
                linen.Dense(
                    features=width,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(width * (k + 1)),
                ),
            )

    def __call__(self, x):
        seen = [x]
        for _, mix in switcheroo_runtime.layer_items(self, self.layer_names):
            seen.append(jnp.tanh(mix(jnp.concatenate(seen, axis=1))))
        return jnp.concatenate(seen, axis=1)


class Branches(linen.Module):
    """Layers set by key; read by key, by value and counted."""

    width: int

    def setup(self):
        width = self.width
        self.layer_names = ()
        self.layer_names = switcheroo_runtime.add_layer(
            self,
            self.layer_names,
            "left",
            linen.Dense(
                features=2,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width),
            ),
        )
        self.layer_names = switcheroo_runtime.add_layer(
            self,
            self.layer_names,
            "right",
            linen.Dense(
                features=2,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width),
            ),
        )

    def __call__(self, x):
        total = sum(branch(x) for branch in switcheroo_runtime.layer_values(self, self.layer_names))
        assert len(self.layer_names) == 2 and list(self.layer_names) == ["left", "right"]
        return total + getattr(self, "left")(x)


class Trunk(linen.Module):
    """Sequentials built from OrderedDicts as values."""

    width: int
    blocks: int

    def setup(self):
        width = self.width
        blocks = self.blocks
        self.stem = switcheroo_runtime.named_sequential(
            OrderedDict(
                [
                    (
                        "proj",
                        linen.Dense(
                            features=width,
                            kernel_init=switcheroo_runtime.torch_kernel_init,
                            bias_init=switcheroo_runtime.torch_bias_init(width),
                        ),
                    ),
                    ("act", lambda x: linen.gelu(x, approximate=False)),
                ]
            )
        )
        stages = OrderedDict()
        for b in range(blocks):
            stages[f"stage{b}"] = linen.Dense(
                features=width,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width),
            )
        self.stages = switcheroo_runtime.named_sequential(stages)

    def __call__(self, x):
        return self.stages(self.stem(x))


class Pyramid(linen.Module):
    """A plain module adding layers under computed names, read back by name."""

    width: int
    levels: int

    def setup(self):
        width = self.width
        levels = self.levels
        for i in range(levels):
            setattr(
                self,
                f"level{i}",
                linen.Dense(
                    features=width,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(width),
                ),
            )

    def __call__(self, x):
        for i in range(self.levels):
            x = getattr(self, f"level{i}")(x)
        return x


# switcheroo: SWR3006 class Wrapped is not converted to a Flax module: its layers come from a...
class Wrapped(nn.ModuleDict):
    """Reported: its layers are another module's children."""

    def __init__(self, backbone: nn.Module):
        super().__init__()
        for name, child in backbone.named_children():
            self.add_module(name, child)


# switcheroo: SWR3006 class ByPosition is not converted to a Flax module: 'self[1]' at line 104...
class ByPosition(nn.Sequential):
    """Reported: named layers read by position."""

    def __init__(self, width: int):
        super().__init__(OrderedDict(first=nn.Linear(width, width), second=nn.ReLU()))

    def forward(self, x):
        return self[1](self[0](x))


# switcheroo: SWR3006 class Later is not converted to a Flax module: it adds layers with...
class Later(nn.ModuleDict):
    """Reported: a layer added outside the constructor."""

    def __init__(self, width: int):
        super().__init__()
        self.width = width

    def grow(self, name: str):
        self.add_module(name, nn.Linear(self.width, self.width))


class Extended(linen.Module):
    """Sequentials extended in the constructor: gathered first, then built once; a layer added after a read is reported."""

    width: int
    tail: OrderedDict

    def setup(self):
        width = self.width
        tail = self.tail
        body_layers = OrderedDict(
            fc=linen.Dense(
                features=width,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width),
            )
        )
        for k in range(2):
            body_layers[f"extra{k}"] = linen.Dense(
                features=width,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width),
            )
        body_layers["out"] = linen.Dense(
            features=1,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )
        self.body = switcheroo_runtime.named_sequential(body_layers)
        neck_layers = {}
        neck_layers["norm"] = linen.LayerNorm(epsilon=1e-5, use_fast_variance=False)
        self.neck = switcheroo_runtime.named_sequential(neck_layers)
        assert len(self.neck) == 1
        # switcheroo: SWR3002 torch.nn.Module.add_module is not converted: Flax names submodules by the...
        self.neck.add_module("act", linen.relu)
        # switcheroo: SWR3003 nn.Sequential(tail) with one argument not known to be a layer or an...
        self.extra = nn.Sequential(tail)

    def __call__(self, x):
        return self.extra(self.body(self.neck(x)))
