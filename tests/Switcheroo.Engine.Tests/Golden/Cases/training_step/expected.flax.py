import functools
import jax
import jax.numpy as jnp
import flax.linen as nn
import optax
import switcheroo_runtime


class Net(nn.Module):
    classes: int = 10
    train: bool = True

    def setup(self):
        classes = self.classes
        self.conv = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=8,
                kernel_size=(3, 3),
                padding=1,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(1, (3, 3)),
            )
        )
        self.bn = switcheroo_runtime.BatchNorm(use_running_average=not self.train)
        self.drop = nn.Dropout(rate=0.5, deterministic=not self.train)
        self.fc = nn.Dense(
            features=classes,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(8),
        )

    def __call__(self, x):
        x = jax.nn.relu(self.bn(self.conv(x)))
        x = switcheroo_runtime.flatten(switcheroo_runtime.adaptive_avg_pool(x, 1), 1)
        return self.fc(self.drop(x))


def train(loader, epochs=3):
    key = jax.random.PRNGKey(0)
    model = Net()
    optimizer = optax.chain(
        optax.clip_by_global_norm(1.0), optax.sgd(learning_rate=0.1, momentum=0.9)
    )
    criterion = functools.partial(switcheroo_runtime.cross_entropy, label_smoothing=0.1)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(model, params, batch_stats, opt_state, dropout_key, images, labels):
        def loss_fn(params):
            # forward pass
            outputs, mutated = model.apply(
                {"params": params, "batch_stats": batch_stats},
                images,
                mutable=["batch_stats"],
                rngs={"dropout": dropout_key},
            )
            loss = criterion(outputs, labels)
            return loss, (mutated["batch_stats"], outputs)
        (loss, (batch_stats, outputs)), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
        updates, opt_state = optimizer.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, batch_stats, opt_state, loss, outputs

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for epoch in range(epochs):
        model = model.clone(train=True)
        running, correct = 0.0, 0
        for images, labels in loader:
            # gradients
            if params is None:
                key, params_key, dropout_key = jax.random.split(key, 3)
                variables = model.init({"params": params_key, "dropout": dropout_key}, images)
                params, batch_stats = variables["params"], variables["batch_stats"]
                opt_state = optimizer.init(params)
            key, dropout_key = jax.random.split(key)
            params, batch_stats, opt_state, loss, outputs = train_step(
                model, params, batch_stats, opt_state, dropout_key, images, labels
            )
            running += loss.item()
            correct += jnp.sum((jnp.argmax(outputs, axis=1) == labels)).item()
        print(epoch, running, correct)
    model = model.clone(train=False)
    for images, labels in loader:
        outputs = model.apply({"params": params, "batch_stats": batch_stats}, images)
    switcheroo_runtime.KeyMapper.save("net.pt", {"params": params, "batch_stats": batch_stats})
    # switcheroo: SWR3013 'model' is a Flax module without its weights here: the trained variables...
    return model


class MLP(nn.Module):
    def setup(self):
        self.fc1 = nn.Dense(
            features=128,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(784),
        )
        self.fc2 = nn.Dense(
            features=10,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(128),
        )

    def __call__(self, x):
        return self.fc2(jax.nn.relu(self.fc1(x)))


def fit(batches, steps):
    """No seed, no BatchNorm or Dropout, zero_grad after step, the loss as one expression."""
    net = MLP()
    opt = optax.adamw(learning_rate=1e-3, weight_decay=0.01)
    i = 0
    key = jax.random.PRNGKey(0)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(net, params, opt_state, x, y):
        def loss_fn(params):
            # the loss, with its logits kept for accuracy
            logits = net.apply({"params": params}, x,)
            loss = switcheroo_runtime.cross_entropy(logits, y, reduction="mean")
            return loss, (logits,)
        (loss, (logits,)), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
        updates, opt_state = opt.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, opt_state, loss, logits

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    while i < steps:
        for x, y in batches:
            # switcheroo: SWR3005 .size(...) may be torch.Tensor.size, but 'x' is not known to be a tensor...
            x = jnp.reshape(x, (x.size(0), -1))
            if params is None:
                key, params_key = jax.random.split(key)
                params = net.init(params_key, x,)["params"]
                opt_state = opt.init(params)
            params, opt_state, loss, logits = train_step(net, params, opt_state, x, y)
            acc = jnp.mean((jnp.argmax(logits, axis=-1) == y))
            i += 1
    return loss.item(), acc


def fine_tune(model: Net, batches):
    """A model of the file given as an argument; the loss computed from a nested call."""
    key = jax.random.PRNGKey(1)
    sgd = optax.sgd(learning_rate=0.01)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(model, params, batch_stats, opt_state, dropout_key, x, y):
        def loss_fn(params):
            output, mutated = model.apply(
                {"params": params, "batch_stats": batch_stats},
                x,
                mutable=["batch_stats"],
                rngs={"dropout": dropout_key},
            )
            loss = switcheroo_runtime.nll_loss(jax.nn.log_softmax(output, axis=1), y)
            return loss, (mutated["batch_stats"],)
        (loss, (batch_stats,)), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
        updates, opt_state = sgd.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, batch_stats, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    # switcheroo: SWR3013 'model' comes from outside: torch trains it in place, but here the trained...
    for x, y in batches:
        if params is None:
            key, params_key, dropout_key = jax.random.split(key, 3)
            variables = model.init({"params": params_key, "dropout": dropout_key}, x)
            params, batch_stats = variables["params"], variables.get("batch_stats", {})
            opt_state = sgd.init(params)
        key, dropout_key = jax.random.split(key)
        params, batch_stats, opt_state, loss = train_step(
            model, params, batch_stats, opt_state, dropout_key, x, y
        )
