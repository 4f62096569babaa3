import functools
import jax
import jax.numpy as jnp
import flax.linen as nn
import optax
import switcheroo_runtime
import torch


class Classifier(nn.Module):
    features: int = 20
    classes: int = 3
    train: bool = True

    def setup(self):
        features = self.features
        classes = self.classes
        self.hidden = nn.Dense(
            features=64,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(features),
        )
        self.norm = switcheroo_runtime.BatchNorm(use_running_average=not self.train)
        self.out = nn.Dense(
            features=classes,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(64),
        )

    def __call__(self, x):
        return self.out(jax.nn.relu(self.norm(self.hidden(x))))


def train_and_save(batches, epochs, ckpt_path):
    """Each epoch ends with a full checkpoint: weights, optimizer moments, the epoch and the last loss."""
    key = jax.random.PRNGKey(3)
    net = Classifier()
    opt = optax.sgd(learning_rate=0.05, momentum=0.9)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(net, params, batch_stats, opt_state, inputs, targets):
        def loss_fn(params):
            output, mutated = net.apply(
                {"params": params, "batch_stats": batch_stats}, inputs, mutable=["batch_stats"]
            )
            loss = switcheroo_runtime.cross_entropy(output, targets)
            return loss, (mutated["batch_stats"],)
        (loss, (batch_stats,)), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
        updates, opt_state = opt.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, batch_stats, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for epoch in range(epochs):
        net = net.clone(train=True)
        for inputs, targets in batches:
            if params is None:
                key, params_key = jax.random.split(key)
                variables = net.init(params_key, inputs)
                params, batch_stats = variables["params"], variables["batch_stats"]
                opt_state = opt.init(params)
            params, batch_stats, opt_state, loss = train_step(
                net, params, batch_stats, opt_state, inputs, targets
            )
        switcheroo_runtime.save_checkpoint(
            ckpt_path,
            {
                "epoch": epoch,
                "state_dict": {"params": params, "batch_stats": batch_stats},
                "optim": opt_state,
                "loss": loss.item(),
            },
        )


def resume_training(batches, epochs, ckpt_path):
    """Resuming: the model, the optimizer state and the epoch come from the checkpoint."""
    key = jax.random.PRNGKey(3)
    net = Classifier()
    opt = optax.sgd(learning_rate=0.05, momentum=0.9)
    saved = switcheroo_runtime.load_checkpoint(ckpt_path)
    checkpoint = saved["state_dict"]
    optimizer_checkpoint = saved["optim"]
    first = saved["epoch"] + 1
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(net, params, batch_stats, opt_state, inputs, targets):
        def loss_fn(params):
            output, mutated = net.apply(
                {"params": params, "batch_stats": batch_stats}, inputs, mutable=["batch_stats"]
            )
            loss = switcheroo_runtime.cross_entropy(output, targets)
            return loss, (mutated["batch_stats"],)
        (loss, (batch_stats,)), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
        updates, opt_state = opt.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, batch_stats, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for epoch in range(first, epochs):
        net = net.clone(train=True)
        for inputs, targets in batches:
            if params is None:
                key, params_key = jax.random.split(key)
                variables = switcheroo_runtime.KeyMapper.from_torch(
                    checkpoint, jax.eval_shape(net.init, params_key, inputs)
                )
                params, batch_stats = variables["params"], variables["batch_stats"]
                opt_state = switcheroo_runtime.optimizer_state(
                    optimizer_checkpoint, opt.init(params), params, checkpoint
                )
            params, batch_stats, opt_state, loss = train_step(
                net, params, batch_stats, opt_state, inputs, targets
            )


def roll_back(batches, ckpt_path):
    """A load after training replaces the trained weights and the optimizer state."""
    key = jax.random.PRNGKey(4)
    net = Classifier()
    opt = optax.adam(learning_rate=1e-3)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(net, params, batch_stats, opt_state, inputs, targets):
        def loss_fn(params):
            output, mutated = net.apply(
                {"params": params, "batch_stats": batch_stats}, inputs, mutable=["batch_stats"]
            )
            loss = switcheroo_runtime.cross_entropy(output, targets)
            return loss, (mutated["batch_stats"],)
        (loss, (batch_stats,)), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
        updates, opt_state = opt.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, batch_stats, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for inputs, targets in batches:
        if params is None:
            key, params_key = jax.random.split(key)
            variables = net.init(params_key, inputs)
            params, batch_stats = variables["params"], variables["batch_stats"]
            opt_state = opt.init(params)
        params, batch_stats, opt_state, loss = train_step(
            net, params, batch_stats, opt_state, inputs, targets
        )
    state = switcheroo_runtime.load_checkpoint(ckpt_path)
    loaded = switcheroo_runtime.KeyMapper.from_torch(
        state["model"], {"params": params, "batch_stats": batch_stats}
    )
    params, batch_stats = loaded["params"], loaded["batch_stats"]
    # switcheroo: SWR3016 opt.load_state_dict(...) converted for checkpoints this converted code...
    opt_state = switcheroo_runtime.optimizer_state(state["optimizer"], opt_state)
    net = net.clone(train=False)
    return [
        jnp.argmax(
            net.apply({"params": params, "batch_stats": batch_stats}, inputs), axis=1
        ) for inputs, _ in batches
    ]


def with_scheduler(batches, epochs, ckpt_path):
    """A scheduler's state has no Optax counterpart: the save is reported."""
    key = jax.random.PRNGKey(5)
    net = Classifier()
    opt = optax.inject_hyperparams(lambda learning_rate: optax.sgd(learning_rate=learning_rate))(
        learning_rate=0.1
    )
    sched = optax.exponential_decay(
        init_value=0.1, transition_steps=2, decay_rate=0.1, staircase=True
    )
    sched_steps = 0
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(net, params, batch_stats, opt_state, inputs, targets):
        def loss_fn(params):
            output, mutated = net.apply(
                {"params": params, "batch_stats": batch_stats}, inputs, mutable=["batch_stats"]
            )
            loss = switcheroo_runtime.cross_entropy(output, targets)
            return loss, (mutated["batch_stats"],)
        (loss, (batch_stats,)), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
        updates, opt_state = opt.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, batch_stats, opt_state, loss

    params = None  # created from the first batch: Flax infers the shapes of the variables from an input
    for epoch in range(epochs):
        for inputs, targets in batches:
            if params is None:
                key, params_key = jax.random.split(key)
                variables = net.init(params_key, inputs)
                params, batch_stats = variables["params"], variables["batch_stats"]
                opt_state = opt.init(params)
            params, batch_stats, opt_state, loss = train_step(
                net, params, batch_stats, opt_state, inputs, targets
            )
        sched_steps += 1
        opt_state.hyperparams["learning_rate"] = sched(sched_steps)
    # switcheroo: SWR3002 torch.save is not converted: 'sched.state_dict()' is neither the trained...
    # switcheroo: SWR3002 torch.nn.Module.state_dict is not converted: a Flax module holds no...
    torch.save({"model": net.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict()}, ckpt_path)


def untrained(ckpt_path):
    """No converted training step of the model here: reported."""
    net = Classifier()
    # switcheroo: SWR3002 torch.save is not converted: a checkpoint dict converts after its model's...
    # switcheroo: SWR3002 torch.nn.Module.state_dict is not converted: a Flax module holds no...
    torch.save({"model": net.state_dict(), "epoch": 0}, ckpt_path)
