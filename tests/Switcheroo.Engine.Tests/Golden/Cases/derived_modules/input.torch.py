import torch.nn as nn


class Base(nn.Module):
    def __init__(self, w, scale=1.0):
        super().__init__()
        self.fc = nn.Linear(w, w)
        self.scale = scale * 2

    def forward(self, x):
        return self.fc(x) * self.scale


class Dropping(nn.Module):
    def __init__(self, w):
        super().__init__()
        self.drop = nn.Dropout(0.5)


# Passes a computed value to the base's constructor.
class Computed(Base):
    def __init__(self, w):
        Base.__init__(self, w * 2)
        self.extra = nn.ReLU()

    def forward(self, x):
        return self.extra(self.fc(x))


# Passes a constant for a base argument it does not take.
class Fixed(Base):
    def __init__(self, w):
        super().__init__(w, scale=3.0)


# Takes the base's arguments in another order: 'w' stands before 'scale' among the fields, so it is keyword-only.
class Reordered(Base):
    def __init__(self, scale, w):
        super().__init__(w, scale)


# Reads an attribute that the base sets to another value than its field: it reads the base's new attribute.
class Scaled(Base):
    def forward(self, x):
        return self.fc(x) / self.scale


# New positional arguments after a base that carries the train flag.
class Wider(Dropping):
    def __init__(self, w, k=2):
        super().__init__(w)
        self.fc = nn.Linear(w, k)


# *args, **kwargs read again after passing them on.
class Echo(Base):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.size = len(args)


# No call of the base's constructor.
class Forgetful(Base):
    def __init__(self, w):
        self.w2 = w


class Named:
    label = "block"


# Another base besides the module class.
class Labelled(Base, Named):
    pass


# Passes the base another argument besides its *args, **kwargs.
class Narrow(Base):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, scale=0.5, **kwargs)
