import torch
from torch import float16


def casts(x: torch.Tensor, ref: torch.Tensor, where: str, d, y, wanted=torch.float32):
    half = x.to(torch.float16)
    short = x.to(float16)
    by_keyword = x.to(dtype=torch.float64)
    like_other = x.to(ref)
    like_sum = x.to(ref + 1)
    like_dtype = x.to(ref.dtype)
    moved_and_cast = x.to("cpu", ref.dtype)
    both = x.to(device=torch.device(where), dtype=torch.float32)
    chosen = x.to(wanted, non_blocking=True)
    moved = x.to(where)
    on_ref_device = x.to(ref.device)
    unknown = x.to(d)
    also_unknown = x.to(y, copy=True)
    gpu = x.cuda(0).cpu()
    return half, short, by_keyword, like_other, like_sum, like_dtype, moved_and_cast, both, chosen, moved, on_ref_device, unknown, also_unknown, gpu
