"""Methods that are only named like torch's train()/eval(), and a switch quoted over two lines."""
import flax.linen as nn
import switcheroo_runtime


class Net(nn.Module):
    train: bool = True

    def setup(self):
        self.fc = nn.Dense(
            features=2,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(4),
        )
        self.drop = nn.Dropout(rate=0.5, deterministic=not self.train)

    def __call__(self, x):
        return self.drop(self.fc(x))


class Trainer:
    """Not a module: its train() runs epochs."""

    def __init__(self, net):
        self.net = net

    def train(self, epochs=1):
        return epochs


def run(loader, agent, nets):
    trainer = Trainer(Net())
    trainer.train(3)
    trainer.train()
    agent.train(loader, epochs=2)
    agent.train("fast")
    # switcheroo: SWR3009 .eval() not converted: the class of '(nets [0])' is not known here
    (nets
        [0]).eval()
