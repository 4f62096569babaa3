import functools
import jax
import jax.numpy as jnp
import flax.linen as nn
import optax
import switcheroo_runtime


class VAE(nn.Module):
    features: int = 784
    latent: int = 16
    train: bool = True

    def setup(self):
        features = self.features
        latent = self.latent
        self.encoder = nn.Dense(
            features=2 * latent,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(features),
        )
        self.decoder = nn.Dense(
            features=features,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(latent),
        )
        self.drop = nn.Dropout(rate=0.1, deterministic=not self.train)

    def __call__(self, x):
        mean, log_var = switcheroo_runtime.chunk(self.encoder(self.drop(x)), 2, axis=-1)
        z = mean + jnp.exp(0.5 * log_var) * jax.random.normal(
            self.make_rng("noise"), mean.shape, mean.dtype
        )
        return jax.nn.sigmoid(self.decoder(z)), mean, log_var


def train(loader, epochs=10):
    key = jax.random.PRNGKey(0)
    model = VAE()
    optimizer = optax.adam(learning_rate=1e-3)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(model, params, opt_state, dropout_key, noise_key, x):
        def loss_fn(params):
            recon, mean, log_var = model.apply(
                {"params": params}, x, rngs={"dropout": dropout_key, "noise": noise_key}
            )
            kl = -0.5 * jnp.sum(1 + log_var - mean ** 2 - jnp.exp(log_var))
            loss = switcheroo_runtime.binary_cross_entropy(recon, x, reduction="sum") + kl
            return loss
        loss, grads = jax.value_and_grad(loss_fn)(params)
        updates, opt_state = optimizer.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for epoch in range(epochs):
        for x in loader:
            if params is None:
                key, params_key, dropout_key, noise_key = jax.random.split(key, 4)
                params = model.init(
                    {"params": params_key, "dropout": dropout_key, "noise": noise_key}, x
                )["params"]
                opt_state = optimizer.init(params)
            key, dropout_key, noise_key = jax.random.split(key, 3)
            params, opt_state, loss = train_step(
                model, params, opt_state, dropout_key, noise_key, x
            )
    model = model.clone(train=False)
    # switcheroo: SWR3011 'model' draws random numbers when applied: give it a key...
    return model(x)


def sample(path, x):
    model = VAE()
    # switcheroo: SWR3002 load_state_dict is not converted: 'model' draws random numbers when...
    model.load_state_dict(switcheroo_runtime.load_checkpoint(path))
    model = model.clone(train=False)
    return model(x)
