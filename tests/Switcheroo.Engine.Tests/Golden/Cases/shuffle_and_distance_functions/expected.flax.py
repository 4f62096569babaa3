"""Pixel and channel shuffles and the pairwise distances, as functions and as layers, on torch's NCHW layout."""
import flax.linen as nn
import switcheroo_runtime

SWITCHEROO_EXAMPLES = {"Rearrange": {"input_shape": [2, 8, 4, 6]}}


class Rearrange(nn.Module):
    def setup(self):
        self.conv = switcheroo_runtime.ChannelsFirst(
            nn.Conv(
                features=8,
                kernel_size=(1, 1),
                padding='VALID',
                kernel_init=switcheroo_runtime.torch_kernel_init,
                bias_init=switcheroo_runtime.torch_bias_init(8, (1, 1)),
            )
        )
        self.up = lambda x: switcheroo_runtime.pixel_shuffle(x, 2)
        self.down = lambda x: switcheroo_runtime.pixel_unshuffle(x, 2)

    def __call__(self, x):
        x = self.conv(x)
        z = switcheroo_runtime.pixel_unshuffle(switcheroo_runtime.pixel_shuffle(x, 2), 2)
        return self.down(self.up(x)) + z


# torch 1.13 has no derivative for channel_shuffle, so verify (which takes gradients) leaves this one out
class Shuffled(nn.Module):
    def setup(self):
        self.shuffle = lambda x: switcheroo_runtime.channel_shuffle(x, 4)

    def __call__(self, x):
        return self.shuffle(
            switcheroo_runtime.channel_shuffle(switcheroo_runtime.channel_shuffle(x, 2), 4)
        )


class Distances(nn.Module):
    def setup(self):
        self.dist = lambda x1, x2: switcheroo_runtime.pairwise_distance(x1, x2, p=1.0, keepdim=True)
        self.cos = lambda x1, x2: switcheroo_runtime.cosine_similarity(x1, x2, dim=-1, eps=1e-6)

    def __call__(self, a, b):
        near = switcheroo_runtime.pairwise_distance(a, b) + switcheroo_runtime.pairwise_distance(
            a, b, p=3.0, eps=1e-4
        )
        angle = switcheroo_runtime.cosine_similarity(
            a, b, dim=-1
        ) + switcheroo_runtime.cosine_similarity(a, b)
        return near, angle, self.dist(a, b), self.cos(a, b)
