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
    key = jax.random.PRNGKey(0)
    @functools.partial(jax.jit, static_argnums=(0, 1))
    def gan_step(
        d, g, d_params, d_state, g_params, g_state, opt_d_state, opt_g_state, dropout_key, real
    ):
        def loss_d_fn(d_params):
            d_apply = switcheroo_runtime.ThreadedModel(
                d, d_params, d_state, rngs={"dropout": jax.random.fold_in(dropout_key, 0)}
            )
            g_apply = switcheroo_runtime.ThreadedModel(g, g_params, g_state)
            # switcheroo: SWR3005 .mean(...) may be torch.Tensor.mean, but 'd(real)' is not known to be a...
            # switcheroo: SWR3005 .mean(...) may be torch.Tensor.mean, but 'd(g(real))' is not known to be a...
            loss_d = d_apply(real).mean() - d_apply(g_apply(real)).mean()
            return loss_d, (d_apply.state, g_apply.state)
        (loss_d, (d_state, g_state)), grads = jax.value_and_grad(loss_d_fn, has_aux=True)(d_params)
        updates, opt_d_state = opt_d.update(grads, opt_d_state, d_params)
        d_params = optax.apply_updates(d_params, updates)
        def loss_g_fn(g_params):
            d_apply = switcheroo_runtime.ThreadedModel(
                d, d_params, d_state, rngs={"dropout": jax.random.fold_in(dropout_key, 1)}
            )
            g_apply = switcheroo_runtime.ThreadedModel(g, g_params, g_state)
            # switcheroo: SWR3005 .mean(...) may be torch.Tensor.mean, but 'd(g(real))' is not known to be a...
            loss_g = -d_apply(g_apply(real)).mean()
            return loss_g, (d_apply.state, g_apply.state)
        (loss_g, (d_state, g_state)), grads = jax.value_and_grad(loss_g_fn, has_aux=True)(g_params)
        updates, opt_g_state = opt_g.update(grads, opt_g_state, g_params)
        g_params = optax.apply_updates(g_params, updates)
        return d_params, d_state, g_params, g_state, opt_d_state, opt_g_state, loss_d, loss_g

    d_params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    # switcheroo: SWR3013 'd' comes from outside: torch trains it in place, but here the trained...
    for real in loader:
        if d_params is None:
            key, d_key, d_dropout_key, g_key = jax.random.split(key, 4)
            d_params, d_state = switcheroo_runtime.params_and_state(
                d.init({"params": d_key, "dropout": d_dropout_key}, real)
            )
            g_params, g_state = switcheroo_runtime.params_and_state(g.init(g_key, real))
            opt_d_state = opt_d.init(d_params)
            opt_g_state = opt_g.init(g_params)
        key, dropout_key = jax.random.split(key)
        d_params, d_state, g_params, g_state, opt_d_state, opt_g_state, loss_d, loss_g = gan_step(
            d, g, d_params, d_state, g_params, g_state, opt_d_state, opt_g_state, dropout_key, real
        )


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
