import functools
import jax
import jax.numpy as jnp
import flax.linen as nn
import optax
import switcheroo_runtime
from torch.optim import lr_scheduler


class Net(nn.Module):
    def setup(self):
        self.fc = nn.Dense(
            features=2,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(4),
        )

    def __call__(self, x):
        return self.fc(x)


def train(loader, epochs, lr=0.1):
    key = jax.random.PRNGKey(0)
    model = Net()
    optimizer = optax.inject_hyperparams(
        lambda learning_rate: optax.sgd(learning_rate=learning_rate, momentum=0.9)
    )(learning_rate=lr)
    scheduler = optax.exponential_decay(
        init_value=lr, transition_steps=30, decay_rate=0.1, staircase=True
    )
    scheduler_steps = 0
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(model, params, opt_state, x, y):
        def loss_fn(params):
            loss = jnp.mean(((model.apply({"params": params}, x) - y) ** 2))
            return loss
        loss, grads = jax.value_and_grad(loss_fn)(params)
        updates, opt_state = optimizer.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for epoch in range(epochs):
        for x, y in loader:
            if params is None:
                key, params_key = jax.random.split(key)
                params = model.init(params_key, x)["params"]
                opt_state = optimizer.init(params)
            params, opt_state, loss = train_step(model, params, opt_state, x, y)
        scheduler_steps += 1
        opt_state.hyperparams["learning_rate"] = scheduler(scheduler_steps)
        print(epoch, [scheduler(scheduler_steps)][0])


def multi(loader):
    model = Net()
    optimizer = optax.chain(
        optax.clip_by_global_norm(5.0),
        optax.inject_hyperparams(
            lambda learning_rate: optax.chain(
                optax.add_decayed_weights(1e-4), optax.adam(learning_rate=learning_rate)
            )
        )(learning_rate=0.001),
    )
    scheduler = optax.piecewise_constant_schedule(
        init_value=0.001, boundaries_and_scales={30: 0.5, 80: 0.5}
    )
    scheduler_steps = 0
    key = jax.random.PRNGKey(0)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(model, params, opt_state, x, y):
        def loss_fn(params):
            loss = jnp.mean(((model.apply({"params": params}, x) - y) ** 2))
            return loss
        loss, grads = jax.value_and_grad(loss_fn)(params)
        updates, opt_state = optimizer.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for epoch in range(100):
        for x, y in loader:
            if params is None:
                key, params_key = jax.random.split(key)
                params = model.init(params_key, x)["params"]
                opt_state = optimizer.init(params)
            params, opt_state, loss = train_step(model, params, opt_state, x, y)
            scheduler_steps += 1
            opt_state[1].hyperparams["learning_rate"] = scheduler(scheduler_steps)


def cosine(loader):
    model = Net()
    optimizer = optax.inject_hyperparams(
        lambda learning_rate: optax.adamw(learning_rate=learning_rate, weight_decay=0.01)
    )(learning_rate=1e-3)
    scheduler = optax.cosine_decay_schedule(init_value=1e-3, decay_steps=10, alpha=1e-5 / 1e-3)
    scheduler_steps = 0
    key = jax.random.PRNGKey(0)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(model, params, opt_state, x, y):
        def loss_fn(params):
            loss = jnp.mean(((model.apply({"params": params}, x) - y) ** 2))
            return loss
        loss, grads = jax.value_and_grad(loss_fn)(params)
        updates, opt_state = optimizer.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for epoch in range(10):
        for x, y in loader:
            if params is None:
                key, params_key = jax.random.split(key)
                params = model.init(params_key, x)["params"]
                opt_state = optimizer.init(params)
            params, opt_state, loss = train_step(model, params, opt_state, x, y)
        scheduler_steps += 1
        opt_state.hyperparams["learning_rate"] = scheduler(scheduler_steps)


def unconverted(loader, optimizer):
    # switcheroo: SWR3002 torch.optim.lr_scheduler.OneCycleLR is not converted: this scheduler has no...
    scheduler = lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=100)
    # switcheroo: SWR3002 torch.optim.lr_scheduler.LambdaLR is not converted: this scheduler has no...
    lam = lr_scheduler.LambdaLR(optimizer, lambda e: 0.95 ** e)
    # switcheroo: SWR3002 scheduler.step() is not converted: its scheduler is not converted; set...
    scheduler.step()
