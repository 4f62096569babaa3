"""Blocks given to a module as classes (block=Basic): the train flag reaches what they build."""
import functools
import typing
import jax
import flax.linen as nn
import optax
import switcheroo_runtime


class Basic(nn.Module):
    width: typing.Any
    stride: int = 1
    train: bool = True

    def setup(self):
        width = self.width
        stride = self.stride
        self.conv = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=width,
                kernel_size=(3, 3),
                strides=stride,
                padding=1,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width, (3, 3)),
            )
        )
        self.bn = switcheroo_runtime.BatchNorm(use_running_average=not self.train)

    def __call__(self, x):
        return jax.nn.relu(self.bn(self.conv(x)))


class Tower(nn.Module):
    """No layer of its own follows the train flag; the blocks it is given may."""

    block: typing.Any
    depth: typing.Any
    width: int = 16
    classes: int = 10
    train: bool = True

    def setup(self):
        block = self.block
        depth = self.depth
        width = self.width
        classes = self.classes
        self.stem = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=width,
                kernel_size=(3, 3),
                padding=1,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(3, (3, 3)),
            )
        )
        self.body = self._stage(block, width, depth)
        self.head = nn.Dense(
            features=classes,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def _stage(self, block, width, depth):
        layers = [switcheroo_runtime.with_train(block, self.train)(width, stride=2)]
        for _ in range(1, depth):
            layers.append(switcheroo_runtime.with_train(block, self.train)(width))
        return nn.Sequential([*layers])

    def __call__(self, x):
        x = self.body(self.stem(x))
        return self.head(switcheroo_runtime.flatten(switcheroo_runtime.adaptive_avg_pool(x, 1), 1))


def fit(loader):
    model = Tower(Basic, 2)
    opt = optax.sgd(learning_rate=0.1)
    model = model.clone(train=True)
    key = jax.random.PRNGKey(0)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(model, params, batch_stats, opt_state, dropout_key, x, y):
        def loss_fn(params):
            output, mutated = model.apply(
                {"params": params, "batch_stats": batch_stats},
                x,
                mutable=["batch_stats"],
                rngs={"dropout": dropout_key},
            )
            loss = switcheroo_runtime.cross_entropy(output, y)
            return loss, (mutated["batch_stats"],)
        (loss, (batch_stats,)), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
        updates, opt_state = opt.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, batch_stats, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for x, y in loader:
        if params is None:
            key, params_key, dropout_key = jax.random.split(key, 3)
            variables = model.init({"params": params_key, "dropout": dropout_key}, x)
            params, batch_stats = variables["params"], variables.get("batch_stats", {})
            opt_state = opt.init(params)
        key, dropout_key = jax.random.split(key)
        params, batch_stats, opt_state, loss = train_step(
            model, params, batch_stats, opt_state, dropout_key, x, y
        )
    model = model.clone(train=False)
    # switcheroo: SWR3013 'model' is a Flax module without its weights here: the trained variables...
    return model
