import torch
import torch.nn as nn


# **extra is never read: torch takes the keys that name its arguments and ignores the rest.
class Classifier(nn.Module):
    def __init__(self, features, hidden=16, classes=4, *, scale=1.0, **extra):
        super().__init__()
        self.body = nn.Linear(features, hidden)
        self.head = nn.Linear(hidden, classes)
        self.scale = scale

    def forward(self, x):
        return self.head(torch.relu(self.body(x))) * self.scale


# Built by Classifier's constructor, which ignores extra keywords for it too.
class WideClassifier(Classifier):
    pass


# A builder in the shape model zoos use: its options go to the model whole, whatever they hold
# (a `weights` or `progress` key the model never took, `name` included).
def build_classifier(features, **options):
    model = Classifier(features, **options)
    return model


def build_wide(features, hidden, **options):
    return WideClassifier(features, hidden, classes=3, **options)


# *rest alone is ignored: torch rejects an unknown keyword here, so **options stays reported.
class Stack(nn.Module):
    def __init__(self, width, *rest):
        super().__init__()
        self.fc = nn.Linear(width, width)

    def forward(self, x):
        return self.fc(x)


def build_stack(width, **options):
    return Stack(width, **options)


# A keyword torch ignored, written out: reported, as before.
def build_with_extra(features, **options):
    return Classifier(features, momentum=0.9, **options)
