import jax
import flax.linen as nn
import switcheroo_runtime
import torch


class Gate(nn.Module):
    """Decorators that only instruct TorchScript go; the methods stay."""

    width: int

    def setup(self):
        width = self.width
        self.proj = nn.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def explain(self, x):
        # switcheroo: SWR3005 .mean(...) may be torch.Tensor.mean, but 'x' is not known to be a tensor...
        return {"mean": x.mean(), "width": x.shape[-1]}

    # switcheroo: SWR3003 torch.jit.ignore converts only as a decorator written without a call (it...
    @torch.jit.ignore(drop=True)
    def debug(self, x):
        return x

    def __len__(self):
        return 1

    def widths(self):
        return ["proj"]

    def __call__(self, x):
        if False:
            return self.proj(x)
        return jax.nn.sigmoid(self.proj(x)) * x


def describe(gate):
    return repr(gate)
