# torchvision.ops layers built by model code: called, given other layer classes, and as values.
import jax
import flax.linen as nn
import switcheroo_runtime
from functools import partial


class InvertedStage(nn.Module):
    width: int
    squeeze: int
    drop: float = 0.2
    train: bool = True

    def setup(self):
        width = self.width
        squeeze = self.squeeze
        drop = self.drop
        norm_layer = partial(
            switcheroo_runtime.batch_norm_layer(self.train), eps=1e-3, momentum=0.01
        )
        self.expand = switcheroo_runtime.conv_norm_activation_layer(2, self.train)(
            3,
            width,
            stride=2,
            norm_layer=norm_layer,
            activation_layer=switcheroo_runtime.activation_layer(nn.hard_swish),
        )
        self.depthwise = switcheroo_runtime.conv_norm_activation_layer(2, self.train)(
            width, width, kernel_size=5, groups=width, dilation=2, inplace=None
        )
        self.gate = switcheroo_runtime.squeeze_excitation_layer(
            width, squeeze, scale_activation=switcheroo_runtime.activation_layer(nn.hard_sigmoid)
        )
        self.project = switcheroo_runtime.conv_norm_activation_layer(2, self.train)(
            width, width, kernel_size=1, norm_layer=None, activation_layer=None
        )
        self.frozen = switcheroo_runtime.frozen_batch_norm_layer(width, eps=1e-4)
        self.skip = switcheroo_runtime.stochastic_depth_layer(self.train)(drop, "row")

    def __call__(self, x):
        y = self.expand(x)
        y = self.project(self.gate(self.depthwise(y)))
        return y + self.skip(self.frozen(y))


class TokenMixer(nn.Module):
    dim: int
    hidden: int
    train: bool = True

    def setup(self):
        dim = self.dim
        hidden = self.hidden
        block = switcheroo_runtime.conv_norm_activation_layer(2, self.train)
        self.stem = block(
            dim, dim, kernel_size=1, activation_layer=switcheroo_runtime.activation_layer(nn.silu)
        )
        self.to_channels_last = switcheroo_runtime.permute_layer([0, 2, 3, 1])
        self.mlp = switcheroo_runtime.mlp_layer(self.train)(
            dim,
            [hidden, dim],
            norm_layer=switcheroo_runtime.layer_norm_layer,
            activation_layer=switcheroo_runtime.gelu_layer,
            inplace=None,
            dropout=0.1,
        )
        self.depth = switcheroo_runtime.stochastic_depth_layer(self.train)(0.1, "batch")

    def __call__(self, x):
        return self.depth(self.mlp(self.to_channels_last(self.stem(x))))


class Clip(nn.Module):
    channels: int
    train: bool = True

    def setup(self):
        channels = self.channels
        self.stem = switcheroo_runtime.conv_norm_activation_layer(3, self.train)(
            3, channels, kernel_size=(1, 3, 3), stride=(1, 2, 2), padding=(0, 1, 1)
        )
        self.norm = switcheroo_runtime.frozen_batch_norm_layer(channels)

    def __call__(self, video):
        return self.stem(video)


class GatedResidual(nn.Module):
    channels: int
    p: float
    train: bool = True

    def setup(self):
        channels = self.channels
        self.gate = switcheroo_runtime.squeeze_excitation_layer(
            channels,
            channels // 4,
            activation=switcheroo_runtime.activation_layer(nn.silu),
            scale_activation=switcheroo_runtime.activation_layer(nn.sigmoid),
        )

    def __call__(self, x):
        return x + switcheroo_runtime.stochastic_depth(
            self, self.gate(x), self.p, "row", training=self.train
        )


def overlaps(anchors: jax.Array, targets: jax.Array, image_size):
    anchors = switcheroo_runtime.clip_boxes_to_image(anchors, image_size)
    areas = switcheroo_runtime.box_area(anchors)
    return switcheroo_runtime.box_iou(anchors, targets), switcheroo_runtime.generalized_box_iou(
        anchors, targets
    ), areas
