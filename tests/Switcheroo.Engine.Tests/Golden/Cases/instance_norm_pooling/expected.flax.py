import jax.numpy as jnp
import flax.linen as linen
import switcheroo_runtime
import torch.nn as nn
import torch.nn.functional as F


class Volume(linen.Module):
    channels: int

    def setup(self):
        self.norm = linen.InstanceNorm(
            epsilon=1e-05, use_bias=True, use_scale=True, feature_axes=1, use_fast_variance=False
        )
        self.pool = lambda x: jnp.moveaxis(
            linen.max_pool(
                jnp.moveaxis(switcheroo_runtime.ceil_mode_input(x, 2, 2, 0, True), 1, -1),
                (2, 2, 2),
                strides=(2, 2, 2),
            ),
            -1,
            1,
        )
        self.line = lambda x: jnp.moveaxis(
            linen.max_pool(
                jnp.moveaxis(switcheroo_runtime.ceil_mode_input(x, 3, 2, 0, True), 1, -1),
                (3,),
                strides=(2,),
            ),
            -1,
            1,
        )
        self.plain = lambda x: jnp.moveaxis(
            linen.max_pool(jnp.moveaxis(x, 1, -1), (2,), strides=(2,)), -1, 1
        )
        # switcheroo: SWR3003 torch.nn.AvgPool2d(...) not converted: the value of 'ceil_mode' (True) has...
        self.average = nn.AvgPool2d(3, stride=2, ceil_mode=True)

    def __call__(self, x, w, b, mean, var):
        y = self.pool(self.norm(x))
        z = switcheroo_runtime.instance_norm(y, weight=w, bias=b, eps=1e-3)
        s = self.line(self.plain(switcheroo_runtime.instance_norm(jnp.mean(z, axis=-1))))
        # switcheroo: SWR3003 torch.nn.functional.instance_norm(...) not converted: the value of...
        return s, F.instance_norm(y, mean, var), self.average(jnp.mean(y, axis=-1))
