import jax
import jax.numpy as jnp


def casts(x: jax.Array, ref: jax.Array, where: str, d, y, wanted=jnp.float32):
    half = x.astype(jnp.float16)
    short = x.astype(jnp.float16)
    by_keyword = x.astype(jnp.float64)
    like_other = x.astype(ref.dtype)
    like_sum = x.astype((ref + 1).dtype)
    like_dtype = x.astype(ref.dtype)
    moved_and_cast = x.astype(ref.dtype)
    both = x.astype(jnp.float32)
    chosen = x.astype(wanted)
    moved = x
    on_ref_device = x
    # switcheroo: SWR3003 .to(d) not converted: 'd' may be a device, a dtype or a tensor; kept as is
    unknown = x.to(d)
    # switcheroo: SWR3003 .to(y, copy=True) not converted: 'y' may be a device, a dtype or a tensor...
    also_unknown = x.to(y, copy=True)
    gpu = x
    return half, short, by_keyword, like_other, like_sum, like_dtype, moved_and_cast, both, chosen, moved, on_ref_device, unknown, also_unknown, gpu
