"""Lists of layers filled after they are created: Flax freezes a list assigned in setup."""
import typing
import flax.linen as nn
import switcheroo_runtime


class Block(nn.Module):
    width: typing.Any

    def setup(self):
        width = self.width
        self.fc = nn.Dense(
            features=width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )

    def __call__(self, x):
        return self.fc(x)


class Stack(nn.Module):
    width: typing.Any
    depth: typing.Any
    extra: bool = True

    def setup(self):
        width = self.width
        depth = self.depth
        extra = self.extra
        blocks2 = []
        for i in range(depth):
            if i % 2 == 0:
                blocks2.append(Block(width))
            else:
                blocks2.extend([Block(width), Block(width)])
        if extra:
            blocks2 += [Block(width)]
        self.blocks = blocks2
        self.count = len(self.blocks)
        heads = []
        blocks = 3
        for _ in range(blocks):
            heads.append(
                nn.Dense(
                    features=width,
                    kernel_init=switcheroo_runtime.torch_kernel_init,
                    bias_init=switcheroo_runtime.torch_bias_init(width),
                )
            )
        self.heads = heads
        self.head = self.heads[-1]

    def __call__(self, x):
        for block in self.blocks:
            x = block(x)
        return self.head(x)


class Patched(nn.Module):
    width: typing.Any

    def setup(self):
        width = self.width
        layers = []
        layers.append(
            nn.Dense(
                features=width,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width),
            )
        )
        layers[0] = nn.Dense(
            features=2 * width,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(width),
        )
        self.layers = layers

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class Grown(nn.Module):
    width: typing.Any

    def setup(self):
        width = self.width
        self.layers = []
        # switcheroo: SWR3001 self.layers is changed after the constructor assigned it (.append(...))...
        self.layers.append(
            nn.Dense(
                features=width,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width),
            )
        )

    def grow(self, width):
        # switcheroo: SWR3001 self.layers is changed after the constructor assigned it (.append(...)...
        self.layers.append(
            nn.Dense(
                features=width,
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(width),
            )
        )

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


class Ratios(nn.Module):
    """A list built by a comprehension in a branch, then grown there; a field shadowed by the attribute."""

    count: typing.Any
    low: float = 0.2
    high: float = 0.8
    ratios: typing.Any = None
    mode: str = "spread"

    def setup(self):
        count = self.count
        low = self.low
        high = self.high
        ratios = self.ratios
        mode = self.mode
        if ratios is None:
            if count > 1:
                ratios2 = [low + (high - low) * k / (count - 1) for k in range(count)]
                ratios2.append(1.0)
                ratios2.extend([high] * 2)
                self.ratios_ = ratios2
            else:
                self.ratios_ = [low, high]
        else:
            self.ratios_ = ratios
        if mode == "spread":
            widths = [8, 16]
            widths.append(32)
            self.widths = widths
        else:
            widths = []
            widths.append(4)
            self.widths = widths
        self.proj = nn.Dense(
            features=self.widths[-1],
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(len(self.ratios_)),
        )

    def __call__(self, x):
        return self.proj(x * self.ratios_[0])
