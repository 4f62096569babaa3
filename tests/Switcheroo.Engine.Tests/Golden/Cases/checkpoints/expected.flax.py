import functools
import jax
import jax.numpy as jnp
import flax.linen as nn
import optax
import switcheroo_runtime
import torch


class Net(nn.Module):
    train: bool = True

    def setup(self):
        self.fc = nn.Dense(
            features=2,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(4),
        )
        self.bn = switcheroo_runtime.BatchNorm(use_running_average=not self.train)

    def __call__(self, x):
        return self.bn(self.fc(x))


def predict(path, x):
    model = Net()
    checkpoint = switcheroo_runtime.load_checkpoint(path)
    model = model.clone(train=False)
    variables = switcheroo_runtime.KeyMapper.from_torch(
        checkpoint, jax.eval_shape(model.init, jax.random.PRNGKey(0), x)
    )
    return jnp.argmax(model.apply(variables, x), axis=1)


def score(path, loader):
    model = Net()
    checkpoint = switcheroo_runtime.load_checkpoint(path)
    variables = None  # built at the model's first call: Flax declares the variables from an input
    model = model.clone(train=False)
    total = 0
    for x, y in loader:
        if variables is None:
            variables = switcheroo_runtime.KeyMapper.from_torch(
                checkpoint, jax.eval_shape(model.init, jax.random.PRNGKey(0), x)
            )
        total += jnp.sum(jnp.abs((model.apply(variables, x) - y)))
    return total


def fine_tune(path, loader):
    key = jax.random.PRNGKey(0)
    model = Net()
    checkpoint = switcheroo_runtime.load_checkpoint(path)
    opt = optax.adam(learning_rate=0.001)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(model, params, batch_stats, opt_state, x, y):
        def loss_fn(params):
            output, mutated = model.apply(
                {"params": params, "batch_stats": batch_stats}, x, mutable=["batch_stats"]
            )
            loss = jnp.mean(((output - y) ** 2))
            return loss, (mutated["batch_stats"],)
        (loss, (batch_stats,)), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
        updates, opt_state = opt.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, batch_stats, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for x, y in loader:
        if params is None:
            key, params_key = jax.random.split(key)
            variables = switcheroo_runtime.KeyMapper.from_torch(
                checkpoint, jax.eval_shape(model.init, params_key, x)
            )
            params, batch_stats = variables["params"], variables["batch_stats"]
            opt_state = opt.init(params)
        params, batch_stats, opt_state, loss = train_step(
            model, params, batch_stats, opt_state, x, y
        )
    return loss


def loaded(path):
    model = Net()
    model = switcheroo_runtime.with_state_dict(
        model, switcheroo_runtime.load_checkpoint(path), strict=False
    )
    return model


def after_training(loader, path):
    key = jax.random.PRNGKey(0)
    model = Net()
    opt = optax.sgd(learning_rate=0.1)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(model, params, batch_stats, opt_state, x, y):
        def loss_fn(params):
            output, mutated = model.apply(
                {"params": params, "batch_stats": batch_stats}, x, mutable=["batch_stats"]
            )
            loss = jnp.mean(((output - y) ** 2))
            return loss, (mutated["batch_stats"],)
        (loss, (batch_stats,)), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
        updates, opt_state = opt.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, batch_stats, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for x, y in loader:
        if params is None:
            key, params_key = jax.random.split(key)
            variables = model.init(params_key, x)
            params, batch_stats = variables["params"], variables["batch_stats"]
            opt_state = opt.init(params)
        params, batch_stats, opt_state, loss = train_step(
            model, params, batch_stats, opt_state, x, y
        )
    loaded2 = switcheroo_runtime.KeyMapper.from_torch(
        switcheroo_runtime.load_checkpoint(path), {"params": params, "batch_stats": batch_stats}
    )
    params, batch_stats = loaded2["params"], loaded2["batch_stats"]
    # switcheroo: SWR3002 torch.save is not converted: only torch.save(model.state_dict(), path)...
    # switcheroo: SWR3013 'model' is a Flax module without its weights here: the trained variables...
    torch.save(model, path)
    switcheroo_runtime.KeyMapper.save(path, {"params": params, "batch_stats": batch_stats})


def partial(path, x):
    model = Net()
    checkpoint = switcheroo_runtime.load_checkpoint(path)
    model = model.clone(train=False)
    variables = switcheroo_runtime.KeyMapper.from_torch(
        checkpoint, model.init(jax.random.PRNGKey(0), x), strict=False
    )
    return model.apply(variables, x)


def partial_fine_tune(path, loader):
    key = jax.random.PRNGKey(0)
    model = Net()
    checkpoint = switcheroo_runtime.load_checkpoint(path)
    opt = optax.sgd(learning_rate=0.1)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(model, params, batch_stats, opt_state, x, y):
        def loss_fn(params):
            output, mutated = model.apply(
                {"params": params, "batch_stats": batch_stats}, x, mutable=["batch_stats"]
            )
            loss = jnp.mean(((output - y) ** 2))
            return loss, (mutated["batch_stats"],)
        (loss, (batch_stats,)), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
        updates, opt_state = opt.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, batch_stats, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for x, y in loader:
        if params is None:
            key, params_key = jax.random.split(key)
            variables = switcheroo_runtime.KeyMapper.from_torch(
                checkpoint, model.init(params_key, x), strict=False
            )
            params, batch_stats = variables["params"], variables["batch_stats"]
            opt_state = opt.init(params)
        params, batch_stats, opt_state, loss = train_step(
            model, params, batch_stats, opt_state, x, y
        )
    return loss
