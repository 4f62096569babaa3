"""Training in functions that receive the model and the optimizer: variants that convert, and
shapes that are reported and stay torch code (docs/training.md, "Training in functions")."""
import functools
import jax
import flax.linen as nn
import optax
import switcheroo_runtime


class MLP(nn.Module):
    def setup(self):
        self.fc1 = nn.Dense(
            features=8,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(4),
        )
        self.fc2 = nn.Dense(
            features=2,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(8),
        )

    def __call__(self, x):
        return self.fc2(jax.nn.relu(self.fc1(x)))


def fit_epoch(net, opt, batches, params, opt_state, key):
    # The step ends the function; no BatchNorm or Dropout: the state is params, opt_state and the key.
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(net, params, opt_state, x, y):
        def loss_fn(params):
            loss = switcheroo_runtime.cross_entropy(net.apply({"params": params}, x), y)
            return loss
        loss, grads = jax.value_and_grad(loss_fn)(params)
        updates, opt_state = opt.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, opt_state, loss

    for x, y in batches:
        if params is None:
            key, params_key = jax.random.split(key)
            params = net.init(params_key, x)["params"]
            opt_state = opt.init(params)
        params, opt_state, loss = train_step(net, params, opt_state, x, y)
    return params, opt_state, key


def evaluate(net, batches, params):
    # Returns a value of its own: an evaluation function only takes the variables.
    total = 0.0
    for x, y in batches:
        total += switcheroo_runtime.cross_entropy(net.apply({"params": params}, x), y).item()
    return total


def run(batches, epochs):
    # No seed here: the key starts from jax.random.PRNGKey(0). Keyword arguments, several calls.
    net = MLP()
    opt = optax.sgd(learning_rate=0.1, momentum=0.9)
    key = jax.random.PRNGKey(0)
    params, opt_state = None, None  # created from the first batch in fit_epoch(): Flax infers the shapes of the variables from an input
    params, opt_state, key = fit_epoch(
        net, opt, batches=batches, params=params, opt_state=opt_state, key=key
    )
    for _ in range(epochs):
        params, opt_state, key = fit_epoch(
            net=net, opt=opt, batches=batches, params=params, opt_state=opt_state, key=key
        )
    print(evaluate(net, batches, params))
    # switcheroo: SWR3013 'net' is a Flax module without its weights here: the trained variables are...
    return net


def train_returning(model, optimizer, batches):
    # Returns a value of its own: the state cannot go back with it (reported, kept).
    for x, y in batches:
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted...
        optimizer.zero_grad()
        # switcheroo: SWR3013 'model' receives a converted Flax module (MLP), which holds no weights...
        loss = switcheroo_runtime.mse_loss(model(x), y)
        # switcheroo: SWR3011 backward() not converted: train_returning() returns or yields a value of...
        loss.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: train_returning() returns or yields a value...
        optimizer.step()
    return loss.item()


def caller_returning(batches):
    model = MLP()
    optimizer = optax.adam(learning_rate=0.001)
    print(train_returning(model, optimizer, batches))


def train_passed(model, optimizer, batches):
    # Passed as a value: not every call is visible (reported, kept).
    for x, y in batches:
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (a backward()...
        optimizer.zero_grad()
        loss = switcheroo_runtime.mse_loss(model(x), y)
        # switcheroo: SWR3011 backward() not converted: no optimizer.step() of a torch.optim optimizer...
        loss.backward()
        optimizer.step()


def caller_passing(batches, jobs):
    model = MLP()
    optimizer = optax.adam(learning_rate=0.001)
    jobs.append(train_passed)
    train_passed(model, optimizer, batches)


def train_plain(model, optimizer, batches, params, opt_state, key):
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(model, params, opt_state, x, y):
        def loss_fn(params):
            loss = switcheroo_runtime.mse_loss(model.apply({"params": params}, x), y)
            return loss
        loss, grads = jax.value_and_grad(loss_fn)(params)
        updates, opt_state = optimizer.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, opt_state, loss

    for x, y in batches:
        if params is None:
            key, params_key = jax.random.split(key)
            params = model.init(params_key, x)["params"]
            opt_state = optimizer.init(params)
        params, opt_state, loss = train_step(model, params, opt_state, x, y)
    return params, opt_state, key


def show(model, batches):
    # Called before training too: its model has no variables there (reported, kept).
    for x, _ in batches:
        # switcheroo: SWR3013 'model' is called without its variables: some calls of show() pass the...
        print(model(x))


def caller_showing(batches):
    model = MLP()
    optimizer = optax.adam(learning_rate=1e-3)
    show(model, batches)
    key = jax.random.PRNGKey(0)
    params, opt_state = None, None  # created from the first batch in train_plain(): Flax infers the shapes of the variables from an input
    params, opt_state, key = train_plain(model, optimizer, batches, params, opt_state, key)
    # switcheroo: SWR3013 'model' is a Flax module without its weights here: the trained variables...
    show(model, batches)


def warm_up(model, optimizer, batches):
    for x, y in batches:
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted ('model' is...
        optimizer.zero_grad()
        # switcheroo: SWR3013 'model' receives a converted Flax module (MLP), which holds no weights...
        loss = switcheroo_runtime.mse_loss(model(x), y)
        # switcheroo: SWR3011 backward() not converted: 'model' is trained by another training step of...
        loss.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: 'model' is trained by another training step...
        optimizer.step()


def train_more(model, optimizer, batches):
    for x, y in batches:
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted ('model' is...
        optimizer.zero_grad()
        # switcheroo: SWR3013 'model' receives a converted Flax module (MLP), which holds no weights...
        loss = switcheroo_runtime.l1_loss(model(x), y)
        # switcheroo: SWR3011 backward() not converted: 'model' is trained by another training step of...
        loss.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: 'model' is trained by another training step...
        optimizer.step()


def caller_two_trainers(batches):
    # Two functions train the same model: its variables would be kept twice (reported, kept).
    model = MLP()
    optimizer = optax.adam(learning_rate=0.001)
    warm_up(model, optimizer, batches)
    train_more(model, optimizer, batches)
