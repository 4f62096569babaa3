import flax.linen as nn
import switcheroo_runtime
import torch.nn.functional as F


class Head(nn.Module):
    factor: float

    def setup(self):
        self.up = lambda x: switcheroo_runtime.interpolate(
            x, scale_factor=2, mode="bilinear", align_corners=False
        )
        self.near = lambda x: switcheroo_runtime.interpolate(x, size=(7, 9), mode='nearest')
        self.corners = lambda x: switcheroo_runtime.interpolate(
            x, scale_factor=3, mode='bilinear', align_corners=True
        )

    def __call__(self, x, low):
        size = x.shape[-2:]
        y = switcheroo_runtime.interpolate(
            self.up(low), size=size, mode="bilinear", align_corners=False
        )
        z = switcheroo_runtime.interpolate(
            y, scale_factor=self.factor, mode="bicubic", recompute_scale_factor=False
        )
        w = switcheroo_runtime.interpolate(z, size=(20, 20), mode="bilinear", align_corners=True)
        n = switcheroo_runtime.interpolate(self.corners(self.near(w)), scale_factor=0.5)
        # switcheroo: SWR3003 torch.nn.functional.interpolate(...) not converted: the value of...
        return F.interpolate(n, size=(5, 5), mode="bilinear", antialias=True)
