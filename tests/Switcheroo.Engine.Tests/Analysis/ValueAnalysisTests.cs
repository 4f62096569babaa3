using Switcheroo.Engine.Analysis.Values;
using Switcheroo.Engine.Binding;
using Switcheroo.Engine.Parsing;
using Switcheroo.Engine.Tests.Support;
using Switcheroo.Grammar;

namespace Switcheroo.Engine.Tests.Analysis;

/// <summary>
/// The value analysis, rule by rule (docs/maps.md, "Which values are tensors"). Each case asks for
/// the value of an expression on the line marked <c># &lt;-</c>, read where it stands.
/// </summary>
public sealed class ValueAnalysisTests
{
    private const string Marker = "# <-";

    [Theory]
    [InlineData("torch call", "import torch\nx = torch.ones(2)\ny = x  # <-\n", "x", "tensor")]
    [InlineData("tensor method", "import torch\ny = torch.ones(2).sum(1)  # <-\n", "torch.ones(2).sum(1)", "tensor")]
    [InlineData("arithmetic", "import torch\nx = torch.ones(2)\ny = (x * 2 + 1) ** 2  # <-\n", "(x*2+1)**2", "tensor")]
    [InlineData("indexing and slicing", "import torch\nx = torch.ones(2, 3)\ny = x[0, 1:]  # <-\n", "x[0,1:]", "tensor")]
    [InlineData("int arithmetic", "n = 3\nm = n * 2 + 1  # <-\n", "n*2+1", "int")]
    [InlineData("tuple display", "import torch\nt = (torch.ones(1), 2)  # <-\n", "(torch.ones(1),2)", "(tensor, int)")]
    [InlineData("library object", "import torch\nopt = torch.optim.SGD([], lr=0.1)\nopt.step()  # <-\n", "opt", "object torch.optim.SGD")]
    [InlineData("a layer's tensor-method name", "import torch.nn as nn\nlayer = nn.Linear(2, 2)\ny = layer.float()  # <-\n", "layer.float()", "object torch.nn.Linear")]
    [InlineData("a layer's other name", "import torch.nn as nn\nlayer = nn.Linear(2, 2)\ny = layer.view(2)  # <-\n", "layer.view(2)", "unknown")]
    public void ConstructionsHaveTheirValues(string what, string source, string expression, string expected)
    {
        Check(what, expected, ValueOf(source, expression));
    }

    [Theory]
    [InlineData("rebinding", "import torch\nx = 3\nx = torch.ones(2)\nx.sum()  # <-\n", "tensor")]
    [InlineData("before the rebinding", "import torch\nx = 3\nx.bit_length()  # <-\nx = torch.ones(2)\n", "int")]
    [InlineData("conditional expression", "import torch\ny = torch.ones(2) if c else 4\ny.sum()  # <-\n", "unknown")]
    [InlineData("both branches", "import torch\nif c:\n    y = torch.ones(2)\nelse:\n    y = torch.zeros(2)\ny.sum()  # <-\n", "tensor")]
    [InlineData("one branch", "import torch\ny = 0\nif c:\n    y = torch.ones(2)\ny.sum()  # <-\n", "unknown")]
    [InlineData("inside the branch", "import torch\ny = 0\nif c:\n    y = torch.ones(2)\n    y.sum()  # <-\n", "tensor")]
    [InlineData("branch that returns", "import torch\ndef f(c):\n    y = 0\n    if c:\n        return y\n    y = torch.ones(2)\n    y.sum()  # <-\n    return y\n", "tensor")]
    [InlineData("augmented assignment", "import torch\ny = torch.ones(2)\ny += 1\ny.sum()  # <-\n", "tensor")]
    [InlineData("walrus", "import torch\nif (y := torch.ones(2)) is not None:\n    y.sum()  # <-\n", "tensor")]
    [InlineData("tuple unpacking", "import torch\na, (b, n) = torch.ones(2), (torch.zeros(1), 3)\nb.sum()  # <-\n", "tensor")]
    [InlineData("unpacking a tensor", "import torch\nq, k, v = torch.ones(3, 2)\nk.sum()  # <-\n", "tensor")]
    [InlineData("split into tensors", "import torch\nq, k, v = torch.ones(3, 2).split(1)\nk.sum()  # <-\n", "tensor")]
    [InlineData("the split itself", "import torch\nparts = torch.ones(3, 2).chunk(3)\nparts  # <-\n", "[tensor...]")]
    [InlineData("starred target", "import torch\nfirst, *rest = torch.ones(3, 2)\nrest  # <-\n", "[tensor...]")]
    [InlineData("with target", "import torch\nx = torch.ones(1)\nwith open(p) as x:\n    x.sum()  # <-\n", "unknown")]
    [InlineData("except target", "import torch\ntry:\n    x = torch.ones(1)\nexcept E as x:\n    x.sum()  # <-\n", "unknown")]
    [InlineData("handler after a partial try", "import torch\nx = 1\ntry:\n    x = torch.ones(1)\n    x = f(x)\nexcept E:\n    x.sum()  # <-\n", "unknown")]
    [InlineData("del", "import torch\nx = torch.ones(1)\ndel x\nx  # <-\n", "none")]
    public void NamesAreReadWhereTheyStand(string what, string source, string expected)
    {
        var name = source.Split('\n').Single(l => l.Contains(Marker)).Trim().Split('.', ' ')[0];
        Check(what, expected, ValueOf(source, name));
    }

    [Theory]
    [InlineData("carried around the loop", "import torch\nx = torch.ones(2)\nfor i in range(3):\n    x = x * 2\nx.sum()  # <-\n", "tensor")]
    [InlineData("changed in the loop", "import torch\nx = torch.ones(2)\nwhile c:\n    x.sum()  # <-\n    x = g(x)\n", "unknown")]
    [InlineData("loop over a tensor", "import torch\nfor row in torch.ones(2, 3):\n    row.sum()  # <-\n", "tensor")]
    [InlineData("break", "import torch\nx = 0\nfor i in range(3):\n    x = torch.ones(1)\n    break\nx.sum()  # <-\n", "unknown")]
    [InlineData("enumerate", "import torch\nfor i, t in enumerate([torch.ones(1), torch.zeros(1)]):\n    t.sum()  # <-\n", "tensor")]
    [InlineData("comprehension", "import torch\nys = [t.sum() for t in torch.ones(3, 2)]\nys  # <-\n", "[tensor...]")]
    public void LoopsReachTheirFixpoint(string what, string source, string expected)
    {
        var name = source.Split('\n').Single(l => l.Contains(Marker)).Trim().Split('.', ' ')[0];
        Check(what, expected, ValueOf(source, name));
    }

    [Theory]
    [InlineData("for x, y in loader", "loader = DataLoader(data, batch_size=8)\nfor images, labels in loader:\n    images.reshape(8, -1)  # <-\n")]
    [InlineData("enumerate(loader)", "loader = DataLoader(data)\nfor i, (images, labels) in enumerate(loader):\n    images.reshape(8, -1)  # <-\n")]
    [InlineData("a batch", "loader = DataLoader(data)\nfor batch in loader:\n    images = batch[0]\n    images.reshape(8, -1)  # <-\n")]
    [InlineData("next(iter(loader))", "loader = DataLoader(data)\nimages, labels = next(iter(loader))\nimages.reshape(8, -1)  # <-\n")]
    [InlineData("a loader passed to a function", "def train(loader):\n    for images, labels in loader:\n        images.reshape(8, -1)  # <-\n\n\ntrain(DataLoader(data))\n")]
    public void ADataLoaderYieldsTensors(string what, string body)
    {
        var source = "from torch.utils.data import DataLoader\n" + body;
        Check(what, "tensor", ValueOf(source, "images"));
    }

    [Fact]
    public void ABatchIsNotATensor()
    {
        Assert.Equal("[tensor...]", ValueOf("from torch.utils.data import DataLoader\nfor batch in DataLoader(d):\n    batch  # <-\n", "batch"));
    }

    [Theory]
    [InlineData("forward input", "    def forward(self, x, mask=None):\n        return x.sum()  # <-\n", "tensor")]
    [InlineData("forward input annotated otherwise", "    def forward(self, x: Optional[Tensor]):\n        return x.sum()  # <-\n", "unknown")]
    [InlineData("annotated torch.Tensor", "    def f(self, x: torch.Tensor):\n        return x.sum()  # <-\n", "tensor")]
    [InlineData("annotated torch.FloatTensor", "    def f(self, x: torch.FloatTensor):\n        return x.sum()  # <-\n", "tensor")]
    [InlineData("self", "    def forward(self, y):\n        x = self\n        return x  # <-\n", "module M")]
    [InlineData("layer call", "    def forward(self, y):\n        x = self.fc(y)\n        return x  # <-\n", "tensor")]
    [InlineData("attribute the constructor assigns", "    def forward(self, y):\n        x = self.scale\n        return x  # <-\n", "tensor")]
    [InlineData("parameter of an open method", "    def helper(self, x):\n        return x  # <-\n", "unknown")]
    public void ModuleMethods(string what, string method, string expected)
    {
        var source = """
            import torch
            import torch.nn as nn


            class M(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(2, 2)
                    self.scale = torch.ones(1)

            """ + method;
        Check(what, expected, ValueOf(source, "x"));
    }

    [Theory]
    [InlineData("every call passes a tensor", "def f(x):\n    return x  # <-\n\n\nf(torch.ones(1))\nf(torch.zeros(2))\n", "tensor")]
    [InlineData("one call passes an int", "def f(x):\n    return x  # <-\n\n\nf(torch.ones(1))\nf(3)\n", "unknown")]
    [InlineData("keyword argument", "def f(y, x=None):\n    return x  # <-\n\n\nf(1, x=torch.ones(1))\n", "tensor")]
    [InlineData("default used", "def f(x=None):\n    return x  # <-\n\n\nf(torch.ones(1))\nf()\n", "optional tensor")]
    [InlineData("used as a value", "def f(x):\n    return x  # <-\n\n\nf(torch.ones(1))\ng = f\n", "unknown")]
    [InlineData("a TorchScript marker", "@torch.jit._script_if_tracing\ndef f(x):\n    return x  # <-\n\n\nf(torch.ones(1))\n", "tensor")]
    [InlineData("another decorator", "@functools.lru_cache\ndef f(x):\n    return x  # <-\n\n\nf(torch.ones(1))\n", "unknown")]
    [InlineData("no call", "def f(x):\n    return x  # <-\n", "unknown")]
    [InlineData("return value", "def f():\n    return torch.ones(1)\n\n\nx = f()\nx  # <-\n", "tensor")]
    [InlineData("returns joined", "def f(c):\n    if c:\n        return torch.ones(1)\n    return 0\n\n\nx = f(1)\nx  # <-\n", "unknown")]
    [InlineData("falls off the end", "def f(c):\n    if c:\n        return torch.ones(1)\n\n\nx = f(1)\nx  # <-\n", "unknown")]
    [InlineData("chain of calls", "def f(x):\n    return g(x)\n\n\ndef g(x):\n    return x * 2\n\n\nx = f(torch.ones(1))\nx  # <-\n", "tensor")]
    [InlineData("self method", "class C:\n    def run(self, y):\n        return self.twice(y)\n\n    def twice(self, x):\n        return x  # <-\n\n\nC().run(torch.ones(1))\n", "unknown")]
    [InlineData("module instance", "class Net(torch.nn.Module):\n    pass\n\n\nmodel = Net().to('cpu')\nx = model(torch.ones(1))\nx  # <-\n", "tensor")]
    public void CallsAcrossTheFile(string what, string body, string expected)
    {
        Check(what, expected, ValueOf("import torch\n\n\n" + body, "x"));
    }

    [Fact]
    public void ASelfMethodCalledOnlyOnSelfTakesItsCallersValues()
    {
        const string source = """
            import torch
            import torch.nn as nn


            class M(nn.Module):
                def forward(self, x):
                    return self.project(x * 2)

                def project(self, h):
                    return h.mean(dim=1)  # <-
            """;
        Assert.Equal("tensor", ValueOf(source, "h"));
    }

    [Theory]
    [InlineData("an override called from the base", "class Sub(Base):\n    def check(self, x):\n        x.dim()  # <-\n", "tensor")]
    [InlineData("a subclass passes an int", "class Sub(Base):\n    def check(self, x):\n        x  # <-\n\n    def run(self):\n        self.check(3)\n", "unknown")]
    [InlineData("called on an instance", "class Sub(Base):\n    def check(self, x):\n        x  # <-\n\n\nSub().check(torch.ones(1))\n", "unknown")]
    [InlineData("called from a class method", "class Sub(Base):\n    def check(self, x):\n        x  # <-\n\n    @classmethod\n    def make(cls):\n        cls.check(3, 4)\n", "unknown")]
    [InlineData("an unrelated class's call", "class Sub(Base):\n    def check(self, x):\n        x.dim()  # <-\n\n\nclass Other:\n    def run(self):\n        self.check(3)\n", "tensor")]
    public void AnOverrideTakesTheValuesOfTheCallsOnSelfThatMayRunIt(string what, string body, string expected)
    {
        const string header = """
            import torch
            import torch.nn as nn


            class Base(nn.Module):
                def forward(self, x):
                    self.check(x)
                    return x

                def check(self, x):
                    raise NotImplementedError



            """;
        Check(what, expected, ValueOf(header.TrimEnd() + "\n\n\n" + body, "x"));
    }

    [Theory]
    [InlineData("a registered buffer", "        self.register_buffer(\"stats\", torch.zeros(4))\n", "tensor")]
    [InlineData("by keyword", "        self.register_buffer(\"stats\", tensor=torch.zeros(4), persistent=False)\n", "tensor")]
    [InlineData("registered as None", "        if flag:\n            self.register_buffer(\"stats\", torch.zeros(4))\n        else:\n            self.register_buffer(\"stats\", None)\n", "optional tensor")]
    [InlineData("a name not a literal", "        name = \"stats\"\n        self.register_buffer(name, torch.zeros(4))\n", "unknown")]
    [InlineData("also assigned", "        self.register_buffer(\"stats\", torch.zeros(4))\n        self.stats = 3\n", "unknown")]
    public void ARegisteredBufferIsTheValueItWasRegisteredWith(string what, string init, string expected)
    {
        var source = """
            import torch
            import torch.nn as nn


            class M(nn.Module):
                def __init__(self, flag):
                    super().__init__()

            """ + init + """

                def reset(self):
                    y = self.stats  # <-
            """;
        Check(what, expected, ValueOf(source, "self.stats"));
    }

    [Fact]
    public void AnAttributeReadInABaseIsWhatItsSubclassesAssignToo()
    {
        const string source = """
            import torch
            import torch.nn as nn


            class Base(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.scale = torch.ones(1)

                def forward(self, x):
                    return x * self.scale  # <-


            class NoScale(Base):
                def __init__(self):
                    super().__init__()
                    self.scale = None
            """;
        Assert.Equal("optional tensor", ValueOf(source, "self.scale"));
    }

    [Fact]
    public void ASelfCallReturnsWhatAnyMethodItMayRunReturns()
    {
        const string source = """
            import torch
            import torch.nn as nn


            class Base(nn.Module):
                def forward(self, x):
                    y = self.project(x)
                    return y  # <-

                def project(self, x):
                    return x * 2


            class Pair(Base):
                def project(self, x):
                    return x, x
            """;
        Assert.Equal("unknown", ValueOf(source, "y"));
    }

    [Theory]
    [InlineData("Optional unnarrowed", "def f(x: Optional[Tensor]):\n    return x  # <-\n", "optional tensor")]
    [InlineData("if x is not None", "def f(x: Optional[Tensor]):\n    if x is not None:\n        x.sum()  # <-\n", "tensor")]
    [InlineData("the else of is not None", "def f(x: Optional[Tensor]):\n    if x is not None:\n        pass\n    else:\n        x  # <-\n", "None")]
    [InlineData("annotated default None", "def f(x: Tensor = None):\n    if x is not None:\n        x.sum()  # <-\n", "tensor")]
    [InlineData("annotated default None unnarrowed", "def f(x: Tensor = None):\n    x.sum()  # <-\n", "optional tensor")]
    [InlineData("is None then return", "def f(x: Optional[Tensor]):\n    if x is None:\n        return 0\n    x.sum()  # <-\n", "tensor")]
    [InlineData("is None then raise", "def f(x: Optional[Tensor]):\n    if x is None:\n        raise ValueError()\n    x.sum()  # <-\n", "tensor")]
    [InlineData("is None then assign", "def f(x: Optional[Tensor]):\n    if x is None:\n        x = torch.zeros(1)\n    x.sum()  # <-\n", "tensor")]
    [InlineData("is None then assign an int", "def f(x: Optional[Tensor]):\n    if x is None:\n        x = 0\n    x  # <-\n", "unknown")]
    [InlineData("conditional expression", "def f(x: Optional[Tensor]):\n    return x.sum() if x is not None else 0  # <-\n", "tensor")]
    [InlineData("assert", "def f(x: Optional[Tensor]):\n    assert x is not None, 'x'\n    x.sum()  # <-\n", "tensor")]
    [InlineData("and", "def f(y, x: Optional[Tensor]):\n    if y and x is not None:\n        x.sum()  # <-\n", "tensor")]
    [InlineData("or then return", "def f(y, x: Optional[Tensor]):\n    if y or x is None:\n        return 0\n    x.sum()  # <-\n", "tensor")]
    [InlineData("or does not narrow its body", "def f(y, x: Optional[Tensor]):\n    if y or x is not None:\n        x  # <-\n", "optional tensor")]
    [InlineData("not", "def f(x: Optional[Tensor]):\n    if not x is None:\n        x.sum()  # <-\n", "tensor")]
    [InlineData("truthiness", "def f(x: Optional[Tensor]):\n    if x:\n        x.sum()  # <-\n", "tensor")]
    [InlineData("None first", "def f(x: Optional[Tensor]):\n    if None is not x:\n        x.sum()  # <-\n", "tensor")]
    [InlineData("while", "def f(x: Optional[Tensor]):\n    while x is not None:\n        x.sum()  # <-\n        x = g(x)\n", "unknown")]
    [InlineData("union with None", "def f(x: Tensor | None):\n    if x is not None:\n        x.sum()  # <-\n", "tensor")]
    [InlineData("List[Tensor]", "def f(xs: List[Tensor]):\n    for x in xs:\n        x.sum()  # <-\n", "tensor")]
    [InlineData("Tuple[Tensor, int]", "def f(pair: Tuple[Tensor, int]):\n    x, n = pair\n    x.sum()  # <-\n", "tensor")]
    [InlineData("Tuple's other item", "def f(pair: Tuple[Tensor, int]):\n    n, x = pair\n    x  # <-\n", "int")]
    [InlineData("an item declaring nothing", "def f(pair: Tuple[Tensor, Dict[str, Tensor]]):\n    y, x = pair\n    x  # <-\n", "unknown")]
    [InlineData("Tuple[Tensor, ...]", "def f(xs: Tuple[Tensor, ...]):\n    x = xs[3]\n    x.sum()  # <-\n", "tensor")]
    [InlineData("tuple[Tensor, Tensor]", "def f(xs: tuple[Tensor, Tensor]):\n    for x in xs:\n        x.sum()  # <-\n", "tensor")]
    [InlineData("forward default None", "class M(torch.nn.Module):\n    def forward(self, y, x=None):\n        if x is not None:\n            x.sum()  # <-\n", "tensor")]
    [InlineData("forward default None unnarrowed", "class M(torch.nn.Module):\n    def forward(self, y, x=None):\n        x  # <-\n", "optional tensor")]
    [InlineData("closed function's default None", "def f(x=None):\n    if x is not None:\n        x.sum()  # <-\n\n\nf(torch.ones(1))\nf()\n", "tensor")]
    [InlineData("a test on another name", "def f(x: Optional[Tensor], y):\n    if y is not None:\n        x  # <-\n", "optional tensor")]
    [InlineData("a global is not narrowed", "x = None\n\n\ndef f():\n    if x is not None:\n        x  # <-\n", "None")]
    public void NoneIsNarrowedByTests(string what, string body, string expected)
    {
        const string header = "import torch\nfrom typing import Dict, List, Optional, Tuple\nfrom torch import Tensor\n\n\n";
        var name = body.Split('\n').Single(l => l.Contains(Marker)).Trim().Replace("return ", "").Split('.', ' ')[0];
        Check(what, expected, ValueOf(header + body, name));
    }

    [Theory]
    [InlineData("isinstance Tensor", "def f(x):\n    if isinstance(x, torch.Tensor):\n        x.sum()  # <-\n", "tensor")]
    [InlineData("imported Tensor", "def f(x):\n    if isinstance(x, Tensor):\n        x.sum()  # <-\n", "tensor")]
    [InlineData("tuple of tensor types", "def f(x):\n    if isinstance(x, (torch.Tensor, torch.FloatTensor)):\n        x.sum()  # <-\n", "tensor")]
    [InlineData("tuple with another type", "def f(x):\n    if isinstance(x, (torch.Tensor, list)):\n        x  # <-\n", "unknown")]
    [InlineData("not isinstance then return", "def f(x):\n    if not isinstance(x, torch.Tensor):\n        return x\n    x.sum()  # <-\n", "tensor")]
    [InlineData("not isinstance then raise", "def f(x):\n    if not isinstance(x, torch.Tensor):\n        raise TypeError()\n    x.sum()  # <-\n", "tensor")]
    [InlineData("assert isinstance", "def f(x):\n    assert isinstance(x, torch.Tensor)\n    x.sum()  # <-\n", "tensor")]
    [InlineData("and", "def f(x, y):\n    if y and isinstance(x, torch.Tensor):\n        x.sum()  # <-\n", "tensor")]
    [InlineData("the else is not narrowed", "def f(x: Optional[Tensor]):\n    if isinstance(x, torch.Tensor):\n        pass\n    else:\n        x  # <-\n", "optional tensor")]
    [InlineData("optional", "def f(x: Optional[Tensor]):\n    if isinstance(x, torch.Tensor):\n        x.sum()  # <-\n", "tensor")]
    [InlineData("a torch layer", "def f(m):\n    if isinstance(m, nn.Conv2d):\n        m  # <-\n", "object torch.nn.Conv2d")]
    [InlineData("a layer is no tensor", "def f(m: Tensor):\n    if isinstance(m, nn.Conv2d):\n        m  # <-\n", "object torch.nn.Conv2d")]
    [InlineData("the model base says no class", "def f(m):\n    if isinstance(m, nn.Module):\n        m  # <-\n", "unknown")]
    [InlineData("a model class of the file", "class Net(nn.Module):\n    pass\n\n\ndef f(m):\n    if isinstance(m, Net):\n        m  # <-\n", "module Net")]
    [InlineData("another class of the file", "class Box:\n    pass\n\n\ndef f(m: Tensor):\n    if isinstance(m, Box):\n        m  # <-\n", "instance Box")]
    [InlineData("int", "def f(n):\n    if isinstance(n, int):\n        n  # <-\n", "int")]
    [InlineData("another builtin", "def f(m: Tensor):\n    if isinstance(m, list):\n        m  # <-\n", "unknown")]
    [InlineData("isinstance rebound", "def isinstance(a, b):\n    return True\n\n\ndef f(x):\n    if isinstance(x, torch.Tensor):\n        x  # <-\n", "unknown")]
    [InlineData("an attribute is not narrowed", "def f(o):\n    if isinstance(o.x, torch.Tensor):\n        o  # <-\n", "unknown")]
    public void IsinstanceNarrowsToTheTypesInstances(string what, string body, string expected)
    {
        const string header = "import torch\nimport torch.nn as nn\nfrom typing import Optional\nfrom torch import Tensor\n\n\n";
        var name = body.Split('\n').Single(l => l.Contains(Marker)).Trim().Split('.', ' ')[0];
        Check(what, expected, ValueOf(header + body, name));
    }

    [Theory]
    [InlineData("is not None", "        if self.downsample is not None:\n            self.downsample  # <-\n", "object torch.nn.Conv2d")]
    [InlineData("a call of it", "        if self.downsample is not None:\n            y = self.downsample(x)\n            y  # <-\n", "tensor")]
    [InlineData("truthiness", "        if self.downsample:\n            self.downsample  # <-\n", "object torch.nn.Conv2d")]
    [InlineData("is None then return", "        if self.downsample is None:\n            return x\n        self.downsample  # <-\n", "object torch.nn.Conv2d")]
    [InlineData("is None", "        if self.downsample is None:\n            self.downsample  # <-\n", "None")]
    [InlineData("isinstance", "        if isinstance(self.downsample, nn.Conv2d):\n            self.downsample  # <-\n", "object torch.nn.Conv2d")]
    [InlineData("after the branch", "        if self.downsample is not None:\n            pass\n        self.downsample  # <-\n", "optional object torch.nn.Conv2d")]
    [InlineData("assigned between", "        if self.downsample is not None:\n            self.downsample = None\n            self.downsample  # <-\n", "optional object torch.nn.Conv2d")]
    [InlineData("assigned through another name", "        if self.downsample is not None:\n            other = self\n            other.downsample = None\n            self.downsample  # <-\n", "optional object torch.nn.Conv2d")]
    [InlineData("a method called between", "        if self.downsample is not None:\n            self.reset()\n            self.downsample  # <-\n", "optional object torch.nn.Conv2d")]
    [InlineData("self passed to a call", "        if self.downsample is not None:\n            helper(self)\n            self.downsample  # <-\n", "optional object torch.nn.Conv2d")]
    [InlineData("self rebound", "        if self.downsample is not None:\n            self = Block(True)\n            self.downsample  # <-\n", "optional object torch.nn.Conv2d")]
    [InlineData("a layer call between", "        if self.downsample is not None:\n            x = self.conv(x)\n            self.downsample  # <-\n", "object torch.nn.Conv2d")]
    [InlineData("conditional expression", "        y = self.downsample(x) if self.downsample is not None else x\n        y  # <-\n", "tensor")]
    public void ATestedAttributeOfSelfIsNarrowedUntilSomethingMayAssignIt(string what, string body, string expected)
    {
        const string header = """
            import torch
            import torch.nn as nn


            class Block(nn.Module):
                def __init__(self, down):
                    super().__init__()
                    self.conv = nn.Conv2d(1, 1, 1)
                    self.downsample = nn.Conv2d(1, 1, 1) if down else None

                def reset(self):
                    self.downsample = None

                def forward(self, x):

            """;
        var expression = body.Split('\n').Single(l => l.Contains(Marker)).Trim().Split(' ')[0];
        Check(what, expected, ValueOf(header.TrimEnd() + "\n" + body, expression));
    }

    [Fact]
    public void AnAndOperandIsReadWhereTheOnesBeforeItWereTrue()
    {
        const string source = "from typing import Optional\nfrom torch import Tensor\n\n\ndef f(x: Optional[Tensor]):\n    return x is not None and x.any()  # <-\n";
        Assert.Equal("tensor", ValueOf(source, "x.any()"));
    }

    [Fact]
    public void NoneJoinsToAnOptionalValue()
    {
        Assert.Equal("optional tensor", Value.NoneObject.Join(Value.Tensor).ToString());
        Assert.Equal("optional tensor", Value.Tensor.Join(Value.NoneObject).Join(Value.Tensor).ToString());
        Assert.Equal("unknown", Value.Tensor.Join(Value.NoneObject).Join(Value.Int).ToString());
        Assert.Equal("None", Value.NoneObject.Join(Value.None).ToString());
        Assert.Equal("tensor", Value.Optional(Value.Tensor).NotNone().ToString());
        Assert.Equal("unknown", Value.Optional(Value.Unknown).ToString());
    }

    [Fact]
    public void AGlobalFromAFunctionIsTheJoinOfItsBindings()
    {
        const string source = "import torch\nx = torch.ones(1)\nx = 2\n\n\ndef f():\n    return x  # <-\n";
        Assert.Equal("unknown", ValueOf(source, "x"));
    }

    private static void Check(string what, string expected, string actual) =>
        Assert.True(expected == actual, $"{what}: {actual}, expected {expected}");

    private static string ValueOf(string source, string expression)
    {
        var (model, node) = Marked(source, "test.py", expression);
        return new ValueAnalysis(model, Converter.BuiltInMaps).ValueOf(node).ToString();
    }

    /// <summary>The file's bindings, and the first <paramref name="expression"/> on its line marked <c># &lt;-</c>.</summary>
    internal static (SemanticModel Model, PythonParser.ExprContext Node) Marked(string source, string path, string expression)
    {
        var tree = PythonSyntax.Parse(SourceText.FromString(source, path));
        Assert.NotNull(tree.Root);
        int line = Array.FindIndex(source.Split('\n'), l => l.Contains(Marker)) + 1;
        var node = ParseTrees.Descendants<PythonParser.ExprContext>(tree.Root!)
            .Where(e => e.Start.Line == line && e.GetText() == expression)
            .OrderBy(e => e.Start.TokenIndex)
            .First();
        return (SemanticModel.Build(tree), node);
    }
}
