import jax
import switcheroo_runtime
import torch


def evaluate(model, batches):
    total = 0
    # no tape
    for x, y in batches:
        # score the batch
        logits = model(x)
        total += switcheroo_runtime.cross_entropy(logits, y,
                                 reduction="sum")
    text = """
    kept exactly
        as written"""
    return total, text


def predict(model, x):
    return jax.nn.softmax(model(x), axis=-1)


def nested(model, x, path):
    with open(path) as f:
        y = model(x)
        if y is None:
            y = model(f.read())
    z = model(x)
    return y, z


def kept(model, x):
    # switcheroo: SWR3003 torch.no_grad converts as a with-statement item or a decorator without...
    guard = torch.no_grad()
    # switcheroo: SWR3003 torch.inference_mode converts as a with-statement item or a decorator...
    with torch.inference_mode(False):
        return model(x)
