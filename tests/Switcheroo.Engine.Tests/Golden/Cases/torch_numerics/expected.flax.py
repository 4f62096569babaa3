import jax
import flax.linen as nn
import switcheroo_runtime


class Head(nn.Module):
    def setup(self):
        self.fc = nn.Dense(
            features=4,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(8),
        )
        self.probs = switcheroo_runtime.softmax_implicit
        self.log_probs = lambda x: nn.log_softmax(x, axis=1)
        self.norm = nn.LayerNorm(epsilon=1e-5, use_fast_variance=False)
        self.groups = switcheroo_runtime.ChannelsFirst(
            nn.GroupNorm(num_groups=2, epsilon=1e-5, use_fast_variance=False)
        )

    def __call__(self, x):
        # without dim torch takes dim 1 of a 2-D input, not the last axis
        x = self.norm(x)
        return self.probs(self.fc(x)), self.log_probs(x), switcheroo_runtime.softmax_implicit(
            x
        ), jax.nn.log_softmax(x, axis=-1), self.groups(x[:, :, None])


def make_optimizer(model):
    return switcheroo_runtime.torch_adagrad(
        learning_rate=0.1, lr_decay=1e-3, weight_decay=1e-4, eps=1e-8
    )
