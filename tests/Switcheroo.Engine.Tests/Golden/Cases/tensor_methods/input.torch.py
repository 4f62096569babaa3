import torch


class Block:
    def forward(self, x, mask):
        b = x.size(0)
        y = x.view(b, -1).contiguous()
        y = y.permute(1, 0).unsqueeze(0)
        z = torch.transpose(y, 0, 1) if False else y.transpose(1, 2)
        total = z.sum(dim=-1, keepdim=True)
        return total.mean(1), x.size(), y.detach()


def helper(values):
    return values.sum(1)
