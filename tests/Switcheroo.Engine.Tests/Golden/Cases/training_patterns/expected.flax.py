import jax.numpy as jnp
import flax.linen as nn
import optax
from torch import optim


class G(nn.Module):
    def setup(self):
        self.fc = nn.Dense(features=8)

    def __call__(self, z):
        return self.fc(z)


def gan(loader, d):
    g = G()
    opt_g = optax.adam(learning_rate=2e-4)
    opt_d = optax.adam(learning_rate=2e-4)
    for real in loader:
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (the loop steps several optimizers or steps twice (alternating updates, as in GANs))
        opt_d.zero_grad()
        # switcheroo: SWR3005 .mean(...) may be torch.Tensor.mean, but 'd(real)' is not known to be a tensor; kept as is
        # switcheroo: SWR3005 .mean(...) may be torch.Tensor.mean, but 'd(g(real))' is not known to be a tensor; kept as is
        loss_d = d(real).mean() - d(g(real)).mean()
        # switcheroo: SWR3011 backward() not converted: the loop steps several optimizers or steps twice (alternating updates, as in GANs); gradients come from jax.value_and_grad of a loss function
        loss_d.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: the loop steps several optimizers or steps twice (alternating updates, as in GANs); the loop stays torch code (write it with jax.value_and_grad, optimizer.update and optax.apply_updates)
        opt_d.step()
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (the loop steps several optimizers or steps twice (alternating updates, as in GANs))
        opt_g.zero_grad()
        # switcheroo: SWR3005 .mean(...) may be torch.Tensor.mean, but 'd(g(real))' is not known to be a tensor; kept as is
        loss_g = -d(g(real)).mean()
        # switcheroo: SWR3011 backward() not converted: the loop steps several optimizers or steps twice (alternating updates, as in GANs); gradients come from jax.value_and_grad of a loss function
        loss_g.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: the loop steps several optimizers or steps twice (alternating updates, as in GANs); the loop stays torch code (write it with jax.value_and_grad, optimizer.update and optax.apply_updates)
        opt_g.step()


def accumulate(loader):
    model = G()
    opt = optax.sgd(learning_rate=0.1)
    for i, (x, y) in enumerate(loader):
        loss = jnp.mean(((model(x) - y) ** 2)) / 4
        # switcheroo: SWR3011 backward() not converted: backward() and step() are not in one block in that order (a conditional step: gradient accumulation); gradients come from jax.value_and_grad of a loss function
        loss.backward()
        if (i + 1) % 4 == 0:
            # switcheroo: SWR3011 optimizer.step() not converted: backward() and step() are not in one block in that order (a conditional step: gradient accumulation); the loop stays torch code (write it with jax.value_and_grad, optimizer.update and optax.apply_updates)
            opt.step()
            # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (backward() and step() are not in one block in that order (a conditional step: gradient accumulation))
            opt.zero_grad()


def amp(loader, scaler):
    model = G()
    opt = optax.sgd(learning_rate=0.1)
    for x in loader:
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (a backward() next to it is not part of a converted training step)
        opt.zero_grad()
        loss = jnp.sum(model(x))
        # switcheroo: SWR3011 backward() not converted: no optimizer.step() of a torch.optim optimizer follows it in the same loop; gradients come from jax.value_and_grad of a loss function
        scaler.scale(loss).backward()
        scaler.step(opt)
        scaler.update()


def lbfgs(x):
    model = G()
    # switcheroo: SWR3002 torch.optim.LBFGS is not converted: this optimizer has no Optax mapping yet; use the optax optimizer of the same name, with its arguments checked against torch's
    opt = optim.LBFGS(model.parameters())
    for _ in range(10):
        def closure():
            # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (a backward() next to it is not part of a converted training step)
            opt.zero_grad()
            loss = jnp.sum(model(x))
            # switcheroo: SWR3011 backward() not converted: no optimizer.step() of a torch.optim optimizer follows it in the same loop; gradients come from jax.value_and_grad of a loss function
            loss.backward()
            return loss
        # switcheroo: SWR3011 optimizer.step() not converted: step(closure) re-evaluates the loss (LBFGS-style optimizers): not converted; the loop stays torch code (write it with jax.value_and_grad, optimizer.update and optax.apply_updates)
        opt.step(closure)


def no_zero_grad(loader):
    model = G()
    opt = optax.sgd(learning_rate=0.1)
    for x in loader:
        loss = jnp.sum(model(x))
        # switcheroo: SWR3011 backward() not converted: the loop never calls zero_grad(), so torch accumulates gradients across iterations (gradient accumulation); gradients come from jax.value_and_grad of a loss function
        loss.backward()
        # switcheroo: SWR3011 optimizer.step() not converted: the loop never calls zero_grad(), so torch accumulates gradients across iterations (gradient accumulation); the loop stays torch code (write it with jax.value_and_grad, optimizer.update and optax.apply_updates)
        opt.step()


def touched_gradients(loader):
    model = G()
    opt = optax.sgd(learning_rate=0.1)
    for x in loader:
        # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (statements between backward() and step() read or change the gradients in place)
        opt.zero_grad()
        loss = jnp.sum(model(x))
        # switcheroo: SWR3011 backward() not converted: statements between backward() and step() read or change the gradients in place; gradients come from jax.value_and_grad of a loss function
        loss.backward()
        print(model.fc.weight.grad)
        # switcheroo: SWR3011 optimizer.step() not converted: statements between backward() and step() read or change the gradients in place; the loop stays torch code (write it with jax.value_and_grad, optimizer.update and optax.apply_updates)
        opt.step()


def once(model, x):
    opt = optax.sgd(learning_rate=0.1)
    # switcheroo: SWR3011 zero_grad() kept: the training step here is not converted (a backward() next to it is not part of a converted training step)
    opt.zero_grad()
    # switcheroo: SWR3011 backward() not converted: no optimizer.step() of a torch.optim optimizer follows it in the same loop; gradients come from jax.value_and_grad of a loss function
    # switcheroo: SWR3005 .sum(...) may be torch.Tensor.sum, but 'model(x)' is not known to be a tensor; kept as is
    model(x).sum().backward()
