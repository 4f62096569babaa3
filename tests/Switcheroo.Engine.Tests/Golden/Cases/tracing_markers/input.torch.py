# Markers for torch's tracers (torch.fx, TorchScript) mean nothing to JAX: they go, and tests of
# whether torch is tracing are False in converted code.
import torch
import torch.fx
import torchvision


def _pad_to_even(x):
    if x.shape[-1] % 2:
        x = torch.nn.functional.pad(x, (0, 1))
    return x


torch.fx.wrap("_pad_to_even")


@torch.jit._script_if_tracing
def _clip(boxes: torch.Tensor, size: int):
    return boxes.clamp(min=0, max=size)


def scale(boxes: torch.Tensor, size: int):
    if torchvision._is_tracing() or torch.jit.is_tracing():
        return _clip(boxes, size)
    return _pad_to_even(boxes) * 2


registered = torch.fx.wrap("scale")
