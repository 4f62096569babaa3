import optax
import switcheroo_runtime
from torch import optim


def make_optimizers(model, betas):
    adam = optax.adam(learning_rate=3e-4, b1=0.9, b2=0.98, eps=1e-9)
    l2 = optax.chain(optax.add_decayed_weights(1e-4), optax.adam(learning_rate=1e-3))
    decoupled = optax.adamw(learning_rate=1e-3, b1=betas[0], b2=betas[1], weight_decay=0.01)
    sgd = optax.chain(
        optax.add_decayed_weights(5e-4), optax.sgd(learning_rate=0.1, momentum=0.9, nesterov=True)
    )
    rms = switcheroo_runtime.torch_rmsprop(learning_rate=1e-3, momentum=0.9)
    ada = switcheroo_runtime.torch_adagrad(learning_rate=0.01)
    delta = optax.adadelta(learning_rate=1.0, weight_decay=1e-4)
    # switcheroo: SWR3003 torch.optim.SGD with parameter groups is not converted: use...
    groups = optim.SGD([{"params": model.head.parameters(), "lr": 1e-2}], lr=1e-3)
    # switcheroo: SWR3003 torch.optim.SGD(...) not converted: the value of 'dampening' (0.5) has no...
    odd = optim.SGD(model.parameters(), lr=0.1, dampening=0.5)
    # switcheroo: SWR3002 torch.optim.LBFGS is not converted: this optimizer has no Optax mapping...
    lbfgs = optim.LBFGS(model.parameters())
    return adam, l2, decoupled, sgd, rms, ada, delta, groups, odd, lbfgs


def train_once(model, env):
    opt = optax.sgd(learning_rate=0.1)
    # switcheroo: SWR3011 optimizer.step() not converted: optimizer.step() is not inside a loop; the...
    opt.step()
    env.step()
