# A float model written for eager-mode quantization, and its float twin: before prepare/convert the
# stubs are the identity and FloatFunctional's methods are the float operations, so both convert
# to the same Flax model. The quantization steps themselves are reported.
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.ao.quantization import DeQuantStub, QuantStub
from torch.quantization import fuse_modules


class GatedBranch(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.left = nn.Conv2d(channels, channels, 3, padding=1)
        self.right = nn.Conv2d(channels, channels, 1)
        self.gate = nn.Conv2d(2 * channels, channels, 1)

    def forward(self, x):
        a = self.left(x)
        b = self.right(x)
        y = F.relu(a + x)
        y = y * torch.sigmoid(b)
        y = torch.cat([y, b], 1)
        return self.gate(y) * 0.5 + 1.0


class QuantizableGatedBranch(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.left = nn.Conv2d(channels, channels, 3, padding=1)
        self.right = nn.Conv2d(channels, channels, 1)
        self.gate = nn.Conv2d(2 * channels, channels, 1)
        self.add_relu = nn.quantized.FloatFunctional()
        self.mul = torch.nn.quantized.FloatFunctional()
        self.cat = torch.ao.nn.quantized.FloatFunctional()
        self.scalars = nn.quantized.FloatFunctional()
        self.quant = QuantStub()
        self.dequant = torch.quantization.DeQuantStub(qconfig=None)

    def forward(self, x):
        x = self.quant(x)
        a = self.left(x)
        b = self.right(x)
        y = self.add_relu.add_relu(a, x)
        y = self.mul.mul(y, torch.sigmoid(b))
        y = self.cat.cat([y, b], 1)
        y = self.scalars.add_scalar(self.scalars.mul_scalar(self.gate(y), 0.5), 1.0)
        return self.dequant(y)

    def fuse_model(self):
        fuse_modules(self, [["left"], ["right"]], inplace=True)


class Residual(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.body = nn.Conv2d(channels, channels, 3, padding=1)
        self.skip_add = nn.quantized.FloatFunctional()
        self.stack = nn.quantized.FloatFunctional()

    def forward(self, x):
        y = self.skip_add.add(self.body(x), x)
        z = self.skip_add.mul_scalar(self.skip_add.add(y, x), 2.0)
        assert self.skip_add.add(z, x).dim() == 4
        return self.stack.cat((z, x), dim=0)


def quantize(model: nn.Module, example: torch.Tensor) -> None:
    torch.backends.quantized.engine = "qnnpack"
    model.qconfig = torch.ao.quantization.get_default_qconfig("qnnpack")
    torch.ao.quantization.prepare(model, inplace=True)
    model(example)
    torch.ao.quantization.convert(model, inplace=True)
