# torch.nn.functional's convolutions on torch's layouts (weight (out, in / groups, *kernel)), with 'same'
# padding and groups, and F.pad's other modes (a mode known only at run time too).
import typing
import flax.linen as nn
import switcheroo_runtime


class Smear(nn.Module):
    mode: typing.Any

    def __call__(self, signal, taps, image, kernel):
        wide = switcheroo_runtime.pad(signal, (2, 1), mode=self.mode)
        line = switcheroo_runtime.conv1d(wide, taps, bias=None, stride=1, padding=0, dilation=2)
        flat = switcheroo_runtime.conv2d(image, kernel, padding="same", groups=2)
        edge = switcheroo_runtime.pad(image, (1, 1, 0, 2), mode="replicate")
        return line, flat, switcheroo_runtime.conv2d(edge, kernel, stride=(2, 1), groups=2)
