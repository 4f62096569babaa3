"""torchvision's StrEnum holds no torch: a class deriving from it is plain Python on the runtime's StrEnum."""
import flax.linen as nn
import switcheroo_runtime


class Size(switcheroo_runtime.StrEnum):
    SMALL = 16
    LARGE = 64

    @classmethod
    def parse(cls, text: str) -> "Size":
        return cls.from_str(text.upper())


class Stem(nn.Module):
    size: str = "small"

    def setup(self) -> None:
        size = self.size
        self.proj = nn.Dense(
            features=Size.parse(size).value,
            kernel_init=switcheroo_runtime.torch_kernel_init,
            bias_init=switcheroo_runtime.torch_bias_init(8),
        )

    def __call__(self, x):
        return self.proj(x)
