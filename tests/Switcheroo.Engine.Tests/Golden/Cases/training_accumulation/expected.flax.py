import functools
import typing
import jax
import jax.numpy as jnp
import flax.linen as nn
import optax
import switcheroo_runtime


class Regressor(nn.Module):
    width: typing.Any

    def setup(self):
        width = self.width
        self.hidden = nn.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(6),
        )
        self.out = nn.Dense(
            features=1,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def __call__(self, x):
        return self.out(jnp.tanh(self.hidden(x)))


def fit(batches, accumulate=4):
    key = jax.random.PRNGKey(3)
    net = Regressor(12)
    # the window: four batches per update
    sgd = optax.MultiSteps(
        optax.sgd(learning_rate=0.05, momentum=0.9),
        every_k_schedule=accumulate,
        use_grad_mean=False,
    )
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(net, params, opt_state, features, target):
        def loss_fn(params):
            prediction = net.apply({"params": params}, features)
            loss = switcheroo_runtime.mse_loss(prediction, target) / accumulate
            return loss
        loss, grads = jax.value_and_grad(loss_fn)(params)
        updates, opt_state = sgd.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for step, (features, target) in enumerate(batches):
        if params is None:
            key, params_key = jax.random.split(key)
            params = net.init(params_key, features)["params"]
            opt_state = sgd.init(params)
        params, opt_state, loss = train_step(net, params, opt_state, features, target)
    return float(loss)


def fit_epochs(batches, epochs):
    key = jax.random.PRNGKey(5)
    net = Regressor(8)
    adam = optax.MultiSteps(optax.adam(learning_rate=1e-3), every_k_schedule=2, use_grad_mean=False)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(net, params, opt_state, features, target):
        def loss_fn(params):
            loss = switcheroo_runtime.l1_loss(net.apply({"params": params}, features), target) / 2
            return loss
        loss, grads = jax.value_and_grad(loss_fn)(params)
        updates, opt_state = adam.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for epoch in range(epochs):
        # switcheroo: SWR3019 gradient accumulation converted with optax.MultiSteps, which counts batches...
        for n, (features, target) in enumerate(batches):
            if params is None:
                key, params_key = jax.random.split(key)
                params = net.init(params_key, features)["params"]
                opt_state = adam.init(params)
            params, opt_state, loss = train_step(net, params, opt_state, features, target)


def from_one(batches):
    net = Regressor(8)
    sgd = optax.sgd(learning_rate=0.1)
    for n, (features, target) in enumerate(batches, 1):
        loss = switcheroo_runtime.mse_loss(net(features), target) / 3
        # switcheroo: SWR3011 backward() not converted: a conditional step() converts as gradient...
        loss.backward()
        if (n + 1) % 3 == 0:
            # switcheroo: SWR3011 optimizer.step() not converted: a conditional step() converts as gradient...
            sgd.step()
            # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (a conditional...
            sgd.zero_grad()


def counted_from_one(batches):
    # enumerate from 1 with 'n % 3 == 0' steps on the same batches as (n + 1) % 3 from 0.
    net = Regressor(8)
    sgd = optax.MultiSteps(optax.sgd(learning_rate=0.1), every_k_schedule=3, use_grad_mean=False)
    key = jax.random.PRNGKey(0)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(net, params, opt_state, features, target):
        def loss_fn(params):
            loss = switcheroo_runtime.mse_loss(net.apply({"params": params}, features), target) / 3
            return loss
        loss, grads = jax.value_and_grad(loss_fn)(params)
        updates, opt_state = sgd.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for n, (features, target) in enumerate(batches, start=1):
        if params is None:
            key, params_key = jax.random.split(key)
            params = net.init(params_key, features)["params"]
            opt_state = sgd.init(params)
        params, opt_state, loss = train_step(net, params, opt_state, features, target)


def every_late(batches):
    net = Regressor(8)
    sgd = optax.sgd(learning_rate=0.1)
    k = max(1, len(batches) // 8)
    for n, (features, target) in enumerate(batches):
        loss = switcheroo_runtime.mse_loss(net(features), target) / k
        # switcheroo: SWR3011 backward() not converted: the number of accumulated batches 'k' is not...
        loss.backward()
        if (n + 1) % k == 0:
            # switcheroo: SWR3011 optimizer.step() not converted: the number of accumulated batches 'k' is...
            sgd.step()
            # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (the number of...
            sgd.zero_grad()
