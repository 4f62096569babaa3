import jax
import jax.numpy as jnp


def forward(x):
    return jax.nn.relu(jax.nn.silu(jnp.exp(x)))


def custom(F, x):
    # F is a parameter here: it shadows the import and is left alone
    return F.relu(x)


def local(x):
    t = x
    # switcheroo: SWR3005 .exp(...) may be torch.Tensor.exp, but 't' is not known to be a tensor...
    return t.exp()
