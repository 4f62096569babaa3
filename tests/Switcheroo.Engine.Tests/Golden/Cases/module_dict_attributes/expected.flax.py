"""An nn.ModuleDict read by attribute: Flax freezes the dict, so its entries are read by key."""
import flax.linen as nn
import switcheroo_runtime


class Encoder(nn.Module):
    vocab: int
    width: int

    def setup(self):
        vocab = self.vocab
        width = self.width
        self.parts = dict(dict(
            embed=nn.Embed(
                num_embeddings=vocab,
                features=width,
                embedding_init=nn.initializers.normal(stddev=1.0),
            ),
            norm=nn.LayerNorm(epsilon=1e-5, use_fast_variance=False),
        ))
        self.heads = {
            "score": nn.Dense(
                features=1,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width),
            ),
            'gate': nn.Sequential(
                [
                    nn.Dense(
                        features=width,
                        kernel_init=switcheroo_runtime.torch_kernel_init,
                        bias_init=switcheroo_runtime.torch_bias_init(width),
                    ),
                    nn.sigmoid,
                ]
            ),
        }

    def __call__(self, tokens):
        h = self.parts["norm"](self.parts["embed"](tokens))
        h = h * self.heads["gate"](h)
        names = list(self.heads.keys())
        return self.heads["score"](h), self.heads["score"](h), len(names)


model = Encoder(100, 16)
