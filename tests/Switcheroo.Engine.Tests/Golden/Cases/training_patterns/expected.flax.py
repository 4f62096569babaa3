import functools
import jax
import jax.numpy as jnp
import flax.linen as nn
import optax
import switcheroo_runtime
from torch import optim


class G(nn.Module):
    def setup(self):
        self.fc = nn.Dense(
            features=8,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(8),
        )

    def __call__(self, z):
        return self.fc(z)


def gan(loader, d):
    g = G()
    opt_g = optax.adam(learning_rate=2e-4)
    opt_d = optax.adam(learning_rate=2e-4)
    for real in loader:
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (the loop steps...
        opt_d.zero_grad()
        # switcheroo: SWR3005 .mean(...) may be torch.Tensor.mean, but 'd(real)' is not known to be a...
        # switcheroo: SWR3005 .mean(...) may be torch.Tensor.mean, but 'd(g(real))' is not known to be a...
        loss_d = d(real).mean() - d(g(real)).mean()
        # switcheroo: SWR3011 backward() not converted: the loop steps several optimizers or steps twice...
        loss_d.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: the loop steps several optimizers or steps...
        opt_d.step()
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (the loop steps...
        opt_g.zero_grad()
        # switcheroo: SWR3005 .mean(...) may be torch.Tensor.mean, but 'd(g(real))' is not known to be a...
        loss_g = -d(g(real)).mean()
        # switcheroo: SWR3011 backward() not converted: the loop steps several optimizers or steps twice...
        loss_g.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: the loop steps several optimizers or steps...
        opt_g.step()


def accumulate(loader):
    model = G()
    opt = optax.MultiSteps(optax.sgd(learning_rate=0.1), every_k_schedule=4, use_grad_mean=False)
    key = jax.random.PRNGKey(0)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(model, params, opt_state, x, y):
        def loss_fn(params):
            loss = jnp.mean(((model.apply({"params": params}, x) - y) ** 2)) / 4
            return loss
        loss, grads = jax.value_and_grad(loss_fn)(params)
        updates, opt_state = opt.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for i, (x, y) in enumerate(loader):
        if params is None:
            key, params_key = jax.random.split(key)
            params = model.init(params_key, x)["params"]
            opt_state = opt.init(params)
        params, opt_state, loss = train_step(model, params, opt_state, x, y)


def amp(loader, scaler):
    model = G()
    opt = optax.sgd(learning_rate=0.1)
    for x in loader:
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (a backward()...
        opt.zero_grad()
        loss = jnp.sum(model(x))
        # switcheroo: SWR3011 backward() not converted: no optimizer.step() of a torch.optim optimizer...
        scaler.scale(loss).backward()
        scaler.step(opt)
        scaler.update()


def lbfgs(x):
    model = G()
    # switcheroo: SWR3002 torch.optim.LBFGS is not converted: this optimizer has no Optax mapping...
    opt = optim.LBFGS(model.parameters())
    for _ in range(10):
        def closure():
            # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (a backward()...
            opt.zero_grad()
            loss = jnp.sum(model(x))
            # switcheroo: SWR3011 backward() not converted: no optimizer.step() of a torch.optim optimizer...
            loss.backward()
            return loss
        # switcheroo: SWR3011 optimizer.step() not converted: step(closure) re-evaluates the loss...
        opt.step(closure)


def no_zero_grad(loader):
    model = G()
    opt = optax.sgd(learning_rate=0.1)
    for x in loader:
        loss = jnp.sum(model(x))
        # switcheroo: SWR3011 backward() not converted: the loop never calls zero_grad(), so torch...
        loss.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: the loop never calls zero_grad(), so torch...
        opt.step()


def touched_gradients(loader):
    model = G()
    opt = optax.sgd(learning_rate=0.1)
    for x in loader:
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (statements...
        opt.zero_grad()
        loss = jnp.sum(model(x))
        # switcheroo: SWR3011 backward() not converted: statements between backward() and step() read or...
        loss.backward()
        # switcheroo: SWR3001 torch.nn.Linear.weight has no mapping: a Flax layer holds no weights (they...
        print(model.fc.weight.grad)
        # switcheroo: SWR3011 optimizer.step() not converted: statements between backward() and step()...
        opt.step()


def once(model, x):
    opt = optax.sgd(learning_rate=0.1)
    # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (a backward()...
    opt.zero_grad()
    # switcheroo: SWR3011 backward() not converted: no optimizer.step() of a torch.optim optimizer...
    # switcheroo: SWR3005 .sum(...) may be torch.Tensor.sum, but 'model(x)' is not known to be a...
    model(x).sum().backward()
