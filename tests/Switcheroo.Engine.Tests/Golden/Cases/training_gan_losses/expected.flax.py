"""A GAN whose discriminator step calls backward() once per loss, as PyTorch's DCGAN example does:
torch adds the gradients of both into .grad before opt_d.step(), the gradient of their sum."""
import functools
import jax
import jax.numpy as jnp
import flax.linen as nn
import optax
import switcheroo_runtime

LATENT = 8


class Generator(nn.Module):
    features: int = 16
    train: bool = True

    def setup(self) -> None:
        features = self.features
        self.net = nn.Sequential(
            [
                nn.Dense(
                    features=32,
                    use_bias=False,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(LATENT),
                ),
                switcheroo_runtime.BatchNorm(use_running_average=not self.train),
                nn.relu,
                nn.Dense(
                    features=features,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(32),
                ),
                nn.tanh,
            ]
        )

    def __call__(self, z: jax.Array) -> jax.Array:
        return self.net(z)


class Critic(nn.Module):
    features: int = 16

    def setup(self) -> None:
        features = self.features
        self.net = nn.Sequential(
            [
                nn.Dense(
                    features=32,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(features),
                ),
                lambda x: nn.leaky_relu(x, negative_slope=0.2),
                nn.Dense(
                    features=1,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(32),
                ),
            ]
        )

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.net(x)


def fit(batches, epochs: int = 3):
    key = jax.random.PRNGKey(7)
    gen = Generator()
    critic = Critic()
    gen_opt = optax.adam(learning_rate=2e-4, b1=0.5, b2=0.999)
    critic_opt = optax.adam(learning_rate=2e-4, b1=0.5, b2=0.999)
    bce = functools.partial(switcheroo_runtime.binary_cross_entropy_with_logits)
    @functools.partial(jax.jit, static_argnums=(0, 1))
    def gan_step(
        critic,
        gen,
        critic_params,
        critic_state,
        gen_params,
        gen_state,
        critic_opt_state,
        gen_opt_state,
        real,
        valid,
        noise,
        fake_label,
    ):
        def err_real_fn(critic_params):
            critic_apply = switcheroo_runtime.ThreadedModel(critic, critic_params, critic_state)
            gen_apply = switcheroo_runtime.ThreadedModel(gen, gen_params, gen_state)
            err_real = bce(critic_apply(real), valid)
            err_fake = bce(critic_apply(jax.lax.stop_gradient(gen_apply(noise))), fake_label)
            return err_real + err_fake, (err_real, err_fake, critic_apply.state, gen_apply.state)
        (
            critic_opt_loss, (err_real, err_fake, critic_state, gen_state)
        ), grads = jax.value_and_grad(err_real_fn, has_aux=True)(critic_params)
        updates, critic_opt_state = critic_opt.update(grads, critic_opt_state, critic_params)
        critic_params = optax.apply_updates(critic_params, updates)
        def err_gen_fn(gen_params):
            critic_apply = switcheroo_runtime.ThreadedModel(critic, critic_params, critic_state)
            gen_apply = switcheroo_runtime.ThreadedModel(gen, gen_params, gen_state)
            err_gen = bce(critic_apply(gen_apply(noise)), valid)
            return err_gen, (critic_apply.state, gen_apply.state)
        (err_gen, (critic_state, gen_state)), grads = jax.value_and_grad(err_gen_fn, has_aux=True)(
            gen_params
        )
        updates, gen_opt_state = gen_opt.update(grads, gen_opt_state, gen_params)
        gen_params = optax.apply_updates(gen_params, updates)
        return critic_params, critic_state, gen_params, gen_state, critic_opt_state, gen_opt_state, err_real, err_fake, err_gen

    critic_params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for epoch in range(epochs):
        for real in batches:
            key, subkey = jax.random.split(key)
            noise = jax.random.normal(subkey, (real.shape[0], LATENT))
            valid = jnp.ones((real.shape[0], 1))
            fake_label = jnp.zeros((real.shape[0], 1))
            if critic_params is None:
                key, critic_key, gen_key = jax.random.split(key, 3)
                critic_params, critic_state = switcheroo_runtime.params_and_state(
                    critic.init(critic_key, real)
                )
                gen_params, gen_state = switcheroo_runtime.params_and_state(
                    gen.init(gen_key, noise)
                )
                critic_opt_state = critic_opt.init(critic_params)
                gen_opt_state = gen_opt.init(gen_params)
            critic_params, critic_state, gen_params, gen_state, critic_opt_state, gen_opt_state, err_real, err_fake, err_gen = gan_step(critic, gen, critic_params, critic_state, gen_params, gen_state, critic_opt_state, gen_opt_state, real, valid, noise, fake_label)
            print(epoch, (err_real + err_fake).item(), err_gen.item())
    gen = gen.clone(train=False)
    key, subkey = jax.random.split(key)
    return gen.apply({"params": gen_params, **gen_state}, jax.random.normal(subkey, (4, LATENT)))
