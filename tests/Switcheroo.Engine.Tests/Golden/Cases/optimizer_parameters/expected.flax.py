"""What an optimizer is given decides what it updates: Optax updates all it is given, so only a whole model's parameters() converts."""
import flax.linen as nn
import optax
import switcheroo_runtime
import torch


class Net(nn.Module):
    def setup(self):
        self.body = nn.Dense(
            features=4,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(4),
        )
        self.head = nn.Dense(
            features=2,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(4),
        )

    def __call__(self, x):
        return self.head(self.body(x))


def optimizers():
    model = Net()
    whole = optax.sgd(learning_rate=0.1)
    listed = optax.sgd(learning_rate=0.1)
    # switcheroo: SWR3003 torch.optim.SGD(model.head.parameters(), ...) is not converted: its...
    head_only = torch.optim.SGD(model.head.parameters(), lr=0.1)
    # switcheroo: SWR3002 torch.nn.Module.parameters is not converted: a Flax module holds no...
    groups = [{"params": model.body.parameters()}, {"params": model.head.parameters(), "lr": 0.01}]
    # switcheroo: SWR3003 torch.optim.AdamW(groups, ...) is not converted: its parameters are not a...
    grouped = torch.optim.AdamW(groups, lr=1e-3)
    # switcheroo: SWR3003 torch.optim.Adam(filter(lambda p: p.requires_grad, model.parameters())...
    trainable = torch.optim.Adam(filter(lambda p: p.requires_grad, model.parameters()), lr=1e-3)
    return whole, listed, head_only, grouped, trainable
