"""Training and evaluation in functions that receive the model and the optimizer.

The shape of PyTorch's own examples: main() builds the model, the optimizer and its scheduler, and
calls train(...) and test(...) once per epoch. A Linen module holds no weights, so the converted
functions take the variables, the optimizer state and the key as arguments and return what they
change; every call site passes them and takes them back. The variables are created from the
first batch train() sees: main() starts them at None.
"""
import functools
import jax
import jax.numpy as jnp
import flax.linen as nn
import optax
import switcheroo_runtime


class Net(nn.Module):
    train: bool = True

    def setup(self):
        self.conv = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=4,
                kernel_size=(3, 3),
                padding='VALID',
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(1, (3, 3)),
            )
        )
        self.bn = switcheroo_runtime.BatchNorm(use_running_average=not self.train)
        self.dropout = nn.Dropout(rate=0.25, deterministic=not self.train)
        self.fc = nn.Dense(
            features=10,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(4),
        )

    def __call__(self, x):
        x = jax.nn.relu(self.bn(self.conv(x)))
        x = self.dropout(switcheroo_runtime.flatten(switcheroo_runtime.adaptive_avg_pool(x, 1), 1))
        return jax.nn.log_softmax(self.fc(x), axis=1)


def train(args, model, device, train_loader, optimizer, epoch, params, batch_stats, opt_state, key):
    model = model.clone(train=True)
    @functools.partial(jax.jit, static_argnums=0)
    def train_step(model, params, batch_stats, opt_state, dropout_key, data, target):
        def loss_fn(params):
            output, mutated = model.apply(
                {"params": params, "batch_stats": batch_stats},
                data,
                mutable=["batch_stats"],
                rngs={"dropout": dropout_key},
            )
            loss = switcheroo_runtime.nll_loss(output, target)
            return loss, (mutated["batch_stats"],)
        (loss, (batch_stats,)), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
        updates, opt_state = optimizer.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        return params, batch_stats, opt_state, loss

    for batch_idx, (data, target) in enumerate(train_loader):
        if params is None:
            key, params_key, dropout_key = jax.random.split(key, 3)
            variables = model.init({"params": params_key, "dropout": dropout_key}, data)
            params, batch_stats = variables["params"], variables["batch_stats"]
            opt_state = optimizer.init(params)
        key, dropout_key = jax.random.split(key)
        params, batch_stats, opt_state, loss = train_step(
            model, params, batch_stats, opt_state, dropout_key, data, target
        )
        if batch_idx % args.log_interval == 0:
            print(epoch, batch_idx, loss.item())
    return params, batch_stats, opt_state, key


def test(model, device, test_loader, params, batch_stats):
    model = model.clone(train=False)
    test_loss = 0
    correct = 0
    for data, target in test_loader:
        output = model.apply({"params": params, "batch_stats": batch_stats}, data)
        test_loss += switcheroo_runtime.nll_loss(output, target, reduction="sum").item()
        pred = jnp.argmax(output, axis=1, keepdims=True)
        correct += jnp.sum((jnp.squeeze(pred, 1) == target)).item()
    print(test_loss / len(test_loader.dataset), correct)


def main(args, train_loader, test_loader):
    key = jax.random.PRNGKey(args.seed)
    device = "cpu"
    model = Net()
    optimizer = optax.inject_hyperparams(
        lambda learning_rate: optax.adadelta(learning_rate=learning_rate)
    )(learning_rate=args.lr)
    scheduler = optax.exponential_decay(
        init_value=args.lr, transition_steps=1, decay_rate=args.gamma, staircase=True
    )
    scheduler_steps = 0
    params, batch_stats, opt_state = None, None, None  # created from the first batch in train(): Flax infers the shapes of the variables from an input
    for epoch in range(1, args.epochs + 1):
        params, batch_stats, opt_state, key = train(
            args, model, device, train_loader, optimizer, epoch, params, batch_stats, opt_state, key
        )
        test(model, device, test_loader, params, batch_stats)
        scheduler_steps += 1
        opt_state.hyperparams["learning_rate"] = scheduler(scheduler_steps)
    if args.save_model:
        switcheroo_runtime.KeyMapper.save(
            "mnist_cnn.pt", {"params": params, "batch_stats": batch_stats}
        )
