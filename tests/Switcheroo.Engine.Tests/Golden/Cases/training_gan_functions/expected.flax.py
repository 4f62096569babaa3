"""Alternating (GAN) steps in functions that receive both models and both optimizers.

The caller builds the generator, the critic and their optimizers and calls the epoch function once per
epoch. A Linen module holds no weights, so the converted function takes both models' variables, both
optimizer states and the key, and returns them; every call passes them and takes them back, and the
caller starts them at None (the first batch creates them).
"""
import functools
import jax
import jax.numpy as jnp
import flax.linen as nn
import optax
import switcheroo_runtime


class Sampler(nn.Module):
    latent: int = 4
    width: int = 16
    points: int = 2
    train: bool = True

    def setup(self):
        latent = self.latent
        width = self.width
        points = self.points
        self.inp = nn.Dense(
            features=width,
            use_bias=False,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(latent),
        )
        self.norm = switcheroo_runtime.BatchNorm(use_running_average=not self.train)
        self.out = nn.Dense(
            features=points,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def __call__(self, code):
        return jnp.tanh(self.out(jax.nn.relu(self.norm(self.inp(code)))))


class Judge(nn.Module):
    points: int = 2
    width: int = 16
    train: bool = True

    def setup(self):
        points = self.points
        width = self.width
        self.inp = nn.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(points),
        )
        self.drop = nn.Dropout(rate=0.1, deterministic=not self.train)
        self.out = nn.Dense(
            features=1,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def __call__(self, x):
        return jax.nn.sigmoid(
            self.out(self.drop(jax.nn.leaky_relu(self.inp(x), negative_slope=0.2)))
        )


def gan_epoch(
    sampler,
    judge,
    sampler_opt,
    judge_opt,
    batches,
    epoch,
    judge_params,
    judge_state,
    sampler_params,
    sampler_state,
    judge_opt_state,
    sampler_opt_state,
    key,
):
    sampler = sampler.clone(train=True)
    judge = judge.clone(train=True)
    @functools.partial(jax.jit, static_argnums=(0, 1))
    def gan_step(
        judge,
        sampler,
        judge_params,
        judge_state,
        sampler_params,
        sampler_state,
        judge_opt_state,
        sampler_opt_state,
        dropout_key,
        real,
        code,
    ):
        def judge_loss_fn(judge_params):
            judge_apply = switcheroo_runtime.ThreadedModel(
                judge,
                judge_params,
                judge_state,
                rngs={"dropout": jax.random.fold_in(dropout_key, 0)},
            )
            sampler_apply = switcheroo_runtime.ThreadedModel(sampler, sampler_params, sampler_state)
            judged_real = switcheroo_runtime.binary_cross_entropy(
                judge_apply(real), jnp.ones((real.shape[0], 1))
            )
            judged_fake = switcheroo_runtime.binary_cross_entropy(
                judge_apply(jax.lax.stop_gradient(sampler_apply(code))),
                jnp.zeros((real.shape[0], 1)),
            )
            judge_loss = judged_real + judged_fake
            return judge_loss, (judge_apply.state, sampler_apply.state)
        (judge_loss, (judge_state, sampler_state)), grads = jax.value_and_grad(
            judge_loss_fn, has_aux=True
        )(judge_params)
        updates, judge_opt_state = judge_opt.update(grads, judge_opt_state, judge_params)
        judge_params = optax.apply_updates(judge_params, updates)
        def sampler_loss_fn(sampler_params):
            judge_apply = switcheroo_runtime.ThreadedModel(
                judge,
                judge_params,
                judge_state,
                rngs={"dropout": jax.random.fold_in(dropout_key, 1)},
            )
            sampler_apply = switcheroo_runtime.ThreadedModel(sampler, sampler_params, sampler_state)
            sampler_loss = switcheroo_runtime.binary_cross_entropy(
                judge_apply(sampler_apply(code)), jnp.ones((real.shape[0], 1))
            )
            return sampler_loss, (judge_apply.state, sampler_apply.state)
        (sampler_loss, (judge_state, sampler_state)), grads = jax.value_and_grad(
            sampler_loss_fn, has_aux=True
        )(sampler_params)
        updates, sampler_opt_state = sampler_opt.update(grads, sampler_opt_state, sampler_params)
        sampler_params = optax.apply_updates(sampler_params, updates)
        return judge_params, judge_state, sampler_params, sampler_state, judge_opt_state, sampler_opt_state, judge_loss, sampler_loss

    for i, (real, code) in enumerate(batches):
        # the judge first, on real points and detached samples
        # then the sampler, judged by the updated judge
        if judge_params is None:
            key, judge_key, judge_dropout_key, sampler_key = jax.random.split(key, 4)
            judge_params, judge_state = switcheroo_runtime.params_and_state(
                judge.init({"params": judge_key, "dropout": judge_dropout_key}, real)
            )
            sampler_params, sampler_state = switcheroo_runtime.params_and_state(
                sampler.init(sampler_key, code)
            )
            judge_opt_state = judge_opt.init(judge_params)
            sampler_opt_state = sampler_opt.init(sampler_params)
        key, dropout_key = jax.random.split(key)
        judge_params, judge_state, sampler_params, sampler_state, judge_opt_state, sampler_opt_state, judge_loss, sampler_loss = gan_step(judge, sampler, judge_params, judge_state, sampler_params, sampler_state, judge_opt_state, sampler_opt_state, dropout_key, real, code)
        if i % 10 == 0:
            print(epoch, i, judge_loss.item(), sampler_loss.item())
    return judge_params, judge_state, sampler_params, sampler_state, judge_opt_state, sampler_opt_state, key


def fit(batches, codes, epochs=5):
    key = jax.random.PRNGKey(11)
    sampler = Sampler()
    judge = Judge()
    sampler_opt = optax.adam(learning_rate=1e-3, b1=0.5, b2=0.999)
    judge_opt = optax.adam(learning_rate=1e-3, b1=0.5, b2=0.999)
    judge_params, judge_state, sampler_params, sampler_state, judge_opt_state, sampler_opt_state = None, None, None, None, None, None  # created from the first batch in gan_epoch(): Flax infers the shapes of the variables from an input
    for epoch in range(epochs):
        judge_params, judge_state, sampler_params, sampler_state, judge_opt_state, sampler_opt_state, key = gan_epoch(sampler, judge, sampler_opt, judge_opt, batches, epoch=epoch, judge_params=judge_params, judge_state=judge_state, sampler_params=sampler_params, sampler_state=sampler_state, judge_opt_state=judge_opt_state, sampler_opt_state=sampler_opt_state, key=key)
    sampler = sampler.clone(train=False)
    return sampler.apply({"params": sampler_params, **sampler_state}, codes)


def last_step(
    G, D, opt_g, opt_d, batches, D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, key
):
    """The step ends the function: the state goes back to the callers from the loop's end."""
    @functools.partial(jax.jit, static_argnums=(0, 1))
    def gan_step(
        D, G, D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, dropout_key, z, real
    ):
        def loss_d_fn(D_params):
            D_apply = switcheroo_runtime.ThreadedModel(
                D, D_params, D_state, rngs={"dropout": jax.random.fold_in(dropout_key, 0)}
            )
            G_apply = switcheroo_runtime.ThreadedModel(G, G_params, G_state)
            loss_d = jnp.mean(D_apply(jax.lax.stop_gradient(G_apply(z)))) - jnp.mean(D_apply(real))
            return loss_d, (D_apply.state, G_apply.state)
        (loss_d, (D_state, G_state)), grads = jax.value_and_grad(loss_d_fn, has_aux=True)(D_params)
        updates, opt_d_state = opt_d.update(grads, opt_d_state, D_params)
        D_params = optax.apply_updates(D_params, updates)
        def loss_g_fn(G_params):
            D_apply = switcheroo_runtime.ThreadedModel(
                D, D_params, D_state, rngs={"dropout": jax.random.fold_in(dropout_key, 1)}
            )
            G_apply = switcheroo_runtime.ThreadedModel(G, G_params, G_state)
            loss_g = -jnp.mean(D_apply(G_apply(z)))
            return loss_g, (D_apply.state, G_apply.state)
        (loss_g, (D_state, G_state)), grads = jax.value_and_grad(loss_g_fn, has_aux=True)(G_params)
        updates, opt_g_state = opt_g.update(grads, opt_g_state, G_params)
        G_params = optax.apply_updates(G_params, updates)
        return D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, loss_d, loss_g

    # switcheroo: SWR3009 'D' trains in the mode its callers pass it in: torch keeps a train()/eval()...
    # switcheroo: SWR3009 'G' trains in the mode its callers pass it in: torch keeps a train()/eval()...
    for real, z in batches:
        if D_params is None:
            key, D_key, D_dropout_key, G_key = jax.random.split(key, 4)
            D_params, D_state = switcheroo_runtime.params_and_state(
                D.init({"params": D_key, "dropout": D_dropout_key}, real)
            )
            G_params, G_state = switcheroo_runtime.params_and_state(G.init(G_key, z))
            opt_d_state = opt_d.init(D_params)
            opt_g_state = opt_g.init(G_params)
        key, dropout_key = jax.random.split(key)
        D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, loss_d, loss_g = gan_step(
            D,
            G,
            D_params,
            D_state,
            G_params,
            G_state,
            opt_d_state,
            opt_g_state,
            dropout_key,
            z,
            real,
        )
    return D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, key


def fit_without_seed(batches):
    G = Sampler()
    D = Judge()
    G = G.clone(train=True)
    opt_g = optax.sgd(learning_rate=0.01)
    opt_d = optax.sgd(learning_rate=0.01)
    key = jax.random.PRNGKey(0)
    D_params, D_state, G_params, G_state, opt_d_state, opt_g_state = None, None, None, None, None, None  # created from the first batch in last_step(): Flax infers the shapes of the variables from an input
    D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, key = last_step(
        G,
        D,
        opt_g,
        opt_d,
        batches,
        D_params,
        D_state,
        G_params,
        G_state,
        opt_d_state,
        opt_g_state,
        key,
    )
    D_params, D_state, G_params, G_state, opt_d_state, opt_g_state, key = last_step(
        G,
        D,
        opt_g,
        opt_d,
        batches,
        D_params,
        D_state,
        G_params,
        G_state,
        opt_d_state,
        opt_g_state,
        key,
    )


def epoch_with_losses(G, D, opt_g, opt_d, batches):
    """Returns its last losses: the variables cannot be returned with them; reported."""
    for real, z in batches:
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted...
        opt_d.zero_grad()
        # switcheroo: SWR3013 'D' receives a converted Flax module (Judge), which holds no weights...
        # switcheroo: SWR3013 'G' receives a converted Flax module (Sampler), which holds no weights...
        loss_d = jnp.mean(D(jax.lax.stop_gradient(G(z)))) - jnp.mean(D(real))
        # switcheroo: SWR3011 backward() not converted: epoch_with_losses() returns or yields a value of...
        loss_d.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: epoch_with_losses() returns or yields a...
        opt_d.step()
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted...
        opt_g.zero_grad()
        # switcheroo: SWR3013 'D' receives a converted Flax module (Judge), which holds no weights...
        # switcheroo: SWR3013 'G' receives a converted Flax module (Sampler), which holds no weights...
        loss_g = -jnp.mean(D(G(z)))
        # switcheroo: SWR3011 backward() not converted: epoch_with_losses() returns or yields a value of...
        loss_g.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: epoch_with_losses() returns or yields a...
        opt_g.step()
    return loss_d.item(), loss_g.item()


def fit_with_losses(batches):
    key = jax.random.PRNGKey(2)
    G = Sampler()
    D = Judge()
    opt_g = optax.sgd(learning_rate=0.01)
    opt_d = optax.sgd(learning_rate=0.01)
    print(epoch_with_losses(G, D, opt_g, opt_d, batches))


def half_received(G, D, opt_g, batches):
    """The generator's optimizer received, the critic's built here: reported."""
    opt_d = optax.sgd(learning_rate=0.01)
    for real, z in batches:
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted ('opt_g' is...
        opt_d.zero_grad()
        # switcheroo: SWR3013 'D' receives a converted Flax module (Judge), which holds no weights...
        # switcheroo: SWR3013 'G' receives a converted Flax module (Sampler), which holds no weights...
        loss_d = jnp.mean(D(jax.lax.stop_gradient(G(z)))) - jnp.mean(D(real))
        # switcheroo: SWR3011 backward() not converted: 'opt_g' is received by half_received() and...
        loss_d.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: 'opt_g' is received by half_received() and...
        opt_d.step()
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted ('opt_g' is...
        opt_g.zero_grad()
        # switcheroo: SWR3013 'D' receives a converted Flax module (Judge), which holds no weights...
        # switcheroo: SWR3013 'G' receives a converted Flax module (Sampler), which holds no weights...
        loss_g = -jnp.mean(D(G(z)))
        # switcheroo: SWR3011 backward() not converted: 'opt_g' is received by half_received() and...
        loss_g.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: 'opt_g' is received by half_received() and...
        opt_g.step()


def fit_half(batches):
    key = jax.random.PRNGKey(3)
    G = Sampler()
    D = Judge()
    opt_g = optax.sgd(learning_rate=0.01)
    half_received(G, D, opt_g, batches)


def judge_only(D, opt_d, labelled):
    """One model's step, training the critic an alternating step of the same callers trains too."""
    for x, target in labelled:
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted ('D' is trained...
        opt_d.zero_grad()
        # switcheroo: SWR3013 'D' receives a converted Flax module (Judge), which holds no weights...
        loss = switcheroo_runtime.binary_cross_entropy(D(x), target)
        # switcheroo: SWR3011 backward() not converted: 'D' is trained by another training step of the...
        loss.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: 'D' is trained by another training step of...
        opt_d.step()


def gan_shared(G, D, opt_g, opt_d, batches):
    for real, z in batches:
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted ('D' of the...
        opt_d.zero_grad()
        # switcheroo: SWR3013 'D' receives a converted Flax module (Judge), which holds no weights...
        # switcheroo: SWR3013 'G' receives a converted Flax module (Sampler), which holds no weights...
        loss_d = jnp.mean(D(jax.lax.stop_gradient(G(z)))) - jnp.mean(D(real))
        # switcheroo: SWR3011 backward() not converted: 'D' of the callers of gan_shared() is trained by...
        loss_d.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: 'D' of the callers of gan_shared() is...
        opt_d.step()
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted ('D' of the...
        opt_g.zero_grad()
        # switcheroo: SWR3013 'D' receives a converted Flax module (Judge), which holds no weights...
        # switcheroo: SWR3013 'G' receives a converted Flax module (Sampler), which holds no weights...
        loss_g = -jnp.mean(D(G(z)))
        # switcheroo: SWR3011 backward() not converted: 'D' of the callers of gan_shared() is trained by...
        loss_g.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: 'D' of the callers of gan_shared() is...
        opt_g.step()


def fit_shared(batches, labelled):
    """D trained by both functions: its variables would be kept twice; both reported."""
    key = jax.random.PRNGKey(4)
    G = Sampler()
    D = Judge()
    opt_g = optax.sgd(learning_rate=0.01)
    opt_d = optax.sgd(learning_rate=0.01)
    gan_shared(G, D, opt_g, opt_d, batches)
    judge_only(D, opt_d, labelled)
