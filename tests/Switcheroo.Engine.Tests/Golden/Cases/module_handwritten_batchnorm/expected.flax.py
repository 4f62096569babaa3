import jax.numpy as jnp
import flax.linen as nn


class MyBatchNorm(nn.Module):
    features: int
    momentum: float = 0.1
    eps: float = 1e-5
    train: bool = True

    def setup(self):
        features = self.features
        self.weight = self.param("weight", lambda key: jnp.ones(features))
        self.bias = self.param("bias", lambda key: jnp.zeros(features))
        self.running_mean = self.variable(
            "batch_stats", "running_mean", lambda: jnp.zeros(features)
        )
        self.running_var = self.variable("batch_stats", "running_var", lambda: jnp.ones(features))

    def __call__(self, x):
        if self.train:
            mean = jnp.mean(x, axis=0)
            var = jnp.var(x, axis=0, ddof=0)
            # switcheroo: SWR3005 .add_(...) may be torch.Tensor.add_, but 'self.running_mean.mul_(1 -...
            # switcheroo: SWR3003 .mul_(...) changes its receiver in place; only a statement of its own or a...
            self.running_mean.value.mul_(1 - self.momentum).add_(self.momentum * mean)
            if not self.is_initializing():
                self.running_var.value = (
                    1 - self.momentum
                ) * self.running_var.value + self.momentum * var
        else:
            mean = self.running_mean.value
            var = self.running_var.value
        return (x - mean) / jnp.sqrt(var + self.eps) * self.weight + self.bias
