"""Models whose BatchNorm their class does not show: layers a free function builds and the model is
given (VGG's make_layers), and a norm layer class passed to a layer helper. A training step applying
them keeps their statistics (mutable=["batch_stats"]) when the variables have them."""
from typing import List

import functools
import typing
import jax
import jax.numpy as jnp
import flax.linen as nn
import optax
import switcheroo_runtime


def make_layers(widths: List[int], batch_norm: bool = False) -> nn.Module:
    layers: List[nn.Module] = []
    channels = 3
    for width in widths:
        layers.append(
            switcheroo_runtime.ChannelsFirst(
                nn.Conv(
                    features=width,
                    kernel_size=(3, 3),
                    padding=1,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(channels, (3, 3)),
                )
            )
        )
        if batch_norm:
            layers.append(switcheroo_runtime.TorchBatchNorm(width))
        layers.append(nn.relu)
        channels = width
    return nn.Sequential([*layers])


class Features(nn.Module):
    """Nothing of its own follows the mode: its train flag comes from the layers it is given."""

    features: nn.Module
    classes: int = 10
    train: bool = True

    def setup(self) -> None:
        classes = self.classes
        self.fc = nn.Dense(
            features=classes,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(16),
        )

    def __call__(self, x: jax.Array) -> jax.Array:
        x = switcheroo_runtime.flatten(switcheroo_runtime.adaptive_avg_pool(self.features(x), 1), 1)
        return self.fc(x)


class VGGish(nn.Module):
    """A train flag of its own (its dropout), as torchvision's VGG."""

    features: nn.Module
    classes: int = 10
    train: bool = True

    def setup(self) -> None:
        classes = self.classes
        self.classifier = nn.Sequential(
            [
                nn.Dropout(rate=0.5, deterministic=not self.train),
                nn.Dense(
                    features=classes,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(16),
                ),
            ]
        )

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.classifier(
            switcheroo_runtime.flatten(switcheroo_runtime.adaptive_avg_pool(self.features(x), 1), 1)
        )


def conv_norm(c_in: int, c_out: int, norm_layer, *, train) -> nn.Module:
    return nn.Sequential(
        [
            switcheroo_runtime.ChannelsFirst(
                nn.Conv(
                    features=c_out,
                    kernel_size=(3, 3),
                    padding=1,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(c_in, (3, 3)),
                )
            ),
            norm_layer(c_out),
            nn.relu,
        ]
    )


class Normed(nn.Module):
    norm_layer: typing.Any
    train: bool = True

    def setup(self) -> None:
        norm_layer = self.norm_layer
        self.block = conv_norm(3, 16, norm_layer, train=self.train)
        self.fc = nn.Dense(
            features=10,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(16),
        )

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.fc(
            switcheroo_runtime.flatten(switcheroo_runtime.adaptive_avg_pool(self.block(x), 1), 1)
        )


def train(loader, epochs: int = 2):
    key = jax.random.PRNGKey(0)
    model = Features(make_layers([8, 16], batch_norm=True))
    optimizer = optax.sgd(learning_rate=0.05, momentum=0.9)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(model, params, batch_stats, opt_state, dropout_key, images, labels):
        def loss_fn(params):
            output, mutated = model.apply(
                {"params": params, "batch_stats": batch_stats},
                images,
                mutable=["batch_stats"],
                rngs={"dropout": dropout_key},
            )
            loss = switcheroo_runtime.cross_entropy(output, labels)
            return loss, (mutated["batch_stats"],)
        (loss, (batch_stats,)), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
        updates, opt_state = optimizer.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, batch_stats, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for epoch in range(epochs):
        model = model.clone(train=True)
        for images, labels in loader:
            if params is None:
                key, params_key, dropout_key = jax.random.split(key, 3)
                variables = model.init({"params": params_key, "dropout": dropout_key}, images)
                params, batch_stats = variables["params"], variables.get("batch_stats", {})
                opt_state = optimizer.init(params)
            key, dropout_key = jax.random.split(key)
            params, batch_stats, opt_state, loss = train_step(
                model, params, batch_stats, opt_state, dropout_key, images, labels
            )
    model = model.clone(train=False)
    for images, labels in loader:
        print(
            jnp.argmax(model.apply({"params": params, "batch_stats": batch_stats}, images), axis=1)
        )


def train_vgg(loader, batch_norm: bool):
    key = jax.random.PRNGKey(1)
    model = VGGish(make_layers([8, 16], batch_norm))
    optimizer = optax.adam(learning_rate=1e-3)
    model = model.clone(train=True)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(model, params, batch_stats, opt_state, dropout_key, images, labels):
        def loss_fn(params):
            output, mutated = model.apply(
                {"params": params, "batch_stats": batch_stats},
                images,
                mutable=["batch_stats"],
                rngs={"dropout": dropout_key},
            )
            loss = switcheroo_runtime.cross_entropy(output, labels)
            return loss, (mutated["batch_stats"],)
        (loss, (batch_stats,)), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
        updates, opt_state = optimizer.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, batch_stats, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for images, labels in loader:
        if params is None:
            key, params_key, dropout_key = jax.random.split(key, 3)
            variables = model.init({"params": params_key, "dropout": dropout_key}, images)
            params, batch_stats = variables["params"], variables.get("batch_stats", {})
            opt_state = optimizer.init(params)
        key, dropout_key = jax.random.split(key)
        params, batch_stats, opt_state, loss = train_step(
            model, params, batch_stats, opt_state, dropout_key, images, labels
        )


def train_normed(loader):
    key = jax.random.PRNGKey(2)
    model = Normed(norm_layer=switcheroo_runtime.TorchBatchNorm)
    optimizer = optax.sgd(learning_rate=0.05)
    model = model.clone(train=True)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(model, params, batch_stats, opt_state, dropout_key, images, labels):
        def loss_fn(params):
            output, mutated = model.apply(
                {"params": params, "batch_stats": batch_stats},
                images,
                mutable=["batch_stats"],
                rngs={"dropout": dropout_key},
            )
            loss = switcheroo_runtime.cross_entropy(output, labels)
            return loss, (mutated["batch_stats"],)
        (loss, (batch_stats,)), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
        updates, opt_state = optimizer.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, batch_stats, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for images, labels in loader:
        if params is None:
            key, params_key, dropout_key = jax.random.split(key, 3)
            variables = model.init({"params": params_key, "dropout": dropout_key}, images)
            params, batch_stats = variables["params"], variables.get("batch_stats", {})
            opt_state = optimizer.init(params)
        key, dropout_key = jax.random.split(key)
        params, batch_stats, opt_state, loss = train_step(
            model, params, batch_stats, opt_state, dropout_key, images, labels
        )
