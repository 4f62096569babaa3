import functools
import jax
import jax.numpy as jnp
import flax.linen as nn
import optax
import switcheroo_runtime
import torch


class Generator(nn.Module):
    nz: int = 8
    hidden: int = 32
    out: int = 2
    train: bool = True

    def setup(self):
        nz = self.nz
        hidden = self.hidden
        out = self.out
        self.fc1 = nn.Dense(
            features=hidden,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(nz),
        )
        self.bn = switcheroo_runtime.BatchNorm(use_running_average=not self.train)
        self.fc2 = nn.Dense(
            features=out,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(hidden),
        )

    def __call__(self, z):
        return jnp.tanh(self.fc2(jax.nn.relu(self.bn(self.fc1(z)))))


class Critic(nn.Module):
    features: int = 2
    hidden: int = 32
    train: bool = True

    def setup(self):
        features = self.features
        hidden = self.hidden
        self.fc1 = nn.Dense(
            features=hidden,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(features),
        )
        self.bn = switcheroo_runtime.BatchNorm(use_running_average=not self.train)
        self.drop = nn.Dropout(rate=0.3, deterministic=not self.train)
        self.fc2 = nn.Dense(
            features=1,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(hidden),
        )

    def __call__(self, x):
        return jax.nn.sigmoid(
            self.fc2(self.drop(jax.nn.leaky_relu(self.bn(self.fc1(x)), negative_slope=0.2)))
        )


def fit_gan(points, epochs=20, batch=64, nz=8):
    """The alternating step: the critic on real and detached generated points, then the generator."""
    key = jax.random.PRNGKey(7)
    gen = Generator(nz)
    critic = Critic()
    g_opt = optax.adam(learning_rate=2e-4, b1=0.5, b2=0.999)
    c_opt = optax.adam(learning_rate=2e-4, b1=0.5, b2=0.999)
    bce = functools.partial(switcheroo_runtime.binary_cross_entropy)
    real_label = jnp.ones((batch, 1))
    fake_label = jnp.zeros((batch, 1))
    @functools.partial(jax.jit, static_argnums=(0, 1))
    def gan_step(
        critic,
        gen,
        critic_params,
        critic_state,
        gen_params,
        gen_state,
        c_opt_state,
        g_opt_state,
        dropout_key,
        real,
        noise,
    ):
        def c_loss_fn(critic_params):
            critic_apply = switcheroo_runtime.ThreadedModel(
                critic,
                critic_params,
                critic_state,
                rngs={"dropout": jax.random.fold_in(dropout_key, 0)},
            )
            gen_apply = switcheroo_runtime.ThreadedModel(gen, gen_params, gen_state)
            real_loss = bce(critic_apply(real), real_label)
            fake_loss = bce(critic_apply(jax.lax.stop_gradient(gen_apply(noise))), fake_label)
            c_loss = real_loss + fake_loss
            return c_loss, (critic_apply.state, gen_apply.state)
        (c_loss, (critic_state, gen_state)), grads = jax.value_and_grad(c_loss_fn, has_aux=True)(
            critic_params
        )
        updates, c_opt_state = c_opt.update(grads, c_opt_state, critic_params)
        critic_params = optax.apply_updates(critic_params, updates)
        def g_loss_fn(gen_params):
            critic_apply = switcheroo_runtime.ThreadedModel(
                critic,
                critic_params,
                critic_state,
                rngs={"dropout": jax.random.fold_in(dropout_key, 1)},
            )
            gen_apply = switcheroo_runtime.ThreadedModel(gen, gen_params, gen_state)
            g_loss = bce(critic_apply(gen_apply(noise)), real_label)
            return g_loss, (critic_apply.state, gen_apply.state)
        (g_loss, (critic_state, gen_state)), grads = jax.value_and_grad(g_loss_fn, has_aux=True)(
            gen_params
        )
        updates, g_opt_state = g_opt.update(grads, g_opt_state, gen_params)
        gen_params = optax.apply_updates(gen_params, updates)
        return critic_params, critic_state, gen_params, gen_state, c_opt_state, g_opt_state, c_loss, g_loss

    critic_params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for epoch in range(epochs):
        for real in points:
            key, subkey = jax.random.split(key)
            noise = jax.random.normal(subkey, (batch, nz))
            # the critic, real against generated
            # the generator, judged by the updated critic
            if critic_params is None:
                key, critic_key, critic_dropout_key, gen_key = jax.random.split(key, 4)
                critic_params, critic_state = switcheroo_runtime.params_and_state(
                    critic.init({"params": critic_key, "dropout": critic_dropout_key}, real)
                )
                gen_params, gen_state = switcheroo_runtime.params_and_state(
                    gen.init(gen_key, noise)
                )
                c_opt_state = c_opt.init(critic_params)
                g_opt_state = g_opt.init(gen_params)
            key, dropout_key = jax.random.split(key)
            critic_params, critic_state, gen_params, gen_state, c_opt_state, g_opt_state, c_loss, g_loss = gan_step(critic, gen, critic_params, critic_state, gen_params, gen_state, c_opt_state, g_opt_state, dropout_key, real, noise)
        print(epoch, c_loss.item(), g_loss.item())
    gen = gen.clone(train=False)
    key, subkey = jax.random.split(key)
    samples = gen.apply({"params": gen_params, **gen_state}, jax.random.normal(subkey, (256, nz)))
    return samples


def dcgan_style(loader, nz=8):
    """Two backward() calls in the critic's step: not the alternating shape; stays torch, reported."""
    netG = Generator(nz)
    netD = Critic()
    optG = optax.adam(learning_rate=2e-4)
    optD = optax.adam(learning_rate=2e-4)
    criterion = functools.partial(switcheroo_runtime.binary_cross_entropy)
    for real in loader:
        # switcheroo: SWR3010 torch.randn(...) not converted: torch draws from a global generator; in JAX...
        noise = torch.randn(real.shape[0], nz)
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (the second loss...
        netD.zero_grad()
        errD_real = criterion(netD(real), jnp.ones((real.shape[0], 1)))
        # switcheroo: SWR3011 backward() not converted: the second loss reads 'fake', computed by the...
        errD_real.backward()
        fake = netG(noise)
        errD_fake = criterion(netD(jax.lax.stop_gradient(fake)), jnp.zeros((real.shape[0], 1)))
        # switcheroo: SWR3011 backward() not converted: the second loss reads 'fake', computed by the...
        errD_fake.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: the second loss reads 'fake', computed by...
        optD.step()
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (the second loss...
        netG.zero_grad()
        errG = criterion(netD(fake), jnp.ones((real.shape[0], 1)))
        # switcheroo: SWR3011 backward() not converted: the second loss reads 'fake', computed by the...
        errG.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: the second loss reads 'fake', computed by...
        optG.step()


def shared_fake(loader, nz=8):
    """The generated batch computed in the first loss and reused by the second: reported."""
    key = jax.random.PRNGKey(0)
    G = Generator(nz)
    D = Critic()
    opt_g = optax.sgd(learning_rate=0.01)
    opt_d = optax.sgd(learning_rate=0.01)
    ones = jnp.ones((16, 1))
    zeros = jnp.zeros((16, 1))
    for real in loader:
        key, subkey = jax.random.split(key)
        z = jax.random.normal(subkey, (16, nz))
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (the second loss...
        opt_d.zero_grad()
        fake = G(z)
        loss_d = switcheroo_runtime.binary_cross_entropy(
            D(real), ones
        ) + switcheroo_runtime.binary_cross_entropy(D(jax.lax.stop_gradient(fake)), zeros)
        # switcheroo: SWR3011 backward() not converted: the second loss reads 'fake', computed by the...
        loss_d.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: the second loss reads 'fake', computed by...
        opt_d.step()
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (the second loss...
        opt_g.zero_grad()
        loss_g = switcheroo_runtime.binary_cross_entropy(D(fake), ones)
        # switcheroo: SWR3011 backward() not converted: the second loss reads 'fake', computed by the...
        loss_g.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: the second loss reads 'fake', computed by...
        opt_g.step()


def generator_first(loader, nz=8):
    """The generator's half first: the critic's first call takes the generator's output, so its variables have no input of their own; reported."""
    key = jax.random.PRNGKey(1)
    G = Generator(nz)
    D = Critic()
    opt_g = optax.sgd(learning_rate=0.01)
    opt_d = optax.sgd(learning_rate=0.01)
    for real in loader:
        key, subkey = jax.random.split(key)
        z = jax.random.normal(subkey, (16, nz))
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (the first call...
        G.zero_grad()
        loss_g = -jnp.mean(D(G(z)))
        # switcheroo: SWR3011 backward() not converted: the first call of 'D' in the losses takes what...
        loss_g.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: the first call of 'D' in the losses takes...
        opt_g.step()
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (the first call...
        D.zero_grad()
        loss_d = jnp.mean(D(jax.lax.stop_gradient(G(z)))) - jnp.mean(D(real))
        # switcheroo: SWR3011 backward() not converted: the first call of 'D' in the losses takes what...
        loss_d.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: the first call of 'D' in the losses takes...
        opt_d.step()


def generated_before_the_step(loader, nz=8):
    """The generator called before the losses: reported."""
    key = jax.random.PRNGKey(2)
    G = Generator(nz)
    D = Critic()
    opt_g = optax.sgd(learning_rate=0.01)
    opt_d = optax.sgd(learning_rate=0.01)
    for real in loader:
        key, subkey = jax.random.split(key)
        fake = G(jax.random.normal(subkey, (16, nz)))
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (the loop uses...
        opt_d.zero_grad()
        loss_d = jnp.mean(D(jax.lax.stop_gradient(fake))) - jnp.mean(D(real))
        # switcheroo: SWR3011 backward() not converted: the loop uses 'G' outside its losses (its weights...
        loss_d.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: the loop uses 'G' outside its losses (its...
        opt_d.step()
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (the loop uses...
        opt_g.zero_grad()
        loss_g = -jnp.mean(D(fake))
        # switcheroo: SWR3011 backward() not converted: the loop uses 'G' outside its losses (its weights...
        loss_g.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: the loop uses 'G' outside its losses (its...
        opt_g.step()
