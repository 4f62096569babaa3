import torch
import torch.nn.functional as F


def evaluate(model, batches):
    total = 0
    with torch.no_grad():  # no tape
        for x, y in batches:
            # score the batch
            logits = model(x)
            total += F.cross_entropy(logits, y,
                                     reduction="sum")
        text = """
    kept exactly
        as written"""
    return total, text


@torch.no_grad()
def predict(model, x):
    return torch.softmax(model(x), dim=-1)


def nested(model, x, path):
    with torch.inference_mode():
        with torch.no_grad(), open(path) as f:
            y = model(x)
            if y is None:
                with torch.enable_grad():
                    y = model(f.read())
    with torch.no_grad(): z = model(x)
    return y, z


def kept(model, x):
    guard = torch.no_grad()
    with torch.inference_mode(False):
        return model(x)
