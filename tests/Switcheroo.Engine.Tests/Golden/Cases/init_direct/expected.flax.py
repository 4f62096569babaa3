import jax
import flax.linen as nn
import switcheroo_runtime


class Regressor(nn.Module):
    """A small regressor whose layers are initialised one by one."""

    features: int = 8

    def setup(self):
        features = self.features
        self.hidden = nn.Dense(
            features=16,
            kernel_init=nn.initializers.variance_scaling(1.0 * 2 ** 2, "fan_avg", "uniform"),
            bias_init=switcheroo_runtime.torch_uniform(-0.1, 0.1),
        )
        self.norm = nn.LayerNorm(
            epsilon=1e-5, use_fast_variance=False, bias_init=nn.initializers.constant(0.5)
        )
        self.out = nn.Dense(
            features=1,
            kernel_init=nn.initializers.normal(stddev=0.01),
            bias_init=nn.initializers.zeros,
        )
        self.scale = nn.Dense(
            features=1,
            use_bias=False,
            kernel_init=switcheroo_runtime.torch_trunc_normal(0.02, a=-0.04, b=0.04),
            bias_init=switcheroo_runtime.torch_bias_init(16),
        )
        # the head starts small

    def __call__(self, x):
        h = jax.nn.relu(self.norm(self.hidden(x)))
        return self.out(h) + self.scale(h)
