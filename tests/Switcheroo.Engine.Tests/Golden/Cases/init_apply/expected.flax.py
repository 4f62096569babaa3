import flax.linen as nn
import switcheroo_runtime


class Encoder(nn.Module):
    width: int = 32

    def setup(self):
        width = self.width
        self.proj = nn.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_trunc_normal(0.02),
            bias_init=nn.initializers.zeros,
        )
        self.norm = nn.LayerNorm(
            epsilon=1e-5,
            reduction_axes=switcheroo_runtime.trailing_axes(width),
            feature_axes=switcheroo_runtime.trailing_axes(width),
            use_fast_variance=False,
        )
        self.head = nn.Dense(
            features=4,
            kernel_init=switcheroo_runtime.torch_trunc_normal(0.02),
            bias_init=nn.initializers.zeros,
        )

    def __call__(self, x):
        return self.head(self.norm(self.proj(x)))
