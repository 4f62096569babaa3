import functools
import typing
import jax
import jax.numpy as jnp
import flax.linen as nn
import optax
import switcheroo_runtime
import torch


class Tagger(nn.Module):
    vocabulary: typing.Any
    tags: typing.Any

    def setup(self):
        vocabulary = self.vocabulary
        tags = self.tags
        self.embed = nn.Dense(
            features=32,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(vocabulary),
        )
        self.head = nn.Dense(
            features=tags,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(32),
        )

    def __call__(self, tokens):
        return self.head(jax.nn.gelu(self.embed(tokens), approximate=False))


def train_scaled(loader, epochs):
    key = jax.random.PRNGKey(11)
    tagger = Tagger(50, 7)
    adamw = optax.chain(
        optax.clip_by_global_norm(2.0), optax.adamw(learning_rate=3e-4, weight_decay=0.01)
    )
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(tagger, params, opt_state, tokens, tags):
        def loss_fn(params):
            # half precision where torch allows it
            scores = tagger.apply({"params": params}, tokens)
            loss = switcheroo_runtime.cross_entropy(scores, tags)
            return loss
        loss, grads = jax.value_and_grad(loss_fn)(params)
        updates, opt_state = adamw.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for epoch in range(epochs):
        for tokens, tags in loader:
            if params is None:
                key, params_key = jax.random.split(key)
                params = tagger.init(params_key, tokens)["params"]
                opt_state = adamw.init(params)
            params, opt_state, loss = train_step(tagger, params, opt_state, tokens, tags)
    # switcheroo: SWR3013 'tagger' is a Flax module without its weights here: the trained variables...
    return tagger


def train_bfloat16(loader):
    key = jax.random.PRNGKey(12)
    tagger = Tagger(20, 3)
    sgd = optax.sgd(learning_rate=0.01)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(tagger, params, opt_state, tokens, tags):
        def loss_fn(params):
            loss = switcheroo_runtime.cross_entropy(tagger.apply({"params": params}, tokens), tags)
            return loss
        loss, grads = jax.value_and_grad(loss_fn)(params)
        updates, opt_state = sgd.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for tokens, tags in loader:
        if params is None:
            key, params_key = jax.random.split(key)
            params = tagger.init(params_key, tokens)["params"]
            opt_state = sgd.init(params)
        params, opt_state, loss = train_step(tagger, params, opt_state, tokens, tags)


def predict(tagger, tokens):
    # switcheroo: SWR3005 .argmax(...) may be torch.Tensor.argmax, but 'tagger(tokens)' is not known...
    return tagger(tokens).argmax(dim=1)


def scaled_elsewhere(loader):
    tagger = Tagger(20, 3)
    sgd = optax.sgd(learning_rate=0.01)
    # switcheroo: SWR3011 GradScaler kept: 'scaler' is used outside converted training steps (each...
    scaler = torch.cuda.amp.GradScaler(init_scale=1024.0)
    for tokens, tags in loader:
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (the loop uses...
        sgd.zero_grad()
        loss = switcheroo_runtime.cross_entropy(tagger(tokens), tags)
        # switcheroo: SWR3011 backward() not converted: the loop uses the GradScaler 'scaler' other than...
        # switcheroo: SWR3011 scaler.scale(...) kept: the training step here is not converted (the loop...
        scaler.scale(loss).backward()
        # switcheroo: SWR3011 optimizer.step() not converted: the loop uses the GradScaler 'scaler' other...
        scaler.step(sgd)
        print(scaler.get_scale())
        # switcheroo: SWR3011 scaler.update(...) kept: the training step here is not converted (the loop...
        scaler.update()
