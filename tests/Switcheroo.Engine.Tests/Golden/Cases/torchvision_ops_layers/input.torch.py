# torchvision.ops layers built by model code: called, given other layer classes, and as values.
import torch
import torch.nn as nn
from functools import partial
from torchvision import ops
from torchvision.ops import MLP, Permute
from torchvision.ops import boxes as box_ops
from torchvision.ops.misc import Conv2dNormActivation, Conv3dNormActivation, FrozenBatchNorm2d, SqueezeExcitation
from torchvision.ops.stochastic_depth import StochasticDepth


class InvertedStage(nn.Module):
    def __init__(self, width: int, squeeze: int, drop: float = 0.2):
        super().__init__()
        norm_layer = partial(nn.BatchNorm2d, eps=1e-3, momentum=0.01)
        self.expand = Conv2dNormActivation(3, width, kernel_size=3, stride=2, norm_layer=norm_layer,
                                           activation_layer=nn.Hardswish)
        self.depthwise = ops.Conv2dNormActivation(width, width, 5, groups=width, dilation=2, inplace=None)
        self.gate = SqueezeExcitation(width, squeeze, scale_activation=nn.Hardsigmoid)
        self.project = Conv2dNormActivation(width, width, 1, norm_layer=None, activation_layer=None)
        self.frozen = FrozenBatchNorm2d(width, eps=1e-4)
        self.skip = StochasticDepth(drop, "row")

    def forward(self, x):
        y = self.expand(x)
        y = self.project(self.gate(self.depthwise(y)))
        return y + self.skip(self.frozen(y))


class TokenMixer(nn.Module):
    def __init__(self, dim: int, hidden: int):
        super().__init__()
        block = Conv2dNormActivation
        self.stem = block(dim, dim, kernel_size=1, activation_layer=nn.SiLU)
        self.to_channels_last = Permute([0, 2, 3, 1])
        self.mlp = MLP(dim, [hidden, dim], norm_layer=nn.LayerNorm, activation_layer=nn.GELU, inplace=None, dropout=0.1)
        self.depth = ops.StochasticDepth(0.1, mode="batch")

    def forward(self, x):
        return self.depth(self.mlp(self.to_channels_last(self.stem(x))))


class Clip(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.stem = Conv3dNormActivation(3, channels, kernel_size=(1, 3, 3), stride=(1, 2, 2), padding=(0, 1, 1))
        self.norm = ops.FrozenBatchNorm2d(channels)

    def forward(self, video):
        return self.stem(video)


class GatedResidual(nn.Module):
    def __init__(self, channels: int, p: float):
        super().__init__()
        self.gate = SqueezeExcitation(channels, channels // 4, activation=nn.SiLU, scale_activation=nn.Sigmoid)
        self.p = p

    def forward(self, x):
        return x + ops.stochastic_depth(self.gate(x), self.p, "row", self.training)


def overlaps(anchors: torch.Tensor, targets: torch.Tensor, image_size):
    anchors = box_ops.clip_boxes_to_image(anchors, image_size)
    areas = ops.box_area(anchors)
    return box_ops.box_iou(anchors, targets), ops.generalized_box_iou(anchors, targets), areas
