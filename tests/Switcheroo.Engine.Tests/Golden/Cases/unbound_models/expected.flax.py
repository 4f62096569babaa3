import typing
import jax
import jax.numpy as jnp
import flax.linen as nn
import switcheroo_runtime


class Scorer(nn.Module):
    hidden: typing.Any

    def setup(self):
        hidden = self.hidden
        self.proj = nn.Dense(
            features=hidden,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(6),
        )
        self.head = nn.Dense(
            features=2,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(hidden),
        )

    def __call__(self, x):
        return self.head(jnp.tanh(self.proj(x)))


class NormedScorer(nn.Module):
    hidden: typing.Any
    train: bool = True

    def setup(self):
        hidden = self.hidden
        self.proj = nn.Dense(
            features=hidden,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(6),
        )
        self.norm = switcheroo_runtime.BatchNorm(use_running_average=not self.train)
        self.drop = nn.Dropout(rate=0.25, deterministic=not self.train)

    def __call__(self, x):
        return self.drop(self.norm(self.proj(x)))


def seeded(x, y):
    key = jax.random.PRNGKey(7)
    scorer = Scorer(12)
    key, init_key = jax.random.split(key)
    variables = scorer.init(init_key, x)
    first = scorer.apply(variables, x)
    return first + scorer.apply(variables, y)


def seeded_eval(x):
    key = jax.random.PRNGKey(3)
    scorer = NormedScorer(5)
    scorer = scorer.clone(train=False)
    key, init_key = jax.random.split(key)
    variables = scorer.init(init_key, x)
    return jax.nn.softmax(scorer.apply(variables, x), axis=-1)


def unseeded(x):
    scorer = Scorer(4)
    # switcheroo: SWR3010 'scorer' is a converted Flax module (Scorer) applied without variables (a...
    return scorer(x)


def training_mode(x):
    key = jax.random.PRNGKey(1)
    scorer = NormedScorer(5)
    # switcheroo: SWR3009 'scorer' is a converted Flax module (NormedScorer) applied without...
    return scorer(x)


def in_branch(x, flag):
    key = jax.random.PRNGKey(2)
    scorer = Scorer(3)
    if flag:
        # switcheroo: SWR3013 'scorer' is a converted Flax module (Scorer) applied without variables (a...
        x = scorer(x)
    # switcheroo: SWR3013 'scorer' is a converted Flax module (Scorer) applied without variables (a...
    return scorer(x)


def nested(x):
    key = jax.random.PRNGKey(4)
    scorer = Scorer(6)

    def score(v):
        # switcheroo: SWR3013 'scorer' is a converted Flax module (Scorer) applied without variables (a...
        return scorer(v)

    return score(x)


def rebuilt(x, wide):
    key = jax.random.PRNGKey(5)
    scorer = Scorer(3)
    if wide:
        scorer = Scorer(9)
    # switcheroo: SWR3013 'scorer' is a converted Flax module (Scorer) applied without variables (a...
    return scorer(x)


def apply_to(scorer, x):
    # switcheroo: SWR3013 'scorer' receives a converted Flax module (Scorer), which holds no weights...
    return scorer(x)


def run(x):
    return apply_to(Scorer(8), x)
