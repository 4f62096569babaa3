"""Module containers as annotations (torchvision's SSDScoringHead(module_list: nn.ModuleList, ...)):
a ModuleList converts to a list of modules and a ModuleDict to a dict, so the annotations are
typing.Sequence and typing.Mapping; the values keep torch's state_dict keys (blocks.0.weight)."""
import typing
import jax
import flax.linen as nn
import switcheroo_runtime

SWITCHEROO_EXAMPLES = {
    "Scoring": {"input_shape": [2, 4, 6, 6]},
}


class Columns(nn.Module):
    blocks: typing.Sequence
    heads: typing.Mapping
    columns: int

    def __call__(self, x: jax.Array) -> jax.Array:
        for block in self.blocks:
            x = block(x)
        return x * self.columns


class Scoring(nn.Module):
    def setup(self):
        self.body = Columns(
            [
                switcheroo_runtime.ChannelsFirst(
                    nn.Conv(
                        features=6,
                        kernel_size=(3, 3),
                        padding=1,
                        kernel_init=switcheroo_runtime.torch_kernel_init,
                        bias_init=switcheroo_runtime.torch_bias_init(4, (3, 3)),
                    )
                ),
                nn.relu,
            ],
            {},
            3,
        )

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.body(x)
