"""Runtime support for code converted by Switcheroo (PyTorch -> Flax Linen).

Switcheroo writes this one file beside the converted modules. At import time it imports only
``warnings`` and numpy; JAX, and the standard modules that reading checkpoint files needs
(``pickle``, ``zipfile``, ...), are imported on demand, inside the functions that need them, so a
checkpoint can be converted (and stored as ``.npz``) on a machine that has torch but no JAX, and
loaded on one that has JAX but no torch. torch is imported only by the data-pipeline helpers
(``NumpyCollate``, ``to_torch``), which run where the torch data pipeline runs.

It holds ``KeyMapper`` (checkpoints), ``with_state_dict`` (a module that carries a torch state_dict
into its ``init``), and the losses and optimizers converted code calls where
JAX's and Optax's own do not compute torch's numbers.

``KeyMapper`` turns a torch ``state_dict`` into the variables of the converted Flax model::

    import jax
    from switcheroo_runtime import KeyMapper

    model = Net()                                              # the converted flax.linen module
    target = jax.eval_shape(model.init, jax.random.key(0), x)  # the tree Flax declares
    variables = KeyMapper.from_torch(torch_state_dict, target) # numpy arrays, same tree
    logits = model.apply(KeyMapper.to_jax(variables), x)

``load_checkpoint`` reads a ``torch.save`` file without torch (tensors become numpy arrays), so
the whole conversion can run where torch is not installed::

    variables = KeyMapper.from_torch(load_checkpoint("net.pt"), target)

See docs/checkpoints.md for the rules.
"""

import functools
import warnings

import numpy as np

__all__ = [
    "KeyMapper", "CheckpointMismatchError", "CheckpointMismatchWarning",
    "load_checkpoint", "CheckpointFormatError", "with_state_dict",
    "save_checkpoint", "optimizer_state", "OptimizerLeaves",
    "cross_entropy", "nll_loss", "mse_loss", "l1_loss", "binary_cross_entropy",
    "binary_cross_entropy_with_logits", "smooth_l1_loss", "huber_loss",
    "softmax_implicit", "log_softmax_implicit",
    "torch_adagrad", "torch_rmsprop", "ThreadedModel", "params_and_state",
    "torch_kernel_init", "torch_bias_init", "torch_uniform", "torch_trunc_normal", "torch_init", "init_branch",
    "norm", "normalize", "linear", "layer_norm", "torch_assert", "typename", "interpolate",
    "torch_max", "torch_min", "instance_norm",
    "NumpyCollate", "numpy_tree", "to_torch",
    "with_train", "constructor_keywords", "batch_norm_layer", "activation_layer", "gelu_layer", "linear_layer", "layer_norm_layer", "conv_layer",
    "recurrent_layer", "recurrent_cell_layer",
    "group_norm_layer", "instance_norm_layer",
    "conv_norm_activation_layer", "squeeze_excitation_layer", "stochastic_depth_layer", "stochastic_depth",
    "frozen_batch_norm_layer", "mlp_layer", "permute_layer",
    "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
    "box_area", "box_iou", "generalized_box_iou", "clip_boxes_to_image",
]
# Also here, built on first use because they need Flax (see __getattr__ at the end): BatchNorm,
# TorchBatchNorm, ChannelsFirst, SqueezeExcitation, StochasticDepth, FrozenBatchNorm2d, and the bases
# of classes deriving from torch layers: Conv1dBase/Conv2dBase/Conv3dBase, LayerNormBase,
# TorchConv1d/TorchConv2d/TorchConv3d, TorchLayerNorm, ConvNormActivation2dBase/3dBase,
# TorchConv2dNormActivation/TorchConv3dNormActivation, TorchConvTranspose; MultiheadAttention, and the
# recurrent layers LSTM, GRU, RNN, LSTMCell, GRUCell, RNNCell.

_SEPARATOR = "/"

# The child a layout wrapper holds its layer in: ChannelsFirst's "layer"; "layers_1" of the
# Sequential([moveaxis, layer, moveaxis]) that earlier conversions wrote.
_WRAPPED_CHILDREN = ("layer", "layers_1")
# The list a converted nn.Sequential (or subclass) keeps its layers in: "layers"; "sequence" where the
# subclass's constructor takes an argument named layers (torchvision's MaskRCNNHeads), a field then.
_SEQUENCE_LISTS = ("layers", "sequence")

# torch BatchNorm buffer -> the name Flax's BatchNorm declares in its "batch_stats" collection.
_RUNNING_STATS = {"running_mean": "mean", "running_var": "var"}

# What Flax's BatchNorm initializes its statistics to. A torch BatchNorm built with
# track_running_stats=False stores no statistics, while the converted one (always batch statistics:
# use_running_average=False) still declares them and never reads them; they get these values.
_INITIAL_STATS = {"mean": 0.0, "var": 1.0}

# torch BatchNorm's step counter: Flax's BatchNorm has no counterpart (its momentum is fixed), so
# it is dropped rather than reported.
_DROPPED = ("num_batches_tracked",)


class CheckpointMismatchError(KeyError, ValueError):
    """The state_dict and the target tree do not match (``strict=True``).

    Raised once per call with every problem listed. It is both a ``KeyError`` (names that do not
    match) and a ``ValueError`` (shapes that do not match); the lists are kept in ``unknown``
    (torch keys with no place in the target), ``missing`` (target variables nothing filled) and
    ``mismatched`` (shape problems), each a list of strings.
    """

    def __init__(self, message, unknown=(), missing=(), mismatched=()):
        super().__init__(message)
        self.message = message
        self.unknown = list(unknown)
        self.missing = list(missing)
        self.mismatched = list(mismatched)

    def __str__(self):
        return self.message


class CheckpointMismatchWarning(UserWarning):
    """The same problems as ``CheckpointMismatchError``, reported as a warning (``strict=False``)."""


class _Node:
    """One module of the target tree, with the variables of every collection merged."""

    __slots__ = ("children", "leaves")

    def __init__(self):
        self.children = {}
        # leaf name -> list of (collection, shape)
        self.leaves = {}


class Placement:
    """Where one torch tensor went: ``key`` -> ``collection``/``path`` and how (``how``)."""

    __slots__ = ("key", "collection", "path", "how", "torch_shape", "shape")

    def __init__(self, key, collection, path, how, torch_shape, shape):
        self.key = key
        self.collection = collection
        self.path = tuple(path)
        self.how = how
        self.torch_shape = tuple(torch_shape)
        self.shape = tuple(shape)

    @property
    def name(self):
        """The flat name of the destination, e.g. ``params/fc1/kernel``."""
        return _SEPARATOR.join((self.collection,) + self.path)

    def __repr__(self):
        return f"Placement({self.key!r} -> {self.name!r}, {self.how}, {self.torch_shape} -> {self.shape})"


class Plan:
    """The outcome of matching a state_dict against a target, before any array is copied.

    ``placements``: one ``Placement`` per torch key that maps; ``dropped``: torch keys left out on
    purpose (``num_batches_tracked``); ``initialized``: flat target names filled with Flax's
    initial values because torch does not store them (the statistics of a BatchNorm built with
    ``track_running_stats=False``); ``unknown``, ``missing``, ``mismatched``: problems, as
    human-readable strings (``unknown`` and ``mismatched`` start with the torch key, ``missing``
    is a flat target name such as ``batch_stats/bn1/mean``).

    ``source`` is ``"torch"`` for a torch state_dict and ``"tree"`` for an already converted Flax
    variable tree; then every ``Placement.key`` is the flat name (``params/fc/kernel``), ``unknown``
    and ``mismatched`` start with it, and nothing is dropped or initialized.
    """

    def __init__(self, source="torch"):
        self.source = source
        self.placements = []
        self.dropped = []
        self.initialized = []
        self.initial_shapes = {}
        self.unknown = []
        self.missing = []
        self.mismatched = []

    @property
    def ok(self):
        return not (self.unknown or self.missing or self.mismatched)

    def describe(self):
        """All problems as one message (empty when there are none)."""
        parts = []
        given, filler = ("torch key(s)", "the state_dict") if self.source == "torch" else ("variable(s)", "the given tree")
        if self.unknown:
            parts.append(f"{len(self.unknown)} {given} with no place in the target:")
            parts.extend("  " + line for line in self.unknown)
        if self.missing:
            parts.append(f"{len(self.missing)} target variable(s) not filled by {filler}:")
            parts.extend("  " + line for line in self.missing)
        if self.mismatched:
            parts.append(f"{len(self.mismatched)} shape mismatch(es):")
            parts.extend("  " + line for line in self.mismatched)
        return "\n".join(parts)


def _is_mapping(value):
    return hasattr(value, "items") and hasattr(value, "keys") and not hasattr(value, "shape")


def _to_numpy(value):
    """A torch tensor (duck-typed: ``detach``/``cpu``/``numpy``) or anything numpy accepts."""
    if hasattr(value, "detach") and hasattr(value, "cpu"):
        tensor = value.detach().cpu()
        try:
            return tensor.numpy()
        except TypeError:
            # bfloat16 and other dtypes numpy lacks: widen to float32 (exact for bfloat16).
            return tensor.float().numpy()
    return np.asarray(value)


def _is_variable_tree(source, target):
    """True when ``source`` is a Flax variable tree rather than a torch state_dict.

    That is: a non-empty mapping whose top-level keys are all collections the target has at its
    top level (``params``, ``batch_stats``, ...) and whose values are mappings. A state_dict's
    values are tensors, so the two cannot be confused.
    """
    if not (_is_mapping(source) and _is_mapping(target)) or not len(source):
        return False
    declared = {str(name) for name in target.keys()}
    return all(str(name) in declared and _is_mapping(value) for name, value in source.items())


def _tree_leaves(tree):
    """``{("params", "fc", "kernel"): array, ...}`` for a nested mapping (keys made strings)."""
    leaves = {}

    def walk(path, subtree):
        for name, value in subtree.items():
            if _is_mapping(value):
                walk(path + (str(name),), value)
            else:
                leaves[path + (str(name),)] = value

    walk((), tree)
    return leaves


def _shape_of(value):
    if hasattr(value, "shape"):
        return tuple(int(d) for d in value.shape)
    return tuple(np.shape(_to_numpy(value)))


def _kernel_permutation(ndim):
    """torch ``(out, in, *spatial)`` -> Flax ``(*spatial, in, out)``.

    2-D (``Linear``): ``(1, 0)``. N-D (``ConvNd``: OIHW -> HWIO). The same permutation serves
    ``ConvTranspose``: torch's ``(in, out, kh, kw)`` becomes ``(kh, kw, out, in)``, the kernel
    shape of ``flax.linen.ConvTranspose(transpose_kernel=True)``.
    """
    if ndim == 2:
        return (1, 0)
    return tuple(range(2, ndim)) + (1, 0)


class KeyMapper:
    """Maps torch ``state_dict`` s onto the variable tree of a converted Flax model.

    The mapping is driven by the *target*: the variables the converted model declares (the output
    of ``model.init(...)`` or ``jax.eval_shape(model.init, ...)``; any nested mapping whose leaves
    have ``.shape``). Each torch key is resolved through that tree, and every converted array's
    shape is checked against the declared one. Nothing is guessed from a name alone.

    Before (torch)::

        features.0.weight        (16, 3, 3, 3)     # nn.Sequential(nn.Conv2d(3, 16, 3), ...)
        features.0.bias          (16,)
        features.1.weight        (16,)             # nn.BatchNorm2d(16)
        features.1.bias          (16,)
        features.1.running_mean  (16,)
        features.1.running_var   (16,)
        features.1.num_batches_tracked ()
        blocks.0.weight          (32, 16)          # nn.ModuleList([nn.Linear(16, 32)])
        blocks.0.bias            (32,)

    After (Flax)::

        params/features/layers_0/layer/kernel     (3, 3, 3, 16)   # ChannelsFirst(Conv(...))
        params/features/layers_0/layer/bias       (16,)
        params/features/layers_1/scale            (16,)
        params/features/layers_1/bias             (16,)
        batch_stats/features/layers_1/mean        (16,)
        batch_stats/features/layers_1/var         (16,)
        params/blocks_0/kernel                    (16, 32)
        params/blocks_0/bias                      (32,)

    ``num_batches_tracked`` is dropped: Flax's BatchNorm keeps no step counter.
    """

    # ------------------------------------------------------------------ mapping

    @classmethod
    def from_torch(cls, state_dict, target, strict=True):
        """Returns ``{"params": ..., "batch_stats": ..., "buffers": ...}`` of numpy arrays.

        ``state_dict``: a mapping of torch keys (``"layer1.0.conv1.weight"``) to torch tensors or
        numpy arrays (``load_checkpoint`` returns one from a ``torch.save`` file, without torch).
        ``target``: the converted model's variables as Flax declares them (only shapes are read);
        the result has exactly the target's collections and names.

        ``state_dict`` may also be an already converted variable tree: a mapping whose top-level
        keys are all collections of the target (``{"params": {...}, "batch_stats": {...}}``) and
        whose values are mappings, e.g. ``load_checkpoint`` of a ``KeyMapper.save`` file. Then no
        name is translated and no layout changed: the tree must have exactly the target's leaf
        paths and shapes, checked (and reported, strict or not) like a state_dict, with flat names
        such as ``params/fc/kernel`` in the lists.

        Rules, per torch key ``a.b.c.leaf``, at each module step through the target:

        - an attribute name is the child of the same name (``fc1`` -> ``fc1``);
        - an integer ``i`` under a converted ``nn.Sequential`` is its child ``layers_i`` (``sequence_i``
          for a subclass whose constructor takes an argument ``layers``, a field); a name ``n``
          under one built from an ``OrderedDict`` (``NamedSequential``) is its child ``layers_n``;
        - an element of a list or dict attribute is ``parent_i`` / ``parent_key`` (the name Flax
          gives it), e.g. ``blocks.0`` -> ``blocks_0``, ``heads.cls`` -> ``heads_cls``;
        - a module that declares nothing itself but whose only child ``layer`` does is a
          layout wrapper (``ChannelsFirst(Conv(...))``): its variables are those of ``layer``
          (``layers_1`` likewise, the ``Sequential([moveaxis, Conv, moveaxis])`` of older outputs).

        Then the leaf, by what the target declares at that module:

        - a variable with the torch name itself is filled as is (``nn.Parameter``, buffers,
          ``bias``);
        - ``weight`` -> ``kernel``: ``(out, in)`` -> ``(in, out)``; ``(out, in, *k)`` ->
          ``(*k, in, out)`` (OIHW -> HWIO; a ConvTranspose's ``(in, out, *k)`` -> ``(*k, out,
          in)``);
        - ``weight`` -> ``scale`` (BatchNorm, LayerNorm, GroupNorm) or ``embedding`` (Embed);
        - ``running_mean`` / ``running_var`` -> ``mean`` / ``var`` (collection ``batch_stats``);
        - ``num_batches_tracked`` is dropped.

        A BatchNorm built with ``track_running_stats=False`` stores no statistics in torch, but the
        converted ``BatchNorm(use_running_average=False)`` still declares (and never reads)
        ``batch_stats`` ``mean``/``var``: when the state_dict has no ``running_mean``,
        ``running_var`` or ``num_batches_tracked`` for a module that declares both, they are
        filled with Flax's initial values (0 and 1, float32) and named in ``Plan.initialized``.
        A module with only some of its statistics in the state_dict is an error.

        Every result's shape must equal the declared shape. With ``strict=True`` any torch key
        that finds no place, any target variable left unfilled and any shape mismatch raise one
        ``CheckpointMismatchError`` (a ``KeyError`` and a ``ValueError``) listing all of them;
        with ``strict=False`` they are reported with ``warnings.warn`` and what mapped is
        returned — completed, when the target holds arrays (``model.init``'s variables rather than
        ``jax.eval_shape``'s shapes), by the target's own values for every variable left unfilled,
        as torch's ``load_state_dict(strict=False)`` keeps a module's own values for missing keys.
        Arrays keep torch's dtype (bfloat16 becomes float32) and are copies.

        Example::

            >>> sd = {"fc.weight": np.zeros((3, 2)), "fc.bias": np.zeros(3)}
            >>> target = {"params": {"fc": {"kernel": np.zeros((2, 3)), "bias": np.zeros(3)}}}
            >>> KeyMapper.from_torch(sd, target)["params"]["fc"]["kernel"].shape
            (2, 3)
            >>> converted = {"params": {"fc": {"kernel": np.ones((2, 3)), "bias": np.ones(3)}}}
            >>> KeyMapper.from_torch(converted, target)["params"]["fc"]["kernel"].shape  # checked, as is
            (2, 3)
        """
        plan = cls.plan(state_dict, target)
        if plan.source == "tree":
            leaves = _tree_leaves(state_dict)
            source = {placement.key: leaves[(placement.collection,) + placement.path] for placement in plan.placements}
        else:
            source = state_dict
        if not plan.ok:
            given = "the torch state_dict" if plan.source == "torch" else "the variable tree"
            message = f"{given} does not match the Flax target\n" + plan.describe()
            if strict:
                raise CheckpointMismatchError(message, plan.unknown, plan.missing, plan.mismatched)
            warnings.warn(message, CheckpointMismatchWarning, stacklevel=2)
        result = {}
        for name in plan.initialized:
            collection, *path = name.split(_SEPARATOR)
            node = result.setdefault(collection, {})
            for part in path[:-1]:
                node = node.setdefault(part, {})
            node[path[-1]] = np.full(plan.initial_shapes[name], _INITIAL_STATS[path[-1]], np.float32)
        for placement in plan.placements:
            value = _to_numpy(source[placement.key])
            if placement.how == "kernel":
                value = np.transpose(value, _kernel_permutation(value.ndim))
            node = result.setdefault(placement.collection, {})
            for name in placement.path[:-1]:
                node = node.setdefault(name, {})
            node[placement.path[-1]] = np.array(value, copy=True, order="C")
        if not strict:
            filled = _tree_leaves(result)
            for path, leaf in _tree_leaves(target).items():
                if path not in filled and hasattr(leaf, "__array__"):
                    node = result.setdefault(path[0], {})
                    for name in path[1:-1]:
                        node = node.setdefault(name, {})
                    node[path[-1]] = np.array(leaf, copy=True, order="C")
        return result

    @classmethod
    def plan(cls, state_dict, target):
        """Matches names and shapes without copying arrays; returns a ``Plan``.

        Useful to see where each torch key goes (``plan.placements``) and what does not fit.
        Only placements whose shapes match are listed; the rest are in ``plan.mismatched``.
        A converted variable tree (see ``from_torch``) gives a plan with ``source == "tree"``.
        """
        root = cls._index(target)
        if _is_variable_tree(state_dict, target):
            return cls._plan_tree(state_dict, root)
        plan = Plan()
        filled, tracked = {}, set()
        for key in state_dict.keys():
            cls._place(key, _shape_of(state_dict[key]), root, plan, filled, tracked)
        for collection, path, node in cls._declared(root):
            if (collection, path) in filled:
                continue
            name = _SEPARATOR.join((collection,) + path)
            if collection == "batch_stats" and path[-1] in _INITIAL_STATS and path[:-1] not in tracked \
                    and all(any(c == "batch_stats" for c, _ in node.leaves.get(s, ())) for s in _INITIAL_STATS):
                plan.initialized.append(name)
                plan.initial_shapes[name] = next(s for c, s in node.leaves[path[-1]] if c == collection)
            else:
                plan.missing.append(name)
        return plan

    @staticmethod
    def _plan_tree(tree, root):
        """The plan for an already converted tree: same leaf paths, same shapes, nothing renamed."""
        plan = Plan(source="tree")
        declared = {}
        for collection, path, node in KeyMapper._declared(root):
            declared[(collection,) + path] = next(s for c, s in node.leaves[path[-1]] if c == collection)
        given = _tree_leaves(tree)
        for full, value in given.items():
            name = _SEPARATOR.join(full)
            shape = _shape_of(value)
            if full not in declared:
                plan.unknown.append(f"{name}: {KeyMapper._undeclared(full, root)}")
            elif shape != declared[full]:
                plan.mismatched.append(f"{name}: {shape}, but the target declares {declared[full]}")
            else:
                plan.placements.append(Placement(name, full[0], full[1:], "copy", shape, shape))
        plan.missing.extend(sorted(_SEPARATOR.join(full) for full in declared if full not in given))
        return plan

    @staticmethod
    def _undeclared(full, root):
        """Why the target has no variable at ``full`` (collection, *modules, leaf), for messages."""
        collection, *modules, leaf = full

        def holds(node):
            return any(c == collection for entries in node.leaves.values() for c, _ in entries) \
                or any(holds(child) for child in node.children.values())

        node, path = root, (collection,)
        for name in modules:
            if name not in node.children or not holds(node.children[name]):
                children = ", ".join(sorted(n for n, child in node.children.items() if holds(child))) or "none"
                return f"no module {name!r} at {_SEPARATOR.join(path)} (submodules there: {children})"
            node, path = node.children[name], path + (name,)
        declared = ", ".join(sorted(n for n, entries in node.leaves.items() if any(c == collection for c, _ in entries)))
        return f"{_SEPARATOR.join(path)} declares no {leaf!r} (it declares: {declared or 'nothing'})"

    @staticmethod
    def _index(target):
        if not _is_mapping(target):
            raise TypeError("target must be the variable tree of the converted model, e.g. "
                            "{'params': {...}, 'batch_stats': {...}}; got " + type(target).__name__)
        root = _Node()
        for collection, tree in target.items():
            if not _is_mapping(tree):
                raise TypeError(f"target[{collection!r}] is not a collection of variables (a mapping); "
                                "pass the whole variable tree, e.g. model.init(...) output")

            def walk(node, subtree):
                for name, value in subtree.items():
                    name = str(name)
                    if _is_mapping(value):
                        walk(node.children.setdefault(name, _Node()), value)
                    elif hasattr(value, "shape"):
                        node.leaves.setdefault(name, []).append((str(collection), tuple(int(d) for d in value.shape)))
                    else:
                        raise TypeError(f"target variable {collection}/{name} has no shape "
                                        f"({type(value).__name__}); unbox boxed variables first")

            walk(root, tree)
        return root

    @staticmethod
    def _declared(root):
        stack = [(root, ())]
        while stack:
            node, path = stack.pop()
            for name, entries in node.leaves.items():
                for collection, _ in entries:
                    yield collection, path + (name,), node
            for name, child in node.children.items():
                stack.append((child, path + (name,)))

    @staticmethod
    def _resolve(parts, root):
        """Follows torch module names through the target; returns (node, path) or an error string."""
        node, path, i = root, (), 0
        while i < len(parts):
            part = parts[i]
            if part in node.children:
                node, path, i = node.children[part], path + (part,), i + 1
                continue
            listed = next((f"{items}_{part}" for items in _SEQUENCE_LISTS if f"{items}_{part}" in node.children), None)
            if listed is not None:
                node, path, i = node.children[listed], path + (listed,), i + 1
                continue
            # elements of list/dict attributes (possibly nested): blocks.0 -> blocks_0, a.1.2 -> a_1_2
            joined, found = part, None
            for j in range(i + 1, len(parts)):
                joined = f"{joined}_{parts[j]}"
                if joined in node.children:
                    found = (joined, j + 1)
                    break
            if found is None:
                where = _SEPARATOR.join(path) or "the top level"
                children = ", ".join(sorted(node.children)) or "none"
                return None, f"no module {part!r} at {where} (submodules there: {children})"
            name, i = found
            node, path = node.children[name], path + (name,)
        return node, path

    @classmethod
    def _place(cls, key, torch_shape, root, plan, filled, tracked):
        parts = key.split(".")
        node, path = cls._resolve(parts[:-1], root)
        leaf = parts[-1]
        if node is None:
            if leaf in _DROPPED:
                plan.dropped.append(key)
            else:
                plan.unknown.append(f"{key}: {path}")
            return
        for wrapped in _WRAPPED_CHILDREN:
            if not node.leaves and set(node.children) == {wrapped} and node.children[wrapped].leaves:
                node, path = node.children[wrapped], path + (wrapped,)
        if leaf in _RUNNING_STATS or leaf in _DROPPED:
            tracked.add(path)

        def place(name, how, shape):
            entries = node.leaves[name]
            if len(entries) > 1:
                collections = ", ".join(c for c, _ in entries)
                plan.unknown.append(f"{key}: {_SEPARATOR.join(path + (name,))} is declared in several collections ({collections})")
                return
            collection, declared = entries[0]
            destination = _SEPARATOR.join((collection,) + path + (name,))
            if shape != declared:
                described = f"torch {torch_shape}" if how == "copy" else f"torch {torch_shape} as {how} {shape}"
                plan.mismatched.append(f"{key}: {described}, but the target declares {destination} with {declared}")
                filled[(collection, path + (name,))] = key
                return
            if (collection, path + (name,)) in filled:
                plan.unknown.append(f"{key}: {destination} is already filled by {filled[(collection, path + (name,))]}")
                return
            filled[(collection, path + (name,))] = key
            plan.placements.append(Placement(key, collection, path + (name,), how, torch_shape, shape))

        if leaf in node.leaves:
            place(leaf, "copy", torch_shape)
        elif leaf == "weight" and "kernel" in node.leaves:
            if len(torch_shape) < 2:
                collection = node.leaves["kernel"][0][0]
                plan.mismatched.append(f"{key}: torch {torch_shape} cannot be a kernel "
                                       f"({_SEPARATOR.join((collection,) + path)}/kernel needs 2 or more axes)")
                filled[(collection, path + ("kernel",))] = key
                return
            permutation = _kernel_permutation(len(torch_shape))
            place("kernel", "kernel", tuple(torch_shape[p] for p in permutation))
        elif leaf == "weight" and "scale" in node.leaves:
            place("scale", "copy", torch_shape)
        elif leaf == "weight" and "embedding" in node.leaves:
            place("embedding", "copy", torch_shape)
        elif leaf in _RUNNING_STATS and _RUNNING_STATS[leaf] in node.leaves:
            place(_RUNNING_STATS[leaf], "copy", torch_shape)
        elif leaf in _DROPPED:
            plan.dropped.append(key)
        else:
            declared = ", ".join(sorted(node.leaves)) or "nothing"
            plan.unknown.append(f"{key}: {_SEPARATOR.join(path) or 'the top level'} declares no {leaf!r} "
                                f"(it declares: {declared})")

    # ------------------------------------------------------------------ trees and files

    @staticmethod
    def to_jax(tree):
        """The same nested dict with every array as a ``jax.Array`` (imports ``jax.numpy`` here)."""
        import jax.numpy as jnp

        def convert(value):
            if _is_mapping(value):
                return {k: convert(v) for k, v in value.items()}
            return jnp.asarray(value)

        return convert(tree)

    @staticmethod
    def flatten(tree):
        """``{"params": {"fc1": {"kernel": a}}}`` -> ``{"params/fc1/kernel": a}`` (numpy arrays)."""
        flat = {}

        def walk(prefix, subtree):
            for name, value in subtree.items():
                name = str(name)
                if _SEPARATOR in name:
                    raise ValueError(f"variable name {name!r} under {prefix or 'the top level'} contains '/'")
                full = f"{prefix}{_SEPARATOR}{name}" if prefix else name
                if _is_mapping(value):
                    walk(full, value)
                else:
                    flat[full] = np.asarray(value)

        walk("", tree)
        return flat

    @staticmethod
    def unflatten(flat):
        """``{"params/fc1/kernel": a}`` -> ``{"params": {"fc1": {"kernel": a}}}``."""
        tree = {}
        for name, value in flat.items():
            *parents, last = name.split(_SEPARATOR)
            node = tree
            for parent in parents:
                node = node.setdefault(parent, {})
            node[last] = value
        return tree

    @classmethod
    def save(cls, path, tree):
        """Stores a variable tree as an uncompressed ``.npz`` with flat names.

        The file is a plain numpy archive (``numpy.load`` reads it; no JAX, no pickle): one array
        per variable, named by its path, e.g. ``params/fc1/kernel``, ``batch_stats/bn1/mean``.
        ``path`` is written exactly as given (no ``.npz`` is appended).
        """
        flat = cls.flatten(tree)
        with open(path, "wb") as stream:
            np.savez(stream, **flat)

    @classmethod
    def load(cls, path):
        """Reads a file written by ``save``; returns the nested dict of numpy arrays."""
        with np.load(path, allow_pickle=False) as archive:
            return cls.unflatten({name: archive[name] for name in archive.files})


# ---- Checkpoint files: torch.save's format read without torch.
#
# torch.save (since torch 1.6) writes a zip archive: <prefix>/data.pkl, a pickle of the saved object
# in which every tensor is a call of torch._utils._rebuild_tensor_v2 on a storage named by a
# persistent id, and <prefix>/data/<key>, each storage's raw bytes (<prefix>/byteorder says which
# byte order; absent means little-endian). The unpickler below resolves only the globals such a
# pickle of tensors in containers needs, to local stand-ins; anything else is refused, so reading a
# file never imports torch nor runs code the file names. Like JAX, the standard modules used here
# (pickle, zipfile, ...) are imported when a file is read.


class CheckpointFormatError(ValueError):
    """A file ``load_checkpoint`` cannot read: not a checkpoint, the legacy torch format, or a pickle
    that needs more than tensors in containers (a whole ``nn.Module``, an optimizer, a custom class)."""


# torch storage class -> numpy dtype of its elements. bfloat16 has no numpy dtype: it is read as
# the uint16 bit patterns and widened to float32 (see _widen_bfloat16).
_STORAGE_DTYPES = {
    "FloatStorage": np.float32, "DoubleStorage": np.float64, "HalfStorage": np.float16,
    "BFloat16Storage": np.uint16, "LongStorage": np.int64, "IntStorage": np.int32,
    "ShortStorage": np.int16, "CharStorage": np.int8, "ByteStorage": np.uint8, "BoolStorage": np.bool_,
    "ComplexFloatStorage": np.complex64, "ComplexDoubleStorage": np.complex128,
}

# The first object of a pre-1.6 torch.save file is the magic number 0x1950a86a20f9469cfc6c; these
# are its pickled bytes (LONG1, 10 bytes, little-endian), right after the protocol header (and,
# from protocol 4, a frame header).
_LEGACY_MAGIC = b"\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19"

_NO_TORCH_HINT = ("without torch, load_checkpoint reads only tensors in dicts, lists and tuples (with numbers and "
                  "strings), such as a state_dict; save one with torch.save(model.state_dict(), path)")


class _StorageType:
    """Stands for a torch storage class (``torch.FloatStorage``) inside the pickle."""

    __slots__ = ("name", "dtype")

    def __init__(self, name):
        self.name = name
        self.dtype = np.dtype(_STORAGE_DTYPES[name])


def _widen_bfloat16(bits):
    """bfloat16 bit patterns (uint16) -> float32, exactly: they are the high half of a float32.

    >>> _widen_bfloat16(np.array([0x3F80, 0xC040], np.uint16))
    array([ 1., -3.], dtype=float32)
    """
    return (bits.astype(np.uint32) << 16).view(np.float32)


def _rebuild_tensor(storage, storage_offset, size, stride, requires_grad=False, backward_hooks=None, metadata=None):
    """``torch._utils._rebuild_tensor_v2``: the tensor as a C-contiguous numpy array (a copy).

    ``storage`` is the flat array of the storage; offset, size and stride count elements, as in torch.

    >>> _rebuild_tensor(np.arange(6.0), 1, (2, 2), (1, 3))   # t.reshape(2, 3)[:, 1:].T
    array([[1., 4.],
           [2., 5.]])
    """
    if not isinstance(storage, np.ndarray):
        raise CheckpointFormatError(f"a tensor refers to {type(storage).__name__}, not to a storage of the archive")
    size, stride, offset = tuple(int(d) for d in size), tuple(int(s) for s in stride), int(storage_offset)
    if len(size) != len(stride):
        raise CheckpointFormatError(f"a tensor has size {size} but stride {stride}")
    if 0 in size:
        return np.zeros(size, storage.dtype)
    last = offset + sum((d - 1) * s for d, s in zip(size, stride))
    if offset < 0 or min(stride, default=0) < 0 or last >= storage.size:
        raise CheckpointFormatError(f"a tensor (offset {offset}, size {size}, stride {stride}) reaches past the "
                                    f"end of its storage of {storage.size} element(s)")
    view = np.lib.stride_tricks.as_strided(storage[offset:], shape=size, writeable=False,
                                           strides=tuple(s * storage.itemsize for s in stride))
    return np.array(view, copy=True, order="C")


def _rebuild_parameter(data, requires_grad=False, backward_hooks=None, state=None):
    """``torch._utils._rebuild_parameter`` (and ``_with_state``): an ``nn.Parameter`` is its data."""
    return data


def _allowed_globals():
    """Every global the unpickler resolves, besides torch's storage classes: ``(module, name)`` -> object.

    builtins' names arrive as ``__builtin__`` from protocol 2 pickles (torch.save's default), where
    bytes are pickled as ``_codecs.encode(text, "latin1")``.
    """
    import builtins
    import codecs
    import collections

    allowed = {
        ("collections", "OrderedDict"): collections.OrderedDict,
        ("torch._utils", "_rebuild_tensor_v2"): _rebuild_tensor,
        ("torch._utils", "_rebuild_parameter"): _rebuild_parameter,
        ("torch._utils", "_rebuild_parameter_with_state"): _rebuild_parameter,
        ("_codecs", "encode"): codecs.encode,
    }
    for name in ("set", "frozenset", "complex", "bytearray", "bytes", "slice", "range"):
        allowed[("builtins", name)] = getattr(builtins, name)
    return allowed


class _CheckpointReader:
    """What the unpickler of one zip checkpoint's ``data.pkl`` asks for: globals and storages.

    Tensors become numpy arrays; each storage is read once (tensors may share one); torch is never
    imported.
    """

    def __init__(self, archive, prefix, byteorder, path):
        self._archive = archive
        self._prefix = prefix
        self._byteorder = "<" if byteorder == "little" else ">"
        self._path = path
        self._allowed = _allowed_globals()
        self._storages = {}

    def find_class(self, module, name):
        if module == "__builtin__":
            module = "builtins"
        found = self._allowed.get((module, name))
        if found is not None:
            return found
        if module == "torch" and name in _STORAGE_DTYPES:
            return _StorageType(name)
        raise CheckpointFormatError(
            f"{self._path} cannot be read without torch: it needs the Python global {module}.{name} "
            f"(a pickled nn.Module, optimizer or other object, not just tensors); {_NO_TORCH_HINT}")

    def persistent_load(self, pid):
        if not (isinstance(pid, tuple) and len(pid) == 5 and pid[0] == "storage" and isinstance(pid[1], _StorageType)):
            raise CheckpointFormatError(f"{self._path} refers to {pid!r}, which is not a tensor storage this reader "
                                        f"knows; {_NO_TORCH_HINT}")
        _, storage_type, key, _location, numel = pid
        key = str(key)
        if key not in self._storages:
            self._storages[key] = self._read_storage(storage_type, key, int(numel))
        return self._storages[key]

    def _read_storage(self, storage_type, key, numel):
        """The storage as a flat native-endian array (device tensors land on the CPU: only bytes are read)."""
        member = f"{self._prefix}/data/{key}"
        try:
            raw = self._archive.read(member)
        except KeyError:
            raise CheckpointFormatError(f"{self._path} has no {member}, the data of a tensor it holds") from None
        dtype = storage_type.dtype.newbyteorder(self._byteorder)
        if len(raw) < numel * dtype.itemsize:
            raise CheckpointFormatError(f"{self._path}: {member} holds {len(raw)} bytes, fewer than the "
                                        f"{numel} {storage_type.name} element(s) it should")
        flat = np.frombuffer(raw, dtype=dtype, count=numel).astype(dtype.newbyteorder("="), copy=False)
        return _widen_bfloat16(flat) if storage_type.name == "BFloat16Storage" else flat

    def load(self, stream):
        """Unpickles ``stream`` with a ``pickle.Unpickler`` whose globals and persistent ids this reader resolves."""
        import pickle

        reader = self

        class Unpickler(pickle.Unpickler):
            def find_class(self, module, name):
                return reader.find_class(module, name)

            def persistent_load(self, pid):
                return reader.persistent_load(pid)

        try:
            return Unpickler(stream, encoding="utf-8").load()
        except (pickle.UnpicklingError, EOFError) as error:
            raise CheckpointFormatError(
                f"{self._path}: {self._prefix}/data.pkl is not a readable pickle ({error})") from error


def _torch_prefix(names):
    """The folder of a torch.save zip (``<prefix>/data.pkl``), or None."""
    for name in names:
        folder, _, file = name.partition("/")
        if file == "data.pkl":
            return folder
    return None


def _read_torch_zip(archive, prefix, path):
    names = set(archive.namelist())
    if f"{prefix}/constants.pkl" in names or any(n.startswith(f"{prefix}/code/") for n in names):
        raise CheckpointFormatError(f"{path} is a TorchScript archive (torch.jit.save), which holds code, not only "
                                    f"tensors; {_NO_TORCH_HINT}")
    byteorder = "little"
    if f"{prefix}/byteorder" in names:
        byteorder = archive.read(f"{prefix}/byteorder").decode("ascii", "replace").strip()
        if byteorder not in ("little", "big"):
            raise CheckpointFormatError(f"{path}: unknown byte order {byteorder!r} in {prefix}/byteorder")
    with archive.open(f"{prefix}/data.pkl") as stream:
        return _CheckpointReader(archive, prefix, byteorder, path).load(stream)


def load_checkpoint(path):
    """Reads a checkpoint file without torch; returns plain Python containers of numpy arrays.

    The format is told by the content, not by the file name:

    - a ``torch.save`` file (the zip format, torch 1.6 and later): the saved object, with every
      tensor (and ``nn.Parameter``) as a numpy array of the same shape, values and dtype
      (bfloat16 becomes float32, exactly; tensors of any device are read) and containers as saved
      (a state_dict is an ``OrderedDict``). Only tensors in dicts, lists, tuples and sets, with
      numbers, strings and ``None``, can be read: a pickle that needs any other Python global (a
      whole ``nn.Module`` from ``torch.save(model)``, an optimizer object, a custom class) raises
      ``CheckpointFormatError`` naming that global. Nothing the file names is ever imported;
      save ``torch.save(model.state_dict(), path)`` instead. (An optimizer's ``state_dict()`` is
      plain containers and can be read.)
    - a file written by ``KeyMapper.save``: the nested variable tree (``KeyMapper.load``), which
      ``KeyMapper.from_torch`` accepts as it is.

    The legacy (non-zip) format of torch before 1.6, or of ``_use_new_zipfile_serialization=False``,
    raises ``CheckpointFormatError``: load it with torch and save it again with a recent torch.
    A file that cannot be opened raises ``OSError``.

    Example::

        >>> state = load_checkpoint("resnet18.pt")          # torch.save(model.state_dict(), ...)
        >>> state["fc.weight"].shape, state["bn1.num_batches_tracked"].dtype
        ((1000, 512), dtype('int64'))
        >>> variables = KeyMapper.from_torch(state, target)
    """
    import zipfile

    with open(path, "rb") as stream:
        if zipfile.is_zipfile(stream):
            stream.seek(0)
            with zipfile.ZipFile(stream) as archive:
                names = archive.namelist()
                prefix = _torch_prefix(names)
                if prefix is not None:
                    return _read_torch_zip(archive, prefix, path)
            if not all(name.endswith(".npy") for name in names):
                raise CheckpointFormatError(f"{path} is a zip archive but neither a torch.save checkpoint (it has no "
                                            f"<folder>/data.pkl) nor a KeyMapper.save .npz (not all members are .npy)")
            tree = KeyMapper.load(path)
            return _full_checkpoint(tree) if _CHECKPOINT_MARK in tree else tree
        stream.seek(0)
        head = stream.read(32)
    if head[:1] == b"\x80" and _LEGACY_MAGIC in head:
        raise CheckpointFormatError(
            f"{path} is in torch's legacy (pre-1.6, non-zip) format, which cannot be read without torch; re-save it "
            f"with a recent torch: torch.save(torch.load(path), new_path) (and without "
            f"_use_new_zipfile_serialization=False)")
    raise CheckpointFormatError(f"{path} is not a checkpoint load_checkpoint knows: neither a torch.save zip archive "
                                f"nor a KeyMapper.save .npz")



# ---- Full checkpoints: torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(),
# "epoch": epoch}, path). The converted code saves the model's variables, the Optax state and the
# other entries in one .npz (numpy only, no pickle); load_checkpoint reads it back, and
# optimizer_state puts the optimizer's leaves back into the structure of optimizer.init(params).

_CHECKPOINT_MARK = "__switcheroo_checkpoint__"
_LEAF = "#"


class OptimizerLeaves(list):
    """An Optax state read from a ``save_checkpoint`` file: its arrays in ``jax.tree.leaves`` order.
    ``optimizer_state(leaves, optimizer.init(params))`` gives the state back."""


def save_checkpoint(path, checkpoint):
    """Stores a checkpoint dict as an uncompressed ``.npz`` (no pickle), read back by ``load_checkpoint``.

    Each entry by its kind: a mapping (the model's variables ``{"params": ..., "batch_stats": ...}``)
    as ``KeyMapper.save`` stores a tree, under the entry's name (``model/params/fc/kernel``); a
    number, string or array as one array (read back as a Python number or string when 0-d); anything
    else is taken for an Optax state, stored as its leaves (``optimizer/#0``, ...) and their count.
    ``path`` is written exactly as given.
    """
    flat = {_CHECKPOINT_MARK: np.asarray(1)}
    for name, value in checkpoint.items():
        name = str(name)
        if _SEPARATOR in name or name == _CHECKPOINT_MARK:
            raise ValueError(f"checkpoint entry {name!r} cannot be stored under its name")
        if _is_mapping(value):
            for inner, array in KeyMapper.flatten(value).items():
                flat[f"{name}{_SEPARATOR}{inner}"] = array
        elif isinstance(value, (bool, int, float, str, np.generic, np.ndarray)) or hasattr(value, "shape"):
            flat[name] = np.asarray(value)
        else:
            import jax

            leaves = jax.tree.leaves(value)
            for i, leaf in enumerate(leaves):
                flat[f"{name}{_SEPARATOR}{_LEAF}{i}"] = np.asarray(leaf)
            flat[f"{name}{_SEPARATOR}{_LEAF}count"] = np.asarray(len(leaves))
    with open(path, "wb") as stream:
        np.savez(stream, **flat)


def _full_checkpoint(tree):
    """The dict ``save_checkpoint`` stored, from its flat names read back as a tree."""
    checkpoint = {}
    for name, value in tree.items():
        if name == _CHECKPOINT_MARK:
            continue
        if _is_mapping(value) and f"{_LEAF}count" in value:
            checkpoint[name] = OptimizerLeaves(value[f"{_LEAF}{i}"] for i in range(int(value[f"{_LEAF}count"])))
        elif not _is_mapping(value) and np.ndim(value) == 0:
            checkpoint[name] = value.item()
        else:
            checkpoint[name] = value
    return checkpoint


def optimizer_state(saved, template, params=None, torch_weights=None):
    """``opt.load_state_dict(checkpoint["optimizer"])``: the optimizer's state in the structure of
    ``template`` (the optimizer's ``init(params)``, or its current state), from either kind of checkpoint.

    - The Optax state ``save_checkpoint`` stored (``OptimizerLeaves``): each leaf checked against the
      template's shape and put back in its place.
    - A torch optimizer's ``state_dict()`` (``{"state": ..., "param_groups": ...}``, from a checkpoint
      torch wrote): its moments, keyed by the index of each parameter in torch's
      ``model.parameters()``, become the Optax state's trees. That order is the order of the
      parameters in the model's torch ``state_dict`` (``torch_weights``, the model entry of the same
      checkpoint), and ``KeyMapper`` places each one in ``params`` (the Flax parameters the template
      was made for) with the parameter's own layout change (a ``Linear``'s ``(out, in)`` moment
      becomes ``(in, out)``). Adam and AdamW (``exp_avg``, ``exp_avg_sq``, ``step`` into
      ``ScaleByAdamState``'s ``mu``, ``nu``, ``count``) and SGD (``momentum_buffer`` into
      ``TraceState``'s ``trace``) are known; a learning rate ``optax.inject_hyperparams`` holds
      takes the checkpoint's, as torch's load restores it. Anything else raises
      ``CheckpointFormatError`` (``CheckpointMismatchError`` when the parameters do not line up).
    """
    if _is_mapping(saved) and "state" in saved and "param_groups" in saved:
        if params is None or torch_weights is None:
            raise CheckpointFormatError(
                "the checkpoint holds a torch optimizer's state_dict(), whose moments are ordered by the model's "
                "torch parameters: pass params and the model's torch state_dict (optimizer_state(saved, template, "
                "params, torch_weights)), or start the optimizer afresh with optimizer.init(params)")
        return _TorchOptimizerState(saved, params, torch_weights).into(template)
    if not isinstance(saved, OptimizerLeaves):
        raise CheckpointFormatError(f"not an optimizer state saved by switcheroo_runtime.save_checkpoint: {type(saved).__name__}")
    import jax

    leaves, structure = jax.tree.flatten(template)
    if len(leaves) != len(saved):
        raise CheckpointMismatchError(f"the saved optimizer state has {len(saved)} arrays, the optimizer's {len(leaves)}: "
                                      f"it was saved for another optimizer or model")
    for i, (leaf, value) in enumerate(zip(leaves, saved)):
        if _shape_of(leaf) != _shape_of(value):
            raise CheckpointMismatchError(f"optimizer state array {i}: saved shape {_shape_of(value)}, "
                                          f"the optimizer's {_shape_of(leaf)}")
    return jax.tree.unflatten(structure, list(saved))


class _TorchOptimizerState:
    """A torch optimizer's ``state_dict()`` read for Optax (``optimizer_state``): per torch parameter
    index, where its moments go in the Flax parameters and how their layout changes."""

    # Optax's state classes by their fields (NamedTuples: matched by their fields, so the classes of
    # any optax version with the same fields read alike).
    _ADAM = ("count", "mu", "nu")
    _TRACE = ("trace",)
    _SCHEDULE = ("count",)

    def __init__(self, saved, params, torch_weights):
        groups = list(saved["param_groups"])
        if len(groups) != 1:
            # torch numbers the parameters group after group, in the order each group lists them: with
            # several groups the index no longer says which parameter of the model it is.
            raise CheckpointFormatError(
                f"the torch optimizer has {len(groups)} parameter groups; only one group's indices follow "
                "the model's parameters")
        indices = sorted(int(i) for i in groups[0]["params"])
        self.state = {int(k): v for k, v in saved["state"].items()}
        # torch's model.parameters() follows the order of the parameters in its state_dict (each module's
        # own, then its children's), buffers aside: the placements into params, in key order.
        plan = KeyMapper.plan(torch_weights, {"params": params})
        placements = [p for p in plan.placements if p.collection == "params"]
        if indices != list(range(len(placements))):
            raise CheckpointMismatchError(
                f"the torch optimizer holds {len(indices)} parameters and the model's state_dict places {len(placements)} "
                f"in params: the optimizer was not built from model.parameters() of this model")
        self.placements = placements
        for index, entry in self.state.items():
            for name, value in entry.items():
                if name != "step" and value is not None and _shape_of(value) != placements[index].torch_shape:
                    raise CheckpointMismatchError(
                        f"torch optimizer state {index}/{name} has shape {_shape_of(value)}, the parameter "
                        f"{placements[index].key} {placements[index].torch_shape}")
        steps = {float(_to_numpy(entry["step"])) for entry in self.state.values() if "step" in entry}
        if len(steps) > 1 or (steps and len(self.state) != len(indices)):
            raise CheckpointFormatError("the torch optimizer's parameters are at different steps; an Optax state has one count")
        self.step = int(steps.pop()) if steps else 0
        self.rate = groups[0].get("lr")

    def into(self, template):
        fields = getattr(type(template), "_fields", None)
        if fields is None and isinstance(template, (tuple, list)):
            return type(template)(self.into(part) for part in template)
        if fields == ():
            return template
        if fields == self._ADAM:
            return type(template)(self._count(template.count), self._tree("exp_avg", template.mu), self._tree("exp_avg_sq", template.nu))
        if fields == self._TRACE:
            return type(template)(self._tree("momentum_buffer", template.trace))
        if fields == self._SCHEDULE:
            return type(template)(self._count(template.count))
        if fields is not None and "inner_state" in fields and "hyperparams" in fields:
            hyperparams = dict(template.hyperparams)
            if "learning_rate" in hyperparams and self.rate is not None:
                hyperparams["learning_rate"] = np.asarray(self.rate, dtype=_dtype_of(hyperparams["learning_rate"]))
            return template._replace(count=self._count(template.count), hyperparams=hyperparams,
                                     inner_state=self.into(template.inner_state))
        raise CheckpointFormatError(
            f"the optimizer's state {type(template).__name__} {tuple(fields or ())} has no torch counterpart known here "
            "(Adam, AdamW and SGD have): start it afresh with optimizer.init(params)")

    def _count(self, like):
        return np.asarray(self.step, dtype=_dtype_of(like))

    def _tree(self, name, like):
        """The moments called ``name`` in the structure of ``like`` (the template's tree for them). A
        parameter torch holds no state for yet (no step taken) keeps the template's zeros, as torch
        starts its buffers at zero."""
        given = [entry.get(name) is not None for entry in self.state.values()]
        if any(given) and not all(given) or self.state and not any(given):
            raise CheckpointFormatError(f"the torch optimizer's state holds {name} for {sum(given)} of {len(given)} "
                                        "parameters: it was made by another optimizer or other settings than the converted one")
        values = {}
        for index, entry in self.state.items():
            placement = self.placements[index]
            value = _to_numpy(entry[name])
            if placement.how == "kernel":
                value = np.transpose(value, _kernel_permutation(value.ndim))
            values[placement.path] = value
        return _refill(like, values, ())


def _dtype_of(value):
    return getattr(value, "dtype", None) or np.asarray(value).dtype


def _refill(like, values, path):
    """``like`` (a nested mapping, of its own mapping types) with the leaf at each path in ``values``
    replaced, in the leaf's dtype."""
    if _is_mapping(like):
        return type(like)({name: _refill(value, values, path + (str(name),)) for name, value in like.items()})
    if path in values:
        return np.array(values[path], dtype=_dtype_of(like), copy=True, order="C")
    return like


# ---- A model that carries a torch state_dict: torch's model.load_state_dict(state_dict) where the
# model is only returned or passed on (a builder function: ``model = Net(...); if weights:
# model.load_state_dict(...); return model``). A torch model holds its weights; a Linen module holds
# none, and its variables come from ``model.init`` wherever the caller initialises it. So the load
# becomes ``model = with_state_dict(model, state_dict)``: the same module, whose initialisation
# ends with the torch weights (docs/checkpoints.md, "A model that carries its weights").


class _TorchWeights:
    """The state_dict a loaded module takes its variables from. Held by reference and compared and
    hashed by identity, so the module stays hashable and comparable, and Flax, which walks the
    fields of a module for submodules, sees one value rather than a tree."""

    __slots__ = ("state_dict", "strict")

    def __init__(self, state_dict, strict):
        self.state_dict, self.strict = state_dict, strict

    def __getstate__(self):
        return self.state_dict, self.strict

    def __setstate__(self, state):
        self.state_dict, self.strict = state

    def __repr__(self):
        return f"<torch state_dict, strict={self.strict}>"


# The loaded subclass of each module class, made once per class.
_LOADED_CLASSES = {}

_WEIGHTS_FIELD = "torch_state_dict"


def with_state_dict(model, state_dict, strict=True):
    """torch's ``model.load_state_dict(state_dict, strict)`` for a model that is returned or passed
    on rather than called where it is loaded. Returns the same module (same class for
    ``isinstance``, same fields, same variable names) that also carries ``state_dict``: whenever it
    is initialised, ``model.init(...)`` at the top or as a submodule of another module while that
    one initialises, the variables its ``__call__`` created are replaced by the torch weights,
    placed by ``KeyMapper.from_torch`` (strict: every key placed, every variable filled, shapes
    checked, else ``CheckpointMismatchError``; ``strict=False`` keeps the module's own initial
    values where the state_dict has nothing, as torch does) and cast to the declared dtype, as
    torch's load copies into its parameters. ``apply`` takes the variables it is given, as for any
    module. ``clone``/``copy`` keep the weights (they are a field), so do pickling and
    ``copy.deepcopy``. Caveats: only ``__call__`` writes them (``init(..., method=...)`` of another
    method does not), and a module whose ``__call__`` never runs while its parent initialises (a
    parent that calls its submodules only) gets none."""
    import flax.linen as nn

    if not isinstance(model, nn.Module):
        raise TypeError(f"with_state_dict takes a flax.linen.Module, not {type(model).__name__}")
    base = getattr(type(model), "_torch_weights_base", type(model))
    return _loaded_module(base, _module_fields(model), _TorchWeights(state_dict, strict))


def _module_fields(module):
    import dataclasses

    return {f.name: getattr(module, f.name) for f in dataclasses.fields(module)
            if f.init and f.name not in ("parent", _WEIGHTS_FIELD)}


def _loaded_module(base, fields, weights):
    cls = _loaded_class(base)
    if "parent" in cls.__dataclass_fields__:
        fields = dict(fields, parent=None)
    return cls(**fields, **{_WEIGHTS_FIELD: weights})


def _loaded_class(base):
    """``base`` with one more field, the weights, and a ``__call__`` that writes them while the
    module initialises. Named as ``base``, so Flax names an unnamed instance as it names base's."""
    if base in _LOADED_CLASSES:
        return _LOADED_CLASSES[base]

    def __call__(self, *args, **kwargs):
        output = super(loaded, self).__call__(*args, **kwargs)
        if self.is_initializing():
            _put_torch_weights(self)
        return output

    def __reduce__(self):
        return _loaded_module, (base, _module_fields(self), getattr(self, _WEIGHTS_FIELD))

    __reduce__.nowrap = True  # what flax.linen.nowrap marks: a plain method, not a module method
    namespace = {"__module__": base.__module__, "__qualname__": base.__qualname__, "__doc__": base.__doc__,
                 "__annotations__": {_WEIGHTS_FIELD: object}, _WEIGHTS_FIELD: None,
                 "_torch_weights_base": base, "__call__": __call__, "__reduce__": __reduce__}
    loaded = type(base.__name__, (base,), namespace)
    _LOADED_CLASSES[base] = loaded
    return loaded


class _Declared:
    """A variable as the target of KeyMapper.from_torch: its shape only, so nothing is read from
    values that may be traced, and strict=False leaves what the state_dict lacks unfilled."""

    def __init__(self, shape):
        self.shape = shape


def _put_torch_weights(module):
    """Replaces the variables the module's call created with its torch weights (put_variable, which
    in Flax merges a nested dict into the module's subtree)."""
    import jax.numpy as jnp

    weights = getattr(module, _WEIGHTS_FIELD)
    declared = _tree_leaves(module.variables)
    target = KeyMapper.unflatten({_SEPARATOR.join(p): _Declared(_shape_of(leaf)) for p, leaf in declared.items()})
    loaded = _tree_leaves(KeyMapper.from_torch(weights.state_dict, target, strict=weights.strict))
    cast = {_SEPARATOR.join(p): jnp.asarray(value, dtype=declared[p].dtype) for p, value in loaded.items()}
    for collection, tree in KeyMapper.unflatten(cast).items():
        for name, value in tree.items():
            module.put_variable(collection, name, value)


# ---- Losses: torch.nn.functional's loss functions with torch's exact semantics.
#
# Written with array operations only (moveaxis, where, take_along_axis, log, exp, sum, max), so
# they run on jax.numpy in converted code and on numpy in the tests that compare them with torch.
# JAX is imported when a loss is first called, never at import time.

_REDUCTIONS = ("mean", "sum", "none")


def _xp():
    """The array namespace losses compute with: jax.numpy (imported on demand)."""
    import jax.numpy as jnp

    return jnp


def _check_reduction(reduction):
    if reduction not in _REDUCTIONS:
        raise ValueError(f"reduction must be one of {_REDUCTIONS}, not {reduction!r}")


def _reduce(loss, reduction):
    _check_reduction(reduction)
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


def _log_softmax(xp, x):
    shifted = x - x.max(axis=-1, keepdims=True)
    return shifted - xp.log(xp.exp(shifted).sum(axis=-1, keepdims=True))


def _classes_last(xp, x):
    """torch puts classes on axis 1 of (N, C, d1, ...); the computation wants them last."""
    return xp.moveaxis(x, 1, -1) if x.ndim > 1 else x


def _integer_nll(xp, log_probs, target, weight, ignore_index, reduction, smoothing):
    """Negative log-likelihood of integer targets, classes last, with torch's weighting and ignore rules."""
    classes = log_probs.shape[-1]
    valid = target != ignore_index
    safe = xp.where(valid, target, 0)
    picked = -xp.take_along_axis(log_probs, safe[..., None], axis=-1)[..., 0]
    class_weight = xp.ones((classes,), dtype=log_probs.dtype) if weight is None else xp.asarray(weight, dtype=log_probs.dtype)
    target_weight = xp.where(valid, class_weight[safe], 0.0)
    loss = picked * target_weight
    if smoothing:
        uniform = -(log_probs * class_weight).sum(axis=-1) / classes
        loss = (1.0 - smoothing) * loss + smoothing * xp.where(valid, uniform, 0.0)
    _check_reduction(reduction)
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    return loss.sum() / target_weight.sum()


def cross_entropy(input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    """torch.nn.functional.cross_entropy: logits with classes on axis 1 (or a 1-D unbatched
    vector), integer class targets (or class probabilities of the input's shape); ``weight``
    per class, ``ignore_index`` targets excluded (also from the mean's denominator),
    ``label_smoothing`` mixing in the uniform distribution."""
    xp = _xp()
    log_probs = _log_softmax(xp, _classes_last(xp, input))
    if target.shape == input.shape and xp.issubdtype(target.dtype, xp.floating):
        probs = _classes_last(xp, target)
        classes = log_probs.shape[-1]
        if label_smoothing:
            probs = probs * (1.0 - label_smoothing) + label_smoothing / classes
        class_weight = 1.0 if weight is None else xp.asarray(weight, dtype=log_probs.dtype)
        loss = -(probs * log_probs * class_weight).sum(axis=-1)
        if reduction == "mean":
            return loss.sum() / (loss.size if loss.ndim else 1)
        return _reduce(loss, reduction)
    return _integer_nll(xp, log_probs, target, weight, ignore_index, reduction, label_smoothing)


def nll_loss(input, target, weight=None, ignore_index=-100, reduction="mean"):
    """torch.nn.functional.nll_loss: log-probabilities with classes on axis 1, integer targets."""
    xp = _xp()
    return _integer_nll(xp, _classes_last(xp, input), target, weight, ignore_index, reduction, 0.0)


def mse_loss(input, target, reduction="mean"):
    """torch.nn.functional.mse_loss."""
    return _reduce((input - target) ** 2, reduction)


def l1_loss(input, target, reduction="mean"):
    """torch.nn.functional.l1_loss."""
    return _reduce(_xp().abs(input - target), reduction)


def _stop_gradient(x):
    import jax

    return jax.lax.stop_gradient(x)


def _bce_input_gradient(xp, p, target):
    """torch's gradient of binary_cross_entropy by its input: (p - y) / max(p (1 - p), 1e-12),
    finite at p = 0 and 1, where the derivative of the clamped logs is 0 * inf."""
    return (p - target) / xp.maximum(p * (1.0 - p), 1e-12)


def binary_cross_entropy(input, target, weight=None, reduction="mean"):
    """torch.nn.functional.binary_cross_entropy: probabilities in, each log clamped at -100 as
    torch does, and torch's gradient by the input. The logs are taken of the input with its
    gradient stopped, and ``(input - p) * torch_gradient`` (zero in value) carries torch's
    gradient: differentiating max(log(p), -100) itself gives NaN at p = 0 or 1."""
    xp = _xp()
    p = _stop_gradient(input)
    log_p = xp.maximum(xp.log(p), -100.0)
    log_not_p = xp.maximum(xp.log(1.0 - p), -100.0)
    loss = -(target * log_p + (1.0 - target) * log_not_p)
    loss = loss + (input - p) * _stop_gradient(_bce_input_gradient(xp, p, target))
    if weight is not None:
        loss = loss * weight
    return _reduce(loss, reduction)


def binary_cross_entropy_with_logits(input, target, weight=None, reduction="mean", pos_weight=None):
    """torch.nn.functional.binary_cross_entropy_with_logits, in torch's numerically stable form."""
    xp = _xp()
    softplus_neg = xp.log(1.0 + xp.exp(-xp.abs(input))) + xp.maximum(-input, 0.0)
    if pos_weight is None:
        loss = (1.0 - target) * input + softplus_neg
    else:
        loss = (1.0 - target) * input + (1.0 + (pos_weight - 1.0) * target) * softplus_neg
    if weight is not None:
        loss = loss * weight
    return _reduce(loss, reduction)


def smooth_l1_loss(input, target, reduction="mean", beta=1.0):
    """torch.nn.functional.smooth_l1_loss."""
    xp = _xp()
    diff = xp.abs(input - target)
    if beta == 0:
        return _reduce(diff, reduction)
    return _reduce(xp.where(diff < beta, 0.5 * diff ** 2 / beta, diff - 0.5 * beta), reduction)


def huber_loss(input, target, reduction="mean", delta=1.0):
    """torch.nn.functional.huber_loss."""
    xp = _xp()
    diff = xp.abs(input - target)
    return _reduce(xp.where(diff <= delta, 0.5 * diff ** 2, delta * (diff - 0.5 * delta)), reduction)


def _clamp_min_zero(xp, x):
    """torch's clamp_min(x, 0): max(x, 0) with torch's gradient, 1 at x == 0 (jnp.maximum splits it)."""
    return xp.where(x >= 0, x, 0.0)


def _hinge(xp, x):
    """max(x, 0) as torch's margin kernels count it: only x > 0, so the gradient at x == 0 is 0."""
    return xp.where(x > 0, x, 0.0)


def soft_margin_loss(input, target, reduction="mean"):
    """torch.nn.functional.soft_margin_loss: ``log(1 + exp(-target * input))``, as torch computes it."""
    xp = _xp()
    return _reduce(xp.log1p(xp.exp(-target * input)), reduction)


def margin_ranking_loss(input1, input2, target, margin=0.0, reduction="mean"):
    """torch.nn.functional.margin_ranking_loss: ``max(0, -target * (input1 - input2) + margin)``."""
    xp = _xp()
    return _reduce(_clamp_min_zero(xp, -target * (input1 - input2) + margin), reduction)


def hinge_embedding_loss(input, target, margin=1.0, reduction="mean"):
    """torch.nn.functional.hinge_embedding_loss as torch 1.13 computes it: ``max(0, margin - input)``
    where the target is not 1, plus ``input`` where it is not -1 (both for any other value)."""
    xp = _xp()
    zero = xp.zeros_like(input)
    loss = xp.where(target != 1, _clamp_min_zero(xp, margin - input), zero) + xp.where(target != -1, input, zero)
    return _reduce(loss, reduction)


def cosine_embedding_loss(input1, input2, target, margin=0.0, reduction="mean"):
    """torch.nn.functional.cosine_embedding_loss as torch 1.13 computes it: the cosine over the
    axis after the target's (1 for a batch, 0 unbatched), its squared magnitudes each plus 1e-12;
    ``1 - cos`` where the target is 1, ``max(0, cos - margin)`` where it is -1, 0 elsewhere."""
    xp = _xp()
    axis = target.ndim
    product = (input1 * input2).sum(axis=axis)
    square1 = (input1 * input1).sum(axis=axis) + 1e-12
    square2 = (input2 * input2).sum(axis=axis) + 1e-12
    cos = product / xp.sqrt(square1 * square2)
    zero = xp.zeros_like(cos)
    loss = xp.where(target == 1, 1.0 - cos, zero) + xp.where(target == -1, _clamp_min_zero(xp, cos - margin), zero)
    return _reduce(loss, reduction)


def _log_sigmoid(xp, x):
    """log(sigmoid(x)) in the stable form: min(x, 0) - log1p(exp(-|x|))."""
    return xp.minimum(x, 0.0) - xp.log1p(xp.exp(-xp.abs(x)))


def multilabel_soft_margin_loss(input, target, weight=None, reduction="mean"):
    """torch.nn.functional.multilabel_soft_margin_loss: the binary cross-entropy of each class's
    logit (times ``weight``), averaged over the last (class) axis, then reduced."""
    xp = _xp()
    loss = -(target * _log_sigmoid(xp, input) + (1.0 - target) * _log_sigmoid(xp, -input))
    if weight is not None:
        loss = loss * weight
    return _reduce(loss.sum(axis=-1) / input.shape[-1], reduction)


def poisson_nll_loss(input, target, log_input=True, full=False, eps=1e-08, reduction="mean"):
    """torch.nn.functional.poisson_nll_loss: ``exp(input) - target * input`` for log-rates (the
    default), ``input - target * log(input + eps)`` for rates; ``full`` adds Stirling's term
    ``target log target - target + log(2 pi target) / 2`` where the target is above 1."""
    xp = _xp()
    if log_input:
        loss = xp.exp(input) - target * input
    else:
        loss = input - target * xp.log(input + eps)
    if full:
        above = target > 1
        safe = xp.where(above, target, 2.0)
        stirling = safe * xp.log(safe) - safe + 0.5 * xp.log(2 * 3.141592653589793 * safe)
        loss = loss + xp.where(above, stirling, 0.0)
    return _reduce(loss, reduction)


def _concrete_any(flags):
    """Whether any flag is set, where the values are known; False while JAX traces them."""
    try:
        return bool(flags.any())
    except Exception:  # a JAX tracer: the values are not known until the function runs
        return False


def gaussian_nll_loss(input, target, var, full=False, eps=1e-06, reduction="mean"):
    """torch.nn.functional.gaussian_nll_loss: ``(log var + (input - target)^2 / var) / 2`` (plus
    ``log(2 pi) / 2`` when ``full``), var taking the input's shape or one axis less or a last axis
    of 1. As in torch, var is clamped at eps in value only (its gradient passes as if unclamped),
    and a negative var is an error where its values are known (not while JAX traces)."""
    xp = _xp()
    if tuple(var.shape) != tuple(input.shape):
        if tuple(input.shape[:-1]) == tuple(var.shape):
            var = var[..., None]
        elif not (tuple(input.shape[:-1]) == tuple(var.shape[:-1]) and var.shape[-1] == 1):
            raise ValueError("var is of incorrect size")
    _check_reduction(reduction)
    if _concrete_any(var < 0):
        raise ValueError("var has negative entry/entries")
    var = var + _stop_gradient(xp.maximum(var, eps) - var)
    loss = 0.5 * (xp.log(var) + (input - target) ** 2 / var)
    if full:
        loss = loss + 0.5 * 1.8378770664093453  # log(2 pi)
    return _reduce(loss, reduction)


def _distance(xp, x1, x2, p, eps):
    """torch's pairwise_distance: the p-norm of ``x1 - x2 + eps`` over the last axis."""
    magnitude = xp.abs(x1 - x2 + eps)
    if p == float("inf"):
        return magnitude.max(axis=-1)
    if p == float("-inf"):
        return magnitude.min(axis=-1)
    if p == 0:
        return (magnitude != 0).sum(axis=-1).astype(magnitude.dtype)
    if p == 2:
        return xp.sqrt((magnitude * magnitude).sum(axis=-1))
    return (magnitude ** p).sum(axis=-1) ** (1.0 / p)


def triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-06, swap=False, reduction="mean"):
    """torch.nn.functional.triplet_margin_loss: ``max(0, margin + d(a, p) - d(a, n))`` with torch's
    pairwise distance (eps added to the difference); ``swap`` takes the smaller of d(a, n) and d(p, n)."""
    xp = _xp()
    if not anchor.ndim == positive.ndim == negative.ndim:
        raise ValueError("triplet_margin_loss: anchor, positive and negative must have the same number of dimensions")
    to_positive = _distance(xp, anchor, positive, p, eps)
    to_negative = _distance(xp, anchor, negative, p, eps)
    if swap:
        to_negative = xp.minimum(to_negative, _distance(xp, positive, negative, p, eps))
    return _reduce(_clamp_min_zero(xp, margin + to_positive - to_negative), reduction)


def triplet_margin_with_distance_loss(anchor, positive, negative, *, distance_function=None, margin=1.0, swap=False, reduction="mean"):
    """torch.nn.functional.triplet_margin_with_distance_loss: triplet_margin_loss with a distance
    function of two arrays (torch's pairwise_distance, p=2 and eps=1e-6, when None)."""
    xp = _xp()
    if distance_function is None:
        distance_function = lambda x1, x2: _distance(xp, x1, x2, 2.0, 1e-06)  # noqa: E731
    to_positive = distance_function(anchor, positive)
    to_negative = distance_function(anchor, negative)
    if swap:
        to_negative = xp.minimum(to_negative, distance_function(positive, negative))
    return _reduce(_clamp_min_zero(xp, to_positive - to_negative + margin), reduction)


def kl_div(input, target, reduction="mean", log_target=False):
    """torch.nn.functional.kl_div: the pointwise ``target * (log target - input)`` (0 where the
    target is 0, as torch's xlogy gives), ``exp(target) * (target - input)`` for log targets;
    ``"batchmean"`` divides the sum by the batch size (axis 0), ``"mean"`` by every element as torch
    1.13 does (it warns that the KL divergence's mean is "batchmean")."""
    xp = _xp()
    if log_target:
        loss = xp.exp(target) * (target - input)
    else:
        loss = xp.where(target == 0, 0.0, target * xp.log(xp.where(target == 0, 1.0, target))) - target * input
    if reduction == "batchmean":
        return loss.sum() / input.shape[0] if input.ndim else loss.sum()
    return _reduce(loss, reduction)


def _log_add(xp, *terms):
    """log(sum(exp(terms))) elementwise, -inf where every term is -inf, with no NaN in its gradient
    there (the sum is replaced before its log where it is 0)."""
    stacked = xp.stack(terms)
    top = _stop_gradient(stacked.max(axis=0))
    top = xp.where(xp.isfinite(top), top, 0.0)
    total = xp.exp(stacked - top).sum(axis=0)
    positive = total > 0
    return xp.where(positive, xp.log(xp.where(positive, total, 1.0)) + top, -xp.inf)


def ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean", zero_infinity=False):
    """torch.nn.functional.ctc_loss: the negative log-likelihood of each target over every alignment
    of log_probs (T, N, C) (or (T, C) unbatched), by the forward (alpha) recursion over the target
    with blanks between its labels, in log space, one step per frame (the frame count is static)
    and frames past a sample's input length leaving it unchanged. Targets padded (N, S) or
    concatenated (sum of target_lengths,). ``"mean"`` divides each loss by its target length
    (at least 1) and averages; ``zero_infinity`` gives 0 for impossible alignments (and their
    gradient). The gradient by log_probs is torch's: the derivative plus exp(log_probs) on each
    sample's frames, as torch's backward computes it (the two agree through a log_softmax)."""
    xp = _xp()
    unbatched = log_probs.ndim == 2
    if unbatched:
        log_probs, targets = log_probs[:, None, :], xp.asarray(targets)[None]
        input_lengths, target_lengths = xp.reshape(xp.asarray(input_lengths), (1,)), xp.reshape(xp.asarray(target_lengths), (1,))
    input_lengths, target_lengths = xp.asarray(input_lengths), xp.asarray(target_lengths)
    frames, batch, _ = log_probs.shape
    targets = xp.asarray(targets)
    if targets.ndim == 1:  # concatenated: sample n's labels start after the lengths before it
        starts = xp.cumsum(target_lengths) - target_lengths
        positions = starts[:, None] + xp.arange(targets.shape[0])[None, :]
        targets = targets[xp.clip(positions, 0, max(targets.shape[0] - 1, 0))] if targets.shape[0] else xp.zeros((batch, 0), dtype=int)
    longest = targets.shape[1]
    states = 2 * longest + 1
    index = xp.arange(states)
    labels = xp.where(index % 2 == 1, targets[:, xp.clip((index - 1) // 2, 0, max(longest - 1, 0))] if longest else blank, blank)
    labels = xp.broadcast_to(labels, (batch, states))
    skip = (index[None, :] % 2 == 1) & (index[None, :] >= 2) & (labels != xp.roll(labels, 2, axis=1))
    emitted = xp.take_along_axis(log_probs, xp.broadcast_to(labels[None], (frames, batch, states)), axis=2)
    none = xp.full((batch, 1), -xp.inf, dtype=log_probs.dtype)
    alpha = xp.where(index[None, :] < 2, emitted[0], -xp.inf)
    alpha = xp.where((index[None, :] == 1) & (target_lengths[:, None] == 0), -xp.inf, alpha)
    for t in range(1, frames):
        one_back = xp.concatenate([none, alpha[:, :-1]], axis=1)
        two_back = xp.where(skip, xp.concatenate([none, none, alpha[:, :-2]], axis=1)[:, :states], -xp.inf)
        stepped = _log_add(xp, alpha, one_back, two_back) + emitted[t]
        alpha = xp.where((t < input_lengths)[:, None], stepped, alpha)
    last = xp.take_along_axis(alpha, (2 * target_lengths)[:, None], axis=1)[:, 0]
    before = xp.take_along_axis(alpha, xp.maximum(2 * target_lengths - 1, 0)[:, None], axis=1)[:, 0]
    before = xp.where(target_lengths > 0, before, -xp.inf)
    loss = -_log_add(xp, last, before)
    # torch's gradient by log_probs is exp(log_probs) minus the alignments' posterior on each sample's
    # frames (the derivative through a log_softmax, where the exp term cancels); this adds that term,
    # 0 in value, so a gradient taken by log_probs themselves is torch's too.
    probs = xp.exp(log_probs)
    on_frame = (xp.arange(frames)[:, None] < input_lengths[None, :])[:, :, None]
    loss = loss + xp.where(on_frame, probs - _stop_gradient(probs), 0.0).sum(axis=(0, 2))
    if zero_infinity:
        loss = xp.where(xp.isinf(loss), 0.0, loss)
    _check_reduction(reduction)
    if reduction == "mean":
        return (loss / xp.maximum(target_lengths, 1).astype(loss.dtype)).mean()
    if reduction == "sum":
        return loss.sum()
    return loss[0] if unbatched else loss


def multi_margin_loss(input, target, p=1, margin=1.0, weight=None, reduction="mean"):
    """torch.nn.functional.multi_margin_loss: per sample, the sum over the other classes j of
    ``max(0, margin - input[y] + input[j]) ** p`` (p 1 or 2), times ``weight[y]``, over the class
    count; input (N, C) or (C,), integer targets."""
    xp = _xp()
    if p not in (1, 2):
        raise ValueError("multi_margin_loss: only p == 1 and p == 2 are supported")
    x = input.reshape(1, -1) if input.ndim < 2 else input
    y = target.reshape(-1)
    picked = xp.take_along_axis(x, y[:, None], axis=1)
    hinge = _hinge(xp, margin - picked + x)
    if p == 2:
        hinge = hinge * hinge
    if weight is not None:
        hinge = hinge * xp.asarray(weight, dtype=x.dtype)[y][:, None]
    others = xp.arange(x.shape[1])[None, :] != y[:, None]
    loss = xp.where(others, hinge, 0.0).sum(axis=1) / x.shape[1]
    return _reduce(loss.reshape(()) if target.ndim == 0 else loss, reduction)  # torch's shape: the target's


def multilabel_margin_loss(input, target, reduction="mean"):
    """torch.nn.functional.multilabel_margin_loss: the target row lists class indices up to the
    first -1; per sample, the sum over listed classes j and unlisted classes k of
    ``max(0, 1 - (input[j] - input[k]))``, over the class count. Input (N, C) or (C,)."""
    xp = _xp()
    unbatched = input.ndim < 2
    x = input.reshape(1, -1) if unbatched else input
    y = target.reshape(x.shape)
    classes = x.shape[1]
    listed = xp.cumprod(y >= 0, axis=1).astype(bool)
    safe = xp.where(listed, y, 0)
    is_target = ((safe[:, :, None] == xp.arange(classes)[None, None, :]) & listed[:, :, None]).any(axis=1)
    picked = xp.take_along_axis(x, safe, axis=1)
    hinge = _hinge(xp, 1.0 - picked[:, :, None] + x[:, None, :])
    counted = listed[:, :, None] & ~is_target[:, None, :]
    loss = xp.where(counted, hinge, 0.0).sum(axis=(1, 2)) / classes
    return _reduce(loss.reshape(()) if unbatched else loss, reduction)


# ---- softmax without dim: torch's implicit dimension (torch.nn.functional._get_softmax_dim),
# chosen by the input's rank, which is static when JAX traces.


def _implicit_dim(ndim):
    """The dimension torch's softmax takes when none is given: 0 for 0-, 1- and 3-D inputs, else 1."""
    return 0 if ndim in (0, 1, 3) else 1


def softmax_implicit(x):
    """torch.nn.functional.softmax(x) without dim (jax.nn.softmax's default is the last axis)."""
    import jax

    if x.ndim == 0:
        return jax.nn.softmax(x.reshape(1), axis=0).reshape(())
    return jax.nn.softmax(x, axis=_implicit_dim(x.ndim))


def log_softmax_implicit(x):
    """torch.nn.functional.log_softmax(x) without dim."""
    import jax

    if x.ndim == 0:
        return jax.nn.log_softmax(x.reshape(1), axis=0).reshape(())
    return jax.nn.log_softmax(x, axis=_implicit_dim(x.ndim))


def softmax(x, dim=None):
    """torch.nn.functional.softmax(x, dim) with dim a value that may be None (torch's nn.Softmax):
    None is torch's implicit dimension, as softmax_implicit."""
    import jax

    return softmax_implicit(x) if dim is None else jax.nn.softmax(x, axis=dim)


def log_softmax(x, dim=None):
    """torch.nn.functional.log_softmax(x, dim), dim None being the implicit dimension."""
    import jax

    return log_softmax_implicit(x) if dim is None else jax.nn.log_softmax(x, axis=dim)


def softmin(x, dim=None):
    """torch.nn.functional.softmin(x, dim): the softmax of -x, dim None being the implicit dimension."""
    return softmax(-x, dim)


# ---- activations whose torch arguments may be values known only at run time (torch/nn/modules/
# activation.py passes its attributes), each as torch computes it (tests/runtime/test_activations.py).


def threshold(input, threshold, value):
    """torch.nn.functional.threshold: ``value`` where ``input <= threshold``, else ``input`` (NaN stays)."""
    import jax.numpy as jnp

    return jnp.where(input <= threshold, value, input)


def hardshrink(input, lambd=0.5):
    """torch.nn.functional.hardshrink: ``input`` where ``|input| > lambd``, else 0."""
    import jax.numpy as jnp

    return jnp.where((input >= -lambd) & (input <= lambd), 0, input)


def softshrink(input, lambd=0.5):
    """torch.nn.functional.softshrink: ``input`` moved ``lambd`` toward 0, and 0 within ``[-lambd, lambd]``
    (and for NaN, as torch)."""
    import jax.numpy as jnp

    return jnp.where(input > lambd, input - lambd, jnp.where(input < -lambd, input + lambd, 0))


def tanhshrink(input):
    """torch.nn.functional.tanhshrink: ``input - tanh(input)``."""
    import jax.numpy as jnp

    return input - jnp.tanh(input)


def softplus(input, beta=1, threshold=20):
    """torch.nn.functional.softplus: ``log(1 + exp(beta * x)) / beta``, and ``x`` itself where
    ``beta * x > threshold`` (torch's switch, which changes the numbers slightly there). The exponent
    is capped at the threshold, so the branch not taken overflows neither value nor gradient."""
    import jax.numpy as jnp

    scaled = input * beta
    return jnp.where(scaled > threshold, input, jnp.log1p(jnp.exp(jnp.minimum(scaled, threshold))) / beta)


def gelu(input, approximate="none"):
    """torch.nn.functional.gelu with ``approximate`` as a value: 'none' is the exact erf form,
    'tanh' the tanh approximation; anything else raises, as torch does."""
    import jax

    if approximate not in ("none", "tanh"):
        raise ValueError(f"approximate argument must be either none or tanh, not {approximate!r}")
    return jax.nn.gelu(input, approximate=approximate == "tanh")


def prelu(input, weight):
    """torch.nn.functional.prelu: ``max(0, x) + weight * min(0, x)``, one weight or one per channel
    (axis 1 of an input of rank 2 or more, as torch)."""
    import jax.numpy as jnp

    if weight.size != 1 and input.ndim >= 2:
        weight = jnp.reshape(weight, (1, -1) + (1,) * (input.ndim - 2))
    elif weight.size == 1:
        weight = jnp.reshape(weight, ())
    return jnp.where(input >= 0, input, weight * input)


def rrelu(module, input, lower=1.0 / 8, upper=1.0 / 3, train=False):
    """torch.nn.functional.rrelu inside a Flax module: in evaluation the slope of negative values is
    ``(lower + upper) / 2``; in training each element draws its slope from U(lower, upper) with the
    module's 'dropout' stream (torch's generator draws other numbers of the same law)."""
    import jax.numpy as jnp

    if not train:
        return jnp.where(input >= 0, input, input * ((lower + upper) / 2))
    import jax

    slope = jax.random.uniform(module.make_rng("dropout"), input.shape, input.dtype, lower, upper)
    return jnp.where(input >= 0, input, input * slope)


def group_norm(input, num_groups, weight=None, bias=None, eps=1e-05):
    """torch.nn.functional.group_norm: the channels (axis 1) of each sample split into
    ``num_groups`` groups, each normalised over its channels and the spatial axes with the biased
    variance, then scaled by ``weight`` and shifted by ``bias`` (one per channel)."""
    import jax.numpy as jnp

    batch, channels = input.shape[0], input.shape[1]
    if channels % num_groups != 0:
        raise ValueError(f"group_norm: {channels} channels do not split into {num_groups} groups")
    grouped = jnp.reshape(input, (batch, num_groups, -1))
    mean = jnp.mean(grouped, axis=2, keepdims=True)
    centered = grouped - mean
    variance = jnp.mean(centered * centered, axis=2, keepdims=True)
    return _channel_affine(jnp, jnp.reshape(centered / jnp.sqrt(variance + eps), input.shape), weight, bias)


def local_response_norm(input, size, alpha=1e-4, beta=0.75, k=1.0):
    """torch.nn.functional.local_response_norm: each value divided by ``(k + alpha * mean) ** beta``,
    the mean of the squares over ``size`` neighbouring channels (zero-padded: size // 2 before,
    (size - 1) // 2 after, divided by ``size`` whatever the edge), as torch's average pooling computes it."""
    import jax.numpy as jnp

    if input.ndim < 3:
        raise ValueError(f"local_response_norm expects 3 or more dimensions, got {input.ndim}")
    squares = input * input
    channels = input.shape[1]
    padded = jnp.pad(squares, [(0, 0), (size // 2, (size - 1) // 2)] + [(0, 0)] * (input.ndim - 2))
    total = padded[:, 0:channels]
    for offset in range(1, size):
        total = total + padded[:, offset:offset + channels]
    return input / ((total / size) * alpha + k) ** beta


def embedding(input, weight, padding_idx=None):
    """torch.nn.functional.embedding without max_norm: the rows of ``weight`` the indices name. The
    row ``padding_idx`` (negative from the end, as torch) is read through stop_gradient, so it gets
    no gradient, as torch's."""
    import jax.numpy as jnp

    rows = jnp.take(weight, input, axis=0)
    if padding_idx is None:
        return rows
    import jax

    if padding_idx < 0:
        padding_idx += weight.shape[0]
    return jnp.where((input == padding_idx)[..., None], jax.lax.stop_gradient(rows), rows)


# ---- optimizers: torch's update rules where no Optax transformation computes the same numbers.
# Each returns an optax.GradientTransformation (Optax and JAX imported when it is built), so it
# composes with optax.chain and optax.inject_hyperparams like Optax's own.


def torch_adagrad(learning_rate=0.01, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10):
    """torch.optim.Adagrad: ``p -= clr * g / (sqrt(s) + eps)`` with ``s += g * g`` first and
    ``clr = lr / (1 + (t - 1) * lr_decay)`` at step t; ``weight_decay`` adds ``wd * p`` to the
    gradient first (L2). optax.adagrad scales by ``rsqrt(s + eps)`` instead, eps inside the root:
    with torch's eps of 1e-10 its first step differs by 29% where ``|g|`` is 1e-5."""
    import jax
    import jax.numpy as jnp
    import optax

    def init(params):
        return {
            "count": jnp.zeros([], jnp.int32),
            "sum_of_squares": jax.tree.map(lambda p: jnp.full_like(p, initial_accumulator_value), params),
        }

    def update(grads, state, params=None):
        if weight_decay:
            if params is None:
                raise ValueError("torch_adagrad with weight_decay needs params: optimizer.update(grads, opt_state, params)")
            grads = jax.tree.map(lambda g, p: g + weight_decay * p, grads, params)
        count = state["count"] + 1
        rate = learning_rate / (1.0 + (count - 1) * lr_decay)
        sums = jax.tree.map(lambda s, g: s + g * g, state["sum_of_squares"], grads)
        updates = jax.tree.map(lambda g, s: -rate * g / (jnp.sqrt(s) + eps), grads, sums)
        return updates, {"count": count, "sum_of_squares": sums}

    return optax.GradientTransformation(init, update)


def torch_rmsprop(learning_rate=0.01, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False):
    """torch.optim.RMSprop: ``s = alpha * s + (1 - alpha) * g * g``, ``d = sqrt(s) + eps`` (centered:
    ``sqrt(s - m * m) + eps`` with ``m`` the running mean of g), then ``p -= lr * g / d``, or with
    momentum ``b = momentum * b + g / d`` and ``p -= lr * b``; ``weight_decay`` adds ``wd * p`` to
    the gradient first (L2). optax.rmsprop scales by the learning rate *before* its momentum trace:
    equal while the rate is constant, but under a schedule each past step keeps the rate it was
    taken with (8.8x torch's first step after MultiStepLR drops the rate x0.1 with momentum 0.9).
    Here the rate multiplies the buffer when it is applied, as in torch, so an injected, scheduled
    rate (optax.inject_hyperparams) gives torch's steps."""
    import jax
    import jax.numpy as jnp
    import optax

    def init(params):
        zeros = lambda: jax.tree.map(jnp.zeros_like, params)
        return {"square_avg": zeros(), "grad_avg": zeros(), "momentum_buffer": zeros()}

    def update(grads, state, params=None):
        if weight_decay:
            if params is None:
                raise ValueError("torch_rmsprop with weight_decay needs params: optimizer.update(grads, opt_state, params)")
            grads = jax.tree.map(lambda g, p: g + weight_decay * p, grads, params)
        squares = jax.tree.map(lambda s, g: alpha * s + (1 - alpha) * g * g, state["square_avg"], grads)
        means = state["grad_avg"]
        if centered:
            means = jax.tree.map(lambda m, g: alpha * m + (1 - alpha) * g, means, grads)
            denominators = jax.tree.map(lambda s, m: jnp.sqrt(s - m * m) + eps, squares, means)
        else:
            denominators = jax.tree.map(lambda s: jnp.sqrt(s) + eps, squares)
        steps = jax.tree.map(lambda g, d: g / d, grads, denominators)
        buffers = state["momentum_buffer"]
        if momentum:
            buffers = jax.tree.map(lambda b, step: momentum * b + step, buffers, steps)
            steps = buffers
        updates = jax.tree.map(lambda step: -learning_rate * step, steps)
        return updates, {"square_avg": squares, "grad_avg": means, "momentum_buffer": buffers}

    return optax.GradientTransformation(init, update)


# ---- initialisers: torch's defaults for Linear and Conv layers, as Flax kernel_init/bias_init.


# ---- alternating (GAN) steps: two models trained in one loop, each applied several times per step.


class ThreadedModel:
    """A Linen module applied in training mode as torch calls a module: every call updates its
    running statistics, and the next call sees them. ``state`` holds the collections other than
    ``params`` (``batch_stats``), passed mutable to each ``apply`` and replaced by what it returns,
    so inside a loss function ``d(real)`` then ``d(fake)`` update them twice, in that order, as
    torch's two forward passes do. A ``dropout`` key in ``rngs`` is split on every call, so two
    calls draw different masks, as torch's do. The calls run while JAX traces the loss function:
    the updates happen in the order the loss calls the model."""

    def __init__(self, module, params, state, rngs=None):
        self.module = module
        self.params = params
        self.state = dict(state)
        self._rngs = dict(rngs or {})

    def __call__(self, *args, **kwargs):
        rngs = {}
        if self._rngs:
            import jax

            for stream, key in list(self._rngs.items()):
                self._rngs[stream], rngs[stream] = jax.random.split(key)
        variables = {"params": self.params, **self.state}
        if not self.state:
            return self.module.apply(variables, *args, rngs=rngs, **kwargs)
        output, mutated = self.module.apply(variables, *args, rngs=rngs, mutable=list(self.state), **kwargs)
        self.state = {**self.state, **mutated}
        return output


def params_and_state(variables):
    """``variables["params"]`` and the other collections (``batch_stats``) as a dict, for
    ``ThreadedModel``: ``{"params": params, **state}`` is the variables again."""
    return variables["params"], {name: value for name, value in variables.items() if name != "params"}


def _uniform(key, shape, dtype, bound):
    import jax

    return jax.random.uniform(key, shape, dtype, minval=-bound, maxval=bound)


def torch_kernel_init(key, shape, dtype=np.float32):
    """torch's default weights for Linear and Conv: kaiming_uniform(a=sqrt(5)), which is
    U(-1/sqrt(fan_in), 1/sqrt(fan_in)). A Flax kernel holds its inputs on every axis but the last
    (Dense: (in, out); Conv: (*kernel, in / groups, out)), so fan_in is the product of those, as in
    torch. Flax's default (lecun_normal) draws weights sqrt(3) times wider."""
    fan_in = 1
    for size in shape[:-1]:
        fan_in *= size
    return _uniform(key, shape, dtype, 1.0 / fan_in ** 0.5 if fan_in else 0.0)


def torch_bias_init(in_features, kernel_size=(), groups=1):
    """torch's default bias for Linear (``torch_bias_init(in_features)``) and Conv
    (``torch_bias_init(in_channels, kernel_size, groups)``): U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with
    fan_in = in_features / groups * prod(kernel_size). Flax's default is zeros; a bias alone does
    not know its layer's fan_in, hence the arguments."""
    fan_in = in_features // groups
    for size in kernel_size:
        fan_in *= size

    def init(key, shape, dtype=np.float32):
        return _uniform(key, shape, dtype, 1.0 / fan_in ** 0.5 if fan_in else 0.0)

    return init


def torch_fan_in(shape):
    """torch.nn.init._calculate_fan_in_and_fan_out(w)[0] of a parameter kept in torch's layout
    (out, in, *kernel): in times the kernel's size. Fewer than 2 dimensions raise, as in torch."""
    if len(shape) < 2:
        raise ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
    fan_in = shape[1]
    for size in shape[2:]:
        fan_in *= size
    return fan_in


def torch_uniform(a=0.0, b=1.0):
    """torch.nn.init.uniform_(w, a, b) as a Flax initializer: U(a, b). (jax's uniform(scale)
    draws from [0, scale), so it cannot say a lower bound.)"""

    def init(key, shape, dtype=np.float32):
        import jax

        return jax.random.uniform(key, shape, dtype, minval=a, maxval=b)

    return init


def torch_trunc_normal(std=1.0, mean=0.0, a=-2.0, b=2.0):
    """torch.nn.init.trunc_normal_(w, mean, std, a, b) as a Flax initializer: N(mean, std)
    truncated at the *absolute* bounds a and b, as torch does. (jax's truncated_normal(stddev)
    truncates at two standard deviations and rescales the result, another distribution.)"""

    def init(key, shape, dtype=np.float32):
        import jax

        unit = jax.random.truncated_normal(key, (a - mean) / std, (b - mean) / std, shape, dtype)
        return unit * std + mean

    return init


def param_init(init, data):
    """A parameter torch builds and then draws anew in place (``self.pos = nn.Parameter(torch.zeros(1, n, d))``
    then ``nn.init.trunc_normal_(self.pos, std=0.02)``) as a Flax parameter initializer: ``init``'s
    draw, with the parameter's key, in the shape and dtype of the value ``data(key)`` would give
    (computed abstractly, never drawn)."""

    def draw(key):
        import jax

        like = jax.eval_shape(data, key)
        return init(key, like.shape, like.dtype)

    return draw


# ---- initialisation loops at init: torch's ``for m in self.modules(): if isinstance(m, nn.Conv2d):
# nn.init.kaiming_normal_(m.weight, ...)`` (or ``self.apply(self._init_weights)``) reaching layers
# the conversion cannot see (built in loops, by helpers, from classes passed in) becomes a
# decorator of the module's ``__call__``: while the model is initialised, every layer called inside
# gets the loop's initializers after its own call created its variables (docs/maps.md,
# "Initialisation").


def init_branch(*classes, optional=(), present=(), at=None, **initializers):
    """One ``isinstance`` branch of a torch initialisation loop: the torch layer classes it tests
    (qualified names, ``"torch.nn.Conv2d"``) and the Flax initializer each torch parameter gets
    (``weight=...``, ``bias=...``). A parameter named in ``optional`` is set only when the layer has
    it (``if m.bias is not None:``); any other parameter the layer lacks fails, as torch does. A
    parameter named in ``present`` is part of the branch's test (``isinstance(m, A) and m.bias is
    not None``): without it the branch does not apply and the next one is tried.

    With ``at`` (a submodule's attribute path, ``"bn3"``) the classes are converted module classes
    (``isinstance(m, Bottleneck) and m.bn3.weight is not None: nn.init.constant_(m.bn3.weight, 0)``):
    the branch initialises the layer at that path of each module of those classes."""
    return tuple(classes), dict(initializers), frozenset(optional), tuple(present), at


def torch_init(*statements, when=None, when_none=None, under=None, children=False):
    """Decorates a converted module's ``__call__`` with torch's initialisation loops: each argument
    is one ``if``/``elif`` statement of a loop's body, a list of ``init_branch``es of which the first
    whose classes hold the layer applies. Only while the model is initialised (``model.init``) the
    call runs under ``flax.linen.intercept_methods``: after a layer's ``__call__`` has created its
    variables, a layer that stands for a torch class of a branch gets that branch's initializers,
    drawn with the layer's own ``params`` key and written with ``put_variable``. Interceptors nest:
    a submodule's loop runs inside its parent's, so the parent's initializers are written last, as
    torch's parent constructor runs its loop after its submodules' constructors ran theirs. A layer
    called several times is initialised at each call, the outermost loop last each time. ``when``
    names the module's field a loop under ``if FIELD:`` (a constructor argument) runs under;
    ``when_none`` is what the field stands for when it is None (googlenet's ``if init_weights is
    None: init_weights = True`` before the loop).
    ``under`` names the submodule a loop ``for m in self.NAME.modules()`` walks: only the layers
    whose path lies under that submodule's are initialised (it must be one module: a list of
    modules, which Flax names ``NAME_0``, ``NAME_1``, fails). With ``children`` the loop is ``for m
    in self.NAME.children()`` over a converted ``nn.Sequential``: only its own items are initialised
    (``NAME/layers_i``, or the layer a ``ChannelsFirst`` item wraps), not the layers inside them;
    without ``under`` (``for m in self.children()`` of an ``nn.Sequential`` subclass) the items of
    the decorated module's own list (``layers_i``, or ``sequence_i``)."""
    import functools

    def decorate(method):
        @functools.wraps(method)
        def call(module, *args, **kwargs):
            flag = True if when is None else getattr(module, when)
            if not module.is_initializing() or not (when_none if flag is None else flag):
                return method(module, *args, **kwargs)
            import flax.linen as nn

            prefix = None
            if under is not None:
                if not isinstance(getattr(module, under), nn.Module):
                    raise TypeError(f"{type(module).__name__}.{under} is not one module: "
                                    "torch's loop over its modules() cannot be told apart by path")
                if children and not isinstance(getattr(module, under), nn.Sequential):
                    raise TypeError(f"{type(module).__name__}.{under} is not a Sequential: "
                                    "torch's loop over its children() cannot be told apart by path")
                prefix = tuple(module.path) + (under,)
            elif children:
                # for m in self.children() of a converted nn.Sequential subclass: the items of its own list
                prefix = tuple(module.path)
            with nn.intercept_methods(_init_interceptor(statements, prefix, module, children)):
                return method(module, *args, **kwargs)

        return call

    return decorate


def _init_interceptor(statements, prefix=None, owner=None, children=False):
    # The modules whose methods are running (the decorated module first): the owners a layer's
    # path lies under, which branches with ``at`` test (torch's loop visits an owner before its
    # layers, so their initializers are written first).
    running = [owner] if owner is not None else []

    def intercept(next_fun, args, kwargs, context):
        running.append(context.module)
        try:
            output = next_fun(*args, **kwargs)
        finally:
            running.pop()
        if prefix is not None and tuple(context.module.path[:len(prefix)]) != prefix:
            return output
        if children and not _is_item(prefix, context.module, running):
            return output
        if context.method_name == "__call__" and context.module.is_initializing():
            layer = _torch_layer(context.module, args)
            if layer is not None:
                for module, at in _owners(running, context.module):
                    for branches in statements:
                        _apply_owned(branches, module, at, context.module, layer)
                for branches in statements:
                    for classes, initializers, optional, present, at in branches:
                        if at is None and layer in classes and _has_all(context.module, present):
                            _initialise(context.module, layer, initializers, optional)
                            break
        return output

    return intercept


def _is_item(prefix, layer, running):
    """Whether a layer is an item of the Sequential at ``prefix`` (``layers_i``; ``sequence_i`` in a
    converted subclass keeping its list there), or the layer a ``ChannelsFirst`` item wraps
    (``layers_i/layer``): what torch's ``children()`` of it gives."""
    relative = tuple(layer.path[len(prefix):])
    if len(relative) == 2 and relative[1] == "layer":
        wrapper = tuple(layer.path[:-1])
        return any(tuple(m.path) == wrapper and type(m).__name__ == "ChannelsFirst" and type(m).__module__ == __name__
                   for m in running)
    return len(relative) == 1 and any(relative[0].startswith(name + "_") for name in _SEQUENCE_LISTS)


def _owners(running, layer):
    """The running modules whose path the layer's lies under, outermost first, each with the
    layer's torch attribute path from it (``"bn3"``; a ChannelsFirst's ``layer`` is the wrapper's)."""
    by_path = {tuple(m.path): m for m in running}
    path = tuple(layer.path)
    names, owners = [], []
    for i in range(len(path), 0, -1):
        parent = by_path.get(path[:i - 1])
        if not (path[i - 1] == "layer" and parent is not None and type(parent).__name__ == "ChannelsFirst"
                and type(parent).__module__ == __name__):
            names.insert(0, path[i - 1])
        if parent is not None and names:
            owners.append((parent, ".".join(names)))
    return reversed(owners)


def _apply_owned(branches, module, at, layer_module, layer):
    """One ``if``/``elif`` statement of the loop on ``module``, an owner of the layer at ``at``: the
    first branch whose module classes hold it (and whose ``present`` parameters it has) applies,
    and sets the layer when its path is the layer's."""
    matching = [b for b in branches if b[4] is not None and isinstance(module, tuple(c for c in b[0] if isinstance(c, type)))]
    for index, (classes, initializers, optional, present, path) in enumerate(matching):
        if path == at:
            if not _has_all(layer_module, present):
                continue
            _initialise(layer_module, layer, initializers, optional)
            return
        if present:
            if len(matching) > index + 1:
                raise NotImplementedError(
                    f"{type(module).__name__} at {'/'.join(module.path)} is tested for a parameter of {path} before another branch: "
                    "Switcheroo cannot tell which branch torch's loop takes")
        return


def _has_all(module, parameters):
    return all(any(module.has_variable("params", n) for n in _FLAX_PARAMETERS.get(p, (p,))) for p in parameters)


# A torch parameter and the names the Flax layers that stand for torch's give it (KeyMapper's rules).
_FLAX_PARAMETERS = {"weight": ("kernel", "scale", "embedding"), "bias": ("bias",)}


def _initialise(module, layer, initializers, optional):
    for parameter, init in initializers.items():
        names = [n for n in _FLAX_PARAMETERS.get(parameter, (parameter,)) if module.has_variable("params", n)]
        if not names:
            if parameter in optional:
                continue
            raise AttributeError(f"{layer} at {'/'.join(module.path)} has no {parameter}: torch's initialisation fails here too")
        value = module.get_variable("params", names[0])
        module.put_variable("params", names[0], init(module.make_rng("params"), value.shape, value.dtype))


# The torch classes Flax layers of converted code stand for: by the spatial axes of a convolution's
# kernel, by the rank of the runtime BatchNorm's input, or by the Flax class. Every torch layer
# whose map entry has an 'init' rule is named here (a test checks it).
_CONVOLUTIONS = {1: "torch.nn.Conv1d", 2: "torch.nn.Conv2d", 3: "torch.nn.Conv3d"}
_TRANSPOSED = {1: "torch.nn.ConvTranspose1d", 2: "torch.nn.ConvTranspose2d", 3: "torch.nn.ConvTranspose3d"}
_BATCH_NORMS = {2: "torch.nn.BatchNorm1d", 3: "torch.nn.BatchNorm1d", 4: "torch.nn.BatchNorm2d", 5: "torch.nn.BatchNorm3d"}
# InstanceNorm normalises batched input (N, C, *spatial) with its features on axis 1 (the maps' template).
_INSTANCE_NORMS = {3: "torch.nn.InstanceNorm1d", 4: "torch.nn.InstanceNorm2d", 5: "torch.nn.InstanceNorm3d"}
_FLAX_LAYERS = {"Dense": "torch.nn.Linear", "GroupNorm": "torch.nn.GroupNorm", "LayerNorm": "torch.nn.LayerNorm",
                "InstanceNorm": "torch.nn.InstanceNorm", "Embed": "torch.nn.Embedding"}


# The runtime's bases of classes deriving from torch layers (each names its torch class).
_LAYER_BASES = ("Conv1dBase", "Conv2dBase", "Conv3dBase", "LayerNormBase")


def _torch_layer(module, args):
    """The torch layer class (qualified name) a Flax layer of converted code stands for; None for a
    module that is no torch layer (a converted module class, a container, a wrapper). A Flax layer
    holding parameters that no converted torch layer becomes fails, since the runtime cannot tell
    whether torch's loop would reach it."""
    import flax.linen as nn

    def spatial(kernel_size):
        return 1 if isinstance(kernel_size, int) else len(kernel_size)

    if isinstance(module, tuple(_layer_class(name) for name in _LAYER_BASES)):
        # A class deriving from a torch layer (Conv3DSimple(nn.Conv3d)) is that layer to torch's loops.
        return type(module).torch_class
    if isinstance(module, nn.Conv):
        return _CONVOLUTIONS.get(spatial(module.kernel_size))
    if isinstance(module, (nn.ConvTranspose, _layer_class("TorchConvTranspose"))):
        return _TRANSPOSED.get(spatial(module.kernel_size))
    if isinstance(module, (_layer_class("BatchNorm"), _layer_class("TorchBatchNorm"))):
        return _BATCH_NORMS.get(args[0].ndim if args else 0)
    if isinstance(module, nn.InstanceNorm):
        return _INSTANCE_NORMS.get(args[0].ndim if args else 0)
    for flax_class, torch_class in _FLAX_LAYERS.items():
        if isinstance(module, getattr(nn, flax_class)):
            return torch_class
    if type(module).__module__.startswith("flax.") and any(
            not _is_mapping(v) for v in module.variables.get("params", {}).values()):
        raise NotImplementedError(
            f"{type(module).__name__} at {'/'.join(module.path)} is no layer converted from torch: "
            "Switcheroo cannot tell whether torch's initialisation loop reaches it")
    return None


# ---- layers: Linen modules for torch layers whose Flax counterpart computes other numbers. Flax
# is imported when a layer is first looked up (the module-level __getattr__ below), so importing
# this file still needs numpy only.


def _batch_statistics(xp, x, axes):
    """A batch's mean, its biased variance (what torch normalises with in training) and its
    unbiased variance (what torch's running_var averages), each in two passes over x, as torch
    computes them. torch refuses a batch with one value per channel; so does this."""
    count = 1
    for axis in axes:
        count *= x.shape[axis]
    if count < 2:
        raise ValueError(f"Expected more than 1 value per channel when training, got input of shape {tuple(x.shape)}")
    mean = x.mean(axis=axes)
    centred = x - xp.expand_dims(mean, axes)
    variance = (centred * centred).mean(axis=axes)
    return mean, variance, variance * (count / (count - 1))


def _batch_norm(module, x, use_running_average, axis, momentum, epsilon, use_scale, use_bias, param_dtype,
                scale_init, bias_init):
    """The runtime BatchNorm's computation inside ``module`` (its variables: params ``scale`` and
    ``bias``, batch_stats ``mean`` and ``var``); ``momentum`` is Flax's, the running average's weight."""
    import jax.numpy as jnp

    axis = axis % x.ndim
    features = x.shape[axis]
    reduced = tuple(i for i in range(x.ndim) if i != axis)
    shape = tuple(features if i == axis else 1 for i in range(x.ndim))
    running_mean = module.variable("batch_stats", "mean", lambda n: jnp.zeros((n,), jnp.float32), features)
    running_var = module.variable("batch_stats", "var", lambda n: jnp.ones((n,), jnp.float32), features)
    if use_running_average:
        mean, variance = running_mean.value, running_var.value
    else:
        mean, variance, unbiased = _batch_statistics(jnp, x, reduced)
        if not module.is_initializing():
            # init only declares the statistics; its example batch is not averaged in
            running_mean.value = momentum * running_mean.value + (1 - momentum) * mean
            running_var.value = momentum * running_var.value + (1 - momentum) * unbiased
    y = (x - jnp.reshape(mean, shape)) / jnp.sqrt(jnp.reshape(variance, shape) + epsilon)
    if use_scale:
        y = y * jnp.reshape(module.param("scale", scale_init, (features,), param_dtype), shape)
    if use_bias:
        y = y + jnp.reshape(module.param("bias", bias_init, (features,), param_dtype), shape)
    return y


def _batch_norm_class():
    import jax.numpy as jnp
    import flax.linen as nn

    class BatchNorm(nn.Module):
        """torch.nn.BatchNorm1d/2d/3d as a Linen module, with torch's numbers.

        Training normalises with the batch's biased variance and averages the *unbiased* one into
        the running variance, as torch does (flax.linen.BatchNorm averages the biased one, so its
        eval-mode output differs by a factor of up to n / (n - 1)); variances are computed in two
        passes. The variables are Flax BatchNorm's: params ``scale`` and ``bias``, batch_stats
        ``mean`` and ``var``, so KeyMapper places torch's weight, bias, running_mean and running_var.
        ``momentum`` is Flax's (the running average's weight, one minus torch's); the defaults are
        torch's: features on axis 1, momentum 0.9 (torch's 0.1), epsilon 1e-5, affine, scale ones
        and bias zeros (``scale_init``, ``bias_init`` take an init statement's initializers).
        """

        use_running_average: bool = False
        axis: int = 1
        momentum: float = 0.9
        epsilon: float = 1e-5
        use_bias: bool = True
        use_scale: bool = True
        param_dtype: object = jnp.float32
        scale_init: object = nn.initializers.ones
        bias_init: object = nn.initializers.zeros

        @nn.compact
        def __call__(self, x):
            return _batch_norm(self, x, self.use_running_average, self.axis, self.momentum, self.epsilon,
                               self.use_scale, self.use_bias, self.param_dtype, self.scale_init, self.bias_init)

    BatchNorm.__module__, BatchNorm.__qualname__ = __name__, "BatchNorm"  # pickled by name, as a top-level class
    return BatchNorm


def _torch_batch_norm_class():
    import jax.numpy as jnp
    import flax.linen as nn

    class TorchBatchNorm(nn.Module):
        """torch.nn.BatchNorm1d/2d/3d used as a value where no module's train flag is at hand (a
        model builder's ``norm_layer=nn.BatchNorm2d``, ``partial(nn.BatchNorm2d, eps=1e-3)``): a
        Linen class with torch's constructor arguments, computing what the runtime's BatchNorm
        computes with the same variables (so KeyMapper places torch's weights as it does). The layer
        follows ``train`` when the module that builds it gives one (``with_train``); left None, it
        follows the nearest enclosing module with a ``train`` field, as torch's ``model.train()``
        and ``model.eval()`` reach every layer, and fails outside any such module."""

        num_features: int
        eps: float = 1e-5
        momentum: object = 0.1
        affine: bool = True
        track_running_stats: bool = True
        device: object = None
        dtype: object = None
        train: object = None

        @nn.compact
        def __call__(self, x):
            if self.momentum is None:
                raise NotImplementedError("BatchNorm with momentum=None keeps a cumulative average, which the runtime's BatchNorm does not")
            # without running statistics torch normalises with the batch's in both modes
            running = self.track_running_stats and not (_enclosing_train(self) if self.train is None else self.train)
            return _batch_norm(self, x, running, 1, 1 - self.momentum, self.eps,
                               self.affine, self.affine, jnp.float32 if self.dtype is None else self.dtype,
                               nn.initializers.ones, nn.initializers.zeros)

    TorchBatchNorm.__module__, TorchBatchNorm.__qualname__ = __name__, "TorchBatchNorm"  # pickled by name, as a top-level class
    return TorchBatchNorm


def _enclosing_train(layer):
    """The ``train`` field of the nearest module around ``layer`` that has one (Flax's ``parent``
    chain: the module whose setup built it, or the container holding it)."""
    import flax.linen as nn

    parent = getattr(layer, "parent", None)
    while isinstance(parent, nn.Module):
        if "train" in getattr(type(parent), "__dataclass_fields__", {}):
            return parent.train
        parent = getattr(parent, "parent", None)
    raise ValueError(f"{type(layer).__name__} follows the train flag of the module that builds it, and no module "
                     "with a train field encloses it; build it inside a converted module, or give it train=")


def _channels_first_class():
    import jax.numpy as jnp
    import flax.linen as nn

    class ChannelsFirst(nn.Module):
        """A Flax layer that takes channels last (Conv, ConvTranspose, GroupNorm), applied to
        torch's channels-first layout: channels moved last before it and back after it, so the
        converted model keeps torch's NCHW between layers (docs/layout.md). The wrapped layer is
        the child ``layer``; KeyMapper loads torch's weights into it."""

        layer: nn.Module

        def __call__(self, x):
            return jnp.moveaxis(self.layer(jnp.moveaxis(x, 1, -1)), -1, 1)

    ChannelsFirst.__module__, ChannelsFirst.__qualname__ = __name__, "ChannelsFirst"  # pickled by name, as a top-level class
    return ChannelsFirst


def _squeeze_excitation_class():
    import jax.numpy as jnp
    import flax.linen as nn

    class SqueezeExcitation(nn.Module):
        """torchvision.ops.SqueezeExcitation on torch's channels-first input: the spatial mean (torch's
        AdaptiveAvgPool2d(1)), ``fc1``, ``activation``, ``fc2``, ``scale_activation``, times the input.
        Built by ``squeeze_excitation_layer``, which gives the convolutions and the activations."""

        fc1: nn.Module
        fc2: nn.Module
        activation: object
        scale_activation: object

        def __call__(self, input):
            scale = jnp.mean(input, axis=(-2, -1), keepdims=True)
            scale = self.fc2(self.activation(self.fc1(scale)))
            return self.scale_activation(scale) * input

    SqueezeExcitation.__module__ = __name__
    return SqueezeExcitation


def _stochastic_depth_class():
    import flax.linen as nn

    class StochasticDepth(nn.Module):
        """torchvision.ops.StochasticDepth: ``stochastic_depth`` in training, the input as it is
        when ``deterministic`` (evaluation)."""

        p: float
        mode: str
        deterministic: bool = False

        def __call__(self, input):
            return stochastic_depth(self, input, self.p, self.mode, training=not self.deterministic)

    StochasticDepth.__module__ = __name__
    return StochasticDepth


def _frozen_batch_norm_class():
    import jax.numpy as jnp
    import flax.linen as nn

    class FrozenBatchNorm2d(nn.Module):
        """torchvision.ops.FrozenBatchNorm2d: BatchNorm2d with fixed statistics and affine
        parameters, on channels-first input. torch holds all four as buffers (never trained); here
        they are ``batch_stats`` variables under torch's names (``weight``, ``bias``,
        ``running_mean``, ``running_var``), which KeyMapper fills as they are and which the training
        step threads without changing them. ``num_batches_tracked`` is dropped, as torch drops it."""

        num_features: int
        eps: float = 1e-5

        @nn.compact
        def __call__(self, x):
            n = self.num_features
            stats = {name: self.variable("batch_stats", name, lambda v: jnp.full((n,), v, jnp.float32), value).value
                     for name, value in (("weight", 1.0), ("bias", 0.0), ("running_mean", 0.0), ("running_var", 1.0))}
            shape = (1, -1) + (1,) * (x.ndim - 2)
            scale = jnp.reshape(stats["weight"], shape) / jnp.sqrt(jnp.reshape(stats["running_var"], shape) + self.eps)
            bias = jnp.reshape(stats["bias"], shape) - jnp.reshape(stats["running_mean"], shape) * scale
            return x * scale + bias

    FrozenBatchNorm2d.__module__ = __name__
    return FrozenBatchNorm2d


def multihead_attention(query, key, value, in_proj_weight, in_proj_bias, out_proj, num_heads, batch_first=False,
                        key_padding_mask=None, need_weights=True, attn_mask=None, average_attn_weights=True,
                        dropout_p=0.0, dropout_key=None):
    """torch.nn.MultiheadAttention's forward with torch 1.13's numbers (F.multi_head_attention_forward):
    q, k and v projected by the rows of the packed ``in_proj_weight`` (3E, E), heads of E / num_heads,
    scaled dot products plus the masks (a bool mask's True is -inf, a float mask is added, the key
    padding mask (N, S) broadcast over heads and queries), softmax, dropout on the weights (with
    ``dropout_key``), ``out_proj``. Inputs (L, N, E) or, with ``batch_first``, (N, L, E); unbatched
    (L, E) too. Returns the output and, with ``need_weights``, the weights averaged over heads (N, L, S)
    or per head (N, H, L, S); else None."""
    import jax
    import jax.numpy as jnp

    batched = query.ndim == 3
    if batched and batch_first:
        query, key, value = (jnp.swapaxes(t, 0, 1) for t in (query, key, value))
    if not batched:
        query, key, value = query[:, None], key[:, None], value[:, None]
        if key_padding_mask is not None:
            key_padding_mask = key_padding_mask[None]
    length, batch, embed = query.shape
    source = key.shape[0]
    head = embed // num_heads
    if head * num_heads != embed:
        raise ValueError(f"embed_dim {embed} not divisible by num_heads {num_heads}")

    def projected(x, i):
        y = x @ jnp.transpose(in_proj_weight[i * embed:(i + 1) * embed])
        if in_proj_bias is not None:
            y = y + in_proj_bias[i * embed:(i + 1) * embed]
        return jnp.swapaxes(jnp.reshape(y, (x.shape[0], batch * num_heads, head)), 0, 1)

    q, k, v = projected(query, 0), projected(key, 1), projected(value, 2)
    mask = None
    if attn_mask is not None:
        mask = _additive_mask(jnp, attn_mask, q.dtype)
        mask = mask[None] if mask.ndim == 2 else mask
    if key_padding_mask is not None:
        padding = _additive_mask(jnp, key_padding_mask, q.dtype)
        padding = jnp.reshape(jnp.broadcast_to(padding[:, None, None, :], (batch, num_heads, 1, source)),
                              (batch * num_heads, 1, source))
        mask = padding if mask is None else mask + padding
    scores = (q / jnp.sqrt(jnp.asarray(head, q.dtype))) @ jnp.swapaxes(k, -2, -1)
    if mask is not None:
        scores = scores + mask
    weights = jax.nn.softmax(scores, axis=-1)
    attended = weights
    if dropout_p > 0.0:
        keep = jax.random.bernoulli(dropout_key, 1.0 - dropout_p, weights.shape)
        attended = jnp.where(keep, weights / (1.0 - dropout_p), 0.0)
    output = jnp.reshape(jnp.swapaxes(attended @ v, 0, 1), (length * batch, embed))
    output = jnp.reshape(out_proj(output), (length, batch, embed))
    if batched and batch_first:
        output = jnp.swapaxes(output, 0, 1)
    if not batched:
        output = output[:, 0]
    if not need_weights:
        return output, None
    weights = jnp.reshape(weights, (batch, num_heads, length, source))
    if average_attn_weights:
        weights = jnp.mean(weights, axis=1)
    return output, (weights if batched else weights[0])


def _additive_mask(jnp, mask, dtype):
    """A torch attention mask as what is added to the scores: bool True is -inf (masked), a float mask itself."""
    mask = jnp.asarray(mask)
    if mask.dtype == bool:
        return jnp.where(mask, -jnp.inf, 0.0).astype(dtype)
    return mask.astype(dtype)


def _torch_param_dtype(dtype):
    """The dtype of a layer's variables given torch's ``dtype`` argument: None is torch's default dtype,
    float32 (JAX's initializers would read None as float64 where jax_enable_x64 is set)."""
    return np.float32 if dtype is None else dtype


def _torch_linear_class():
    import jax.numpy as jnp
    import flax.linen as nn

    class TorchLinear(nn.Module):
        """torch.nn.Linear with torch's variables (``weight`` (out, in), ``bias``), for layers whose
        torch parameters KeyMapper fills as they are (MultiheadAttention's ``out_proj``). The weight
        is drawn as torch's Linear draws it, U(-1/sqrt(in), 1/sqrt(in)); the bias starts at zero, as
        MultiheadAttention sets it. ``param_dtype`` is torch's ``dtype`` argument (None: float32, torch's
        default dtype)."""

        in_features: int
        out_features: int
        use_bias: bool = True
        param_dtype: object = None

        @nn.compact
        def __call__(self, x):
            init = nn.initializers.variance_scaling(1.0 / 3.0, "fan_in", "uniform", in_axis=-1, out_axis=-2)
            dtype = _torch_param_dtype(self.param_dtype)
            y = x @ jnp.transpose(self.param("weight", init, (self.out_features, self.in_features), dtype))
            if self.use_bias:
                y = y + self.param("bias", nn.initializers.zeros, (self.out_features,), dtype)
            return y

    TorchLinear.__module__ = __name__
    return TorchLinear


def _multihead_attention_class():
    import flax.linen as nn

    class MultiheadAttention(nn.Module):
        """torch.nn.MultiheadAttention with torch's variables and numbers (``multihead_attention``):
        ``in_proj_weight`` (3E, E) and ``in_proj_bias`` as torch packs them, ``out_proj`` with torch's
        ``weight``/``bias``, so KeyMapper fills torch's keys as they are; xavier-uniform projections
        and zero biases, as torch draws them. Called as torch's module is: (query, key, value,
        key_padding_mask, need_weights, attn_mask, average_attn_weights), returning (output, weights or
        None). Dropout on the attention weights draws from the 'dropout' stream unless ``deterministic``.
        ``param_dtype`` is torch's ``dtype`` argument, the variables' dtype (None: float32, torch's default)."""

        embed_dim: int
        num_heads: int
        dropout: float = 0.0
        bias: bool = True
        batch_first: bool = False
        deterministic: bool = False
        param_dtype: object = None

        def setup(self):
            e = self.embed_dim
            dtype = _torch_param_dtype(self.param_dtype)
            self.in_proj_weight = self.param("in_proj_weight", nn.initializers.xavier_uniform(), (3 * e, e), dtype)
            self.in_proj_bias = self.param("in_proj_bias", nn.initializers.zeros, (3 * e,), dtype) if self.bias else None
            self.out_proj = _layer_class("TorchLinear")(e, e, use_bias=self.bias, param_dtype=dtype)

        def __call__(self, query, key, value, key_padding_mask=None, need_weights=True, attn_mask=None,
                     average_attn_weights=True):
            p = 0.0 if self.deterministic else self.dropout
            return multihead_attention(query, key, value, self.in_proj_weight, self.in_proj_bias, self.out_proj,
                                       self.num_heads, self.batch_first, key_padding_mask, need_weights, attn_mask,
                                       average_attn_weights, p, self.make_rng("dropout") if p > 0.0 else None)

    MultiheadAttention.__module__ = __name__
    return MultiheadAttention


# ---- recurrent layers: torch.nn.LSTM, GRU and RNN (and their cells) with torch's variables under
# torch's names (``weight_ih_l0``, ``weight_hh_l0_reverse``, ...: gates stacked as torch stacks them,
# i, f, g, o for the LSTM and r, z, n for the GRU), so KeyMapper fills a torch state_dict as it is.

_GATES = {"LSTM": 4, "GRU": 3, "RNN_TANH": 1, "RNN_RELU": 1}


def _rnn_mode(kind, nonlinearity):
    """torch's mode string: LSTM, GRU, or RNN_TANH / RNN_RELU from ``nonlinearity`` (torch's error otherwise)."""
    if kind != "RNN":
        return kind
    if nonlinearity not in ("tanh", "relu"):
        raise ValueError(f"Unknown nonlinearity '{nonlinearity}'")
    return "RNN_" + nonlinearity.upper()


def _rnn_cell(mode, projected, state, w_hh, b_hh, w_hr):
    """One step of torch's cell, the input's projection ``projected`` (x W_ih^T + b_ih) given:
    the new state and the step's output (h)."""
    import jax
    import jax.numpy as jnp

    h = state[0] if mode == "LSTM" else state
    hidden = h @ jnp.transpose(w_hh)
    if b_hh is not None:
        hidden = hidden + b_hh
    if mode == "LSTM":
        i, f, g, o = jnp.split(projected + hidden, 4, axis=-1)
        c = jax.nn.sigmoid(f) * state[1] + jax.nn.sigmoid(i) * jnp.tanh(g)
        h = jax.nn.sigmoid(o) * jnp.tanh(c)
        if w_hr is not None:
            h = h @ jnp.transpose(w_hr)
        return (h, c), h
    if mode == "GRU":
        x_r, x_z, x_n = jnp.split(projected, 3, axis=-1)
        h_r, h_z, h_n = jnp.split(hidden, 3, axis=-1)
        r = jax.nn.sigmoid(x_r + h_r)
        z = jax.nn.sigmoid(x_z + h_z)
        n = jnp.tanh(x_n + r * h_n)  # torch applies the reset gate to W_hn h + b_hn
        h = (1 - z) * n + z * h
        return h, h
    h = projected + hidden
    h = jnp.tanh(h) if mode == "RNN_TANH" else jax.nn.relu(h)
    return h, h


def _rnn_direction(mode, x, state, weights, reverse, valid):
    """One layer in one direction over ``x`` (T, N, in) with ``jax.lax.scan`` (from the end when
    ``reverse``); ``valid`` (T, N) or None: past a sequence's length the state is kept and the output
    is zero, as torch's packed sequences. Returns the last state and the outputs (T, N, out)."""
    import jax
    import jax.numpy as jnp

    w_ih, w_hh, b_ih, b_hh, w_hr = weights
    projected = x @ jnp.transpose(w_ih)
    if b_ih is not None:
        projected = projected + b_ih

    def step(carry, inputs):
        if valid is None:
            return _rnn_cell(mode, inputs, carry, w_hh, b_hh, w_hr)
        gates, keep = inputs
        new, y = _rnn_cell(mode, gates, carry, w_hh, b_hh, w_hr)
        keep = keep[:, None]
        new = jax.tree.map(lambda a, b: jnp.where(keep, a, b), new, carry)
        return new, jnp.where(keep, y, 0)

    return jax.lax.scan(step, state, projected if valid is None else (projected, valid), reverse=reverse)


def recurrent(module, mode, input, hx, weights, batch_first=False, p=0.0, train=False, lengths=None):
    """torch.nn.LSTM / GRU / RNN's forward with torch 1.13's numbers: ``weights[layer][direction]`` is
    ``(weight_ih, weight_hh, bias_ih or None, bias_hh or None, weight_hr or None)``. Input (T, N, in),
    (N, T, in) with ``batch_first``, or unbatched (T, in); ``hx`` h0 (LSTM: (h0, c0)), zeros when None;
    dropout of probability ``p`` on every layer's output but the last when ``train``, from
    ``module``'s 'dropout' stream; ``lengths`` (N,), the valid steps of each sequence (what torch's
    ``pack_padded_sequence`` packs): the state stops at each sequence's end and the outputs past it
    are zero (``pad_packed_sequence``'s). Returns (output, h_n) or, for the LSTM, (output, (h_n, c_n))."""
    import jax.numpy as jnp

    lstm = mode == "LSTM"
    batched = input.ndim == 3
    if input.ndim not in (2, 3):
        raise ValueError(f"{mode}: Expected input to be 2-D or 3-D but received {input.ndim}-D tensor")
    x = input if batched else input[:, None]
    if batched and batch_first:
        x = jnp.swapaxes(x, 0, 1)
    steps, batch = x.shape[:2]
    directions = len(weights[0])
    w_hh = weights[0][0][1]
    size, hidden = w_hh.shape[1], w_hh.shape[0] // _GATES[mode]
    h0, c0 = (hx if lstm else (hx, None)) if hx is not None else (None, None)
    count = len(weights) * directions
    h0 = jnp.zeros((count, batch, size), x.dtype) if h0 is None else (h0 if batched else h0[:, None])
    if lstm:
        c0 = jnp.zeros((count, batch, hidden), x.dtype) if c0 is None else (c0 if batched else c0[:, None])
    valid = None if lengths is None else jnp.arange(steps)[:, None] < jnp.asarray(lengths)[None, :]
    final_h, final_c = [], []
    for layer, layer_weights in enumerate(weights):
        if layer:
            x = dropout(module, x, p, train)
        outputs = []
        for direction, direction_weights in enumerate(layer_weights):
            k = layer * directions + direction
            state, ys = _rnn_direction(mode, x, (h0[k], c0[k]) if lstm else h0[k], direction_weights, direction == 1, valid)
            final_h.append(state[0] if lstm else state)
            if lstm:
                final_c.append(state[1])
            outputs.append(ys)
        x = outputs[0] if directions == 1 else jnp.concatenate(outputs, axis=-1)
    h_n = jnp.stack(final_h)
    c_n = jnp.stack(final_c) if lstm else None
    if batched and batch_first:
        x = jnp.swapaxes(x, 0, 1)
    if not batched:
        x, h_n, c_n = x[:, 0], h_n[:, 0], (c_n[:, 0] if lstm else None)
    return (x, (h_n, c_n)) if lstm else (x, h_n)


def _rnn_weight_names(num_layers, bidirectional, bias, proj_size):
    """torch's parameter names per layer and direction, in torch's order."""
    names = []
    for layer in range(num_layers):
        per_layer = []
        for suffix in ("", "_reverse")[:2 if bidirectional else 1]:
            kinds = ["weight_ih", "weight_hh"] + (["bias_ih", "bias_hh"] if bias else []) + (["weight_hr"] if proj_size else [])
            per_layer.append([f"{kind}_l{layer}{suffix}" for kind in kinds])
        names.append(per_layer)
    return names


def _recurrent_class(kind):
    import jax.numpy as jnp
    import flax.linen as nn

    class Recurrent(nn.Module):
        """torch.nn.LSTM / GRU / RNN with torch's variables and numbers (``recurrent``): for each layer
        ``l`` and direction, ``weight_ih_l{l}``, ``weight_hh_l{l}``, ``bias_ih_l{l}``, ``bias_hh_l{l}``
        (``_reverse`` for the backward direction; ``weight_hr_l{l}`` with ``proj_size``), of torch's
        shapes and drawn as torch draws them, U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)), so
        KeyMapper fills torch's keys as they are. Called as torch's module: ``(input, hx=None)``
        (plus ``lengths``, for what torch packs), returning (output, h_n) or, for the LSTM,
        (output, (h_n, c_n)). Dropout between layers draws from the 'dropout' stream unless
        ``deterministic``."""

        input_size: int
        hidden_size: int
        num_layers: int = 1
        bias: bool = True
        batch_first: bool = False
        dropout: float = 0.0
        bidirectional: bool = False
        proj_size: int = 0
        nonlinearity: str = "tanh"
        deterministic: bool = False

        def setup(self):
            mode = _rnn_mode(kind, self.nonlinearity)
            if not 0 <= self.dropout <= 1:
                raise ValueError("dropout should be a number in range [0, 1] representing the probability of an element being zeroed")
            if self.proj_size and kind != "LSTM":
                raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
            if self.proj_size < 0 or (self.proj_size and self.proj_size >= self.hidden_size):
                raise ValueError("proj_size has to be a positive integer smaller than hidden_size, or zero")
            gates = _GATES[mode] * self.hidden_size
            out = self.proj_size or self.hidden_size
            bound = 1.0 / self.hidden_size ** 0.5
            init = torch_uniform(-bound, bound)
            shapes = {"weight_hh": (gates, out), "bias_ih": (gates,), "bias_hh": (gates,), "weight_hr": (self.proj_size, self.hidden_size)}
            for layer, per_layer in enumerate(_rnn_weight_names(self.num_layers, self.bidirectional, self.bias, self.proj_size)):
                shapes["weight_ih"] = (gates, self.input_size if layer == 0 else out * (2 if self.bidirectional else 1))
                for names in per_layer:
                    for name in names:
                        setattr(self, name, self.param(name, init, shapes[name.split("_l")[0]], jnp.float32))

        def __call__(self, input, hx=None, lengths=None):
            weights = []
            for per_layer in _rnn_weight_names(self.num_layers, self.bidirectional, self.bias, self.proj_size):
                weights.append([(getattr(self, names[0]), getattr(self, names[1]),
                                 getattr(self, names[2]) if self.bias else None,
                                 getattr(self, names[3]) if self.bias else None,
                                 getattr(self, names[-1]) if self.proj_size else None) for names in per_layer])
            return recurrent(self, _rnn_mode(kind, self.nonlinearity), input, hx, weights, self.batch_first, self.dropout,
                             not self.deterministic, lengths)

        @nn.nowrap
        def flatten_parameters(self):
            """torch's cuDNN weight layout call: nothing to do in JAX."""

    Recurrent.__module__, Recurrent.__qualname__, Recurrent.__name__ = __name__, kind, kind
    return Recurrent


def _recurrent_cell_class(kind):
    import jax.numpy as jnp
    import flax.linen as nn

    class RecurrentCell(nn.Module):
        """torch.nn.LSTMCell / GRUCell / RNNCell with torch's variables (``weight_ih``, ``weight_hh``,
        ``bias_ih``, ``bias_hh``, drawn from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size))) and numbers:
        called as torch's, ``(input, hx=None)`` on (N, in) or unbatched (in,) input, ``hx`` zeros when
        None; returns h' or, for the LSTMCell, (h', c')."""

        input_size: int
        hidden_size: int
        bias: bool = True
        nonlinearity: str = "tanh"

        def setup(self):
            gates = _GATES[_rnn_mode(kind[:-len("Cell")], self.nonlinearity)] * self.hidden_size
            bound = 1.0 / self.hidden_size ** 0.5
            init = torch_uniform(-bound, bound)
            self.weight_ih = self.param("weight_ih", init, (gates, self.input_size), jnp.float32)
            self.weight_hh = self.param("weight_hh", init, (gates, self.hidden_size), jnp.float32)
            self.bias_ih = self.param("bias_ih", init, (gates,), jnp.float32) if self.bias else None
            self.bias_hh = self.param("bias_hh", init, (gates,), jnp.float32) if self.bias else None

        def __call__(self, input, hx=None):
            if input.ndim not in (1, 2):
                raise ValueError(f"{kind}: Expected input to be 1-D or 2-D but received {input.ndim}-D tensor")
            mode = _rnn_mode(kind[:-len("Cell")], self.nonlinearity)
            batched = input.ndim == 2
            x = input if batched else input[None]
            lstm = mode == "LSTM"
            if hx is None:
                zeros = jnp.zeros((x.shape[0], self.hidden_size), x.dtype)
                hx = (zeros, zeros) if lstm else zeros
            elif not batched:
                hx = (hx[0][None], hx[1][None]) if lstm else hx[None]
            projected = x @ jnp.transpose(self.weight_ih)
            if self.bias_ih is not None:
                projected = projected + self.bias_ih
            state, _ = _rnn_cell(mode, projected, hx, self.weight_hh, self.bias_hh, None)
            if not batched:
                state = (state[0][0], state[1][0]) if lstm else state[0]
            return state

    RecurrentCell.__module__, RecurrentCell.__qualname__, RecurrentCell.__name__ = __name__, kind, kind
    return RecurrentCell


def _named_sequential_class():
    import flax.linen as nn

    class NamedSequential(nn.Module):
        """torch's ``nn.Sequential(OrderedDict(...))``: the layers applied in the order of ``names``,
        each the previous one's output given whole (as torch's forward does; Flax's Sequential
        spreads a tuple over the next layer's arguments). Flax names the layer of ``name`` the child
        ``layers_NAME``, which KeyMapper maps torch's ``NAME`` to."""

        names: tuple
        layers: dict

        def __call__(self, x):
            for name in self.names:
                x = self.layers[name](x)
            return x

        @nn.nowrap
        def __len__(self):
            """torch's ``len(sequential)``: the number of layers (read from the field, bound or not)."""
            return len(self.names)

    NamedSequential.__module__ = __name__
    return NamedSequential


# ---- torch layers as bases: a class deriving from a torch layer (``class LayerNorm2d(nn.LayerNorm)``,
# ``class Conv3DSimple(nn.Conv3d)``) derives from one of these Linen classes. ``Conv3dBase`` and
# ``LayerNormBase`` hold no fields: a subclass's fields are its own constructor's arguments, and its
# setup calls ``super().torch_layer(...)`` with what it gave torch's ``super().__init__``;
# ``TorchConv3d``/``TorchLayerNorm`` carry torch's constructor as fields, for a subclass that keeps
# torch's constructor. ``torch_layer`` declares the variables at the module's own level under the
# names KeyMapper gives torch's keys of the layer (``weight`` -> ``kernel``/``scale``, ``bias``),
# so the subclass's keys are torch's (``conv.weight``, no sub-prefix), and sets the attributes torch's
# layer has (``weight``, ``bias``, ``eps``, ``normalized_shape``, ``stride``, ...) with torch's values,
# except those that are the subclass's own fields, which Flax may not assign in setup: those keep
# the field's value, and ``__call__`` computes from its own copy (``torch_settings``).


def _set_torch_attributes(module, settings, **own):
    """Sets each of torch's attributes that is no dataclass field of the module's class, and keeps
    them all, with what ``__call__`` reads besides (``own``), in ``module.torch_settings``."""
    fields = getattr(type(module), "__dataclass_fields__", {})
    for name, value in settings.items():
        if name not in fields:
            setattr(module, name, value)
    module.torch_settings = {**settings, **own}


def _conv_base_class(ndim):
    import jax
    import jax.numpy as jnp
    import flax.linen as nn

    spatial = "DHW"[3 - ndim:]
    numbers = ("NC" + spatial, spatial + "IO", "NC" + spatial)
    torch_numbers = ("NC" + spatial, "OI" + spatial, "NC" + spatial)

    class ConvBase(nn.Module):
        """torch.nn.Conv1d/2d/3d as a base class, on torch's channels-first input. The kernel is
        Flax's (``(*kernel_size, in_channels / groups, out_channels)``, KeyMapper's ``weight`` ->
        ``kernel``); ``self.weight`` is torch's view of it, ``(out, in / groups, *kernel_size)``."""

        torch_class = _CONVOLUTIONS[ndim]

        @nn.nowrap
        def torch_layer(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
                        bias=True, padding_mode="zeros", device=None, dtype=None):
            """torch's constructor, called in setup: declares ``kernel`` and ``bias`` with torch's
            initialisation and sets torch's attributes."""
            if groups <= 0 or in_channels % groups or out_channels % groups:
                raise ValueError("in_channels and out_channels must be divisible by groups, a positive integer")
            if padding_mode != "zeros":
                raise NotImplementedError(f"padding_mode={padding_mode!r}: only zero padding converts")
            kernel_size = size_tuple(kernel_size, ndim)
            stride = size_tuple(stride, ndim)
            dilation = size_tuple(dilation, ndim)
            if isinstance(padding, str):
                if padding not in ("same", "valid"):
                    raise ValueError(f"Invalid padding string {padding!r}, should be one of {{'valid', 'same'}}")
                if padding == "same" and any(s != 1 for s in stride):
                    raise ValueError("padding='same' is not supported for strided convolutions")
            else:
                padding = size_tuple(padding, ndim)
            param_dtype = jnp.float32 if dtype is None else dtype
            kernel = self.param("kernel", torch_kernel_init, kernel_size + (in_channels // groups, out_channels), param_dtype)
            shift = self.param("bias", torch_bias_init(in_channels, kernel_size, groups), (out_channels,), param_dtype) if bias else None
            _set_torch_attributes(self, {
                "in_channels": in_channels, "out_channels": out_channels, "kernel_size": kernel_size,
                "stride": stride, "padding": padding, "dilation": dilation, "groups": groups,
                "padding_mode": padding_mode, "transposed": False, "output_padding": (0,) * ndim,
                "weight": jnp.transpose(kernel, (ndim + 1, ndim) + tuple(range(ndim))), "bias": shift}, kernel=kernel)

        def __call__(self, input):
            return self._convolve(input, self.torch_settings["kernel"], numbers, self.torch_settings["bias"])

        def _conv_forward(self, input, weight, bias):
            """torch's ``_conv_forward(input, weight, bias)``, which subclasses call with a weight of their
            own (torch's layout, ``(out, in / groups, *kernel_size)``) from their ``forward``."""
            return self._convolve(input, weight, torch_numbers, bias)

        @nn.nowrap
        def _convolve(self, input, weight, dimension_numbers, bias):
            settings = self.torch_settings
            batched = input.ndim == ndim + 2
            x = input if batched else input[None]
            padding = settings["padding"]
            y = jax.lax.conv_general_dilated(
                x, weight, window_strides=settings["stride"],
                padding=padding.upper() if isinstance(padding, str) else tuple((p, p) for p in padding),
                rhs_dilation=settings["dilation"], dimension_numbers=dimension_numbers, feature_group_count=settings["groups"])
            if bias is not None:
                y = y + jnp.reshape(bias, (1, -1) + (1,) * ndim)
            return y if batched else y[0]

    name = f"Conv{ndim}dBase"
    ConvBase.__module__, ConvBase.__qualname__, ConvBase.__name__ = __name__, name, name
    return ConvBase


def _layer_norm_base_class():
    import jax.numpy as jnp
    import flax.linen as nn

    class LayerNormBase(nn.Module):
        """torch.nn.LayerNorm as a base class: ``scale`` and ``bias`` of torch's shape (KeyMapper's
        ``weight`` -> ``scale``), ``self.weight`` and ``self.bias`` torch's, the normalisation
        torch's (the biased variance over the trailing ``normalized_shape`` axes)."""

        torch_class = "torch.nn.LayerNorm"

        @nn.nowrap
        def torch_layer(self, normalized_shape, eps=1e-5, elementwise_affine=True, device=None, dtype=None):
            """torch's constructor, called in setup: declares ``scale`` and ``bias`` (ones and
            zeros) when ``elementwise_affine`` and sets torch's attributes."""
            shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
            param_dtype = jnp.float32 if dtype is None else dtype
            weight = self.param("scale", nn.initializers.ones, shape, param_dtype) if elementwise_affine else None
            bias = self.param("bias", nn.initializers.zeros, shape, param_dtype) if elementwise_affine else None
            _set_torch_attributes(self, {"normalized_shape": shape, "eps": eps, "elementwise_affine": elementwise_affine,
                                         "weight": weight, "bias": bias})

        def __call__(self, input):
            settings = self.torch_settings
            return layer_norm(input, settings["normalized_shape"], settings["weight"], settings["bias"], settings["eps"])

    LayerNormBase.__module__, LayerNormBase.__qualname__ = __name__, "LayerNormBase"
    return LayerNormBase


def _torch_conv_class(ndim):
    class TorchConv(_layer_class(f"Conv{ndim}dBase")):
        """torch.nn.Conv1d/2d/3d with torch's constructor as fields: the base of a subclass that
        keeps torch's constructor (no ``__init__`` of its own). The size fields hold torch's tuples."""

        in_channels: int
        out_channels: int
        kernel_size: object
        stride: object = 1
        padding: object = 0
        dilation: object = 1
        groups: int = 1
        bias: bool = True
        padding_mode: str = "zeros"
        device: object = None
        dtype: object = None

        def __post_init__(self):
            # torch keeps its size arguments as tuples (Conv2d(3, 8, 3).stride == (1, 1)): the fields
            # hold torch's values, set before Flax's own post-init, as Flax lets fields change then.
            for name in ("kernel_size", "stride", "dilation") + (() if isinstance(self.padding, str) else ("padding",)):
                object.__setattr__(self, name, size_tuple(getattr(self, name), ndim))
            super().__post_init__()

        def setup(self):
            self.torch_layer(self.in_channels, self.out_channels, self.kernel_size, self.stride, self.padding,
                             self.dilation, self.groups, self.bias, self.padding_mode, self.device, self.dtype)

    name = f"TorchConv{ndim}d"
    TorchConv.__module__, TorchConv.__qualname__, TorchConv.__name__ = __name__, name, name
    return TorchConv


def _torch_conv_transpose_class():
    import jax.numpy as jnp
    import flax.linen as nn

    class TorchConvTranspose(nn.Module):
        """torch.nn.ConvTranspose1d/2d/3d on torch's channels-first input, where Flax's ConvTranspose cannot
        stand for it (``groups`` > 1: Flax's has no feature groups). The kernel is that of
        ``flax.linen.ConvTranspose(transpose_kernel=True)``, ``(*kernel_size, out_channels / groups,
        in_channels)``, which KeyMapper fills from torch's ``weight`` ``(in, out / groups, *kernel_size)``
        as it fills Flax's; torch's weight is its transpose, and the output torch's transposed convolution
        (``conv_transpose1d/2d/3d``). ``padding`` and ``output_padding`` are torch's."""

        features: int
        kernel_size: tuple
        strides: object = 1
        padding: object = 0
        output_padding: object = 0
        kernel_dilation: object = 1
        feature_group_count: int = 1
        use_bias: bool = True
        param_dtype: object = jnp.float32
        kernel_init: object = torch_kernel_init
        bias_init: object = None

        @nn.compact
        def __call__(self, input):
            ndim = len(self.kernel_size)
            groups = self.feature_group_count
            in_channels = input.shape[1] if input.ndim == ndim + 2 else input.shape[0]
            if groups <= 0 or in_channels % groups or self.features % groups:
                raise ValueError("in_channels and out_channels must be divisible by groups, a positive integer")
            kernel = self.param("kernel", self.kernel_init, tuple(self.kernel_size) + (self.features // groups, in_channels), self.param_dtype)
            bias_init = self.bias_init or torch_bias_init(self.features, tuple(self.kernel_size), groups)
            bias = self.param("bias", bias_init, (self.features,), self.param_dtype) if self.use_bias else None
            weight = jnp.transpose(kernel, (ndim + 1, ndim) + tuple(range(ndim)))
            return _transposed_convolution(ndim, input, weight, bias, self.strides, self.padding, self.output_padding,
                                           groups, self.kernel_dilation)

    TorchConvTranspose.__module__, TorchConvTranspose.__qualname__ = __name__, "TorchConvTranspose"
    return TorchConvTranspose


def _conv_norm_activation_base_class(ndim):
    import flax.linen as nn

    class ConvNormActivationBase(nn.Module):
        """torchvision.ops.Conv2dNormActivation/Conv3dNormActivation as a base class: torchvision's
        nn.Sequential of the convolution, the norm layer and the activation, kept in ``self.layers``
        (keys ``0.weight``, ``1.running_mean``, ... -> ``layers_0``, ``layers_1``), applied in order.
        The default norm layer follows the subclass's ``train`` field."""

        @nn.nowrap
        def torch_layer(self, *args, **kwargs):
            """torchvision's constructor, called in setup: builds the layers and sets ``out_channels``."""
            layers = _conv_norm_activation_layers(ndim, getattr(self, "train", True), *args, **kwargs)
            self.layers = layers
            out_channels = args[1] if len(args) > 1 else kwargs["out_channels"]
            _set_torch_attributes(self, {"out_channels": out_channels})

        def __call__(self, input):
            for layer in self.layers:
                input = layer(input)
            return input

    name = f"ConvNormActivation{ndim}dBase"
    ConvNormActivationBase.__module__, ConvNormActivationBase.__qualname__, ConvNormActivationBase.__name__ = __name__, name, name
    return ConvNormActivationBase


def _torch_conv_norm_activation_class(ndim):
    class TorchConvNormActivation(_layer_class(f"ConvNormActivation{ndim}dBase")):
        """torchvision.ops.Conv2dNormActivation/Conv3dNormActivation with torchvision's constructor as
        fields, and a ``train`` field: the base of a subclass that keeps torchvision's constructor."""

        in_channels: int
        out_channels: int
        kernel_size: object = 3
        stride: object = 1
        padding: object = None
        groups: int = 1
        norm_layer: object = _TORCH_DEFAULT
        activation_layer: object = _TORCH_DEFAULT
        dilation: object = 1
        inplace: object = True
        bias: object = None
        train: bool = True

        def setup(self):
            self.torch_layer(self.in_channels, self.out_channels, self.kernel_size, self.stride, self.padding, self.groups,
                             self.norm_layer, self.activation_layer, self.dilation, self.inplace, self.bias)

    name = f"TorchConv{ndim}dNormActivation"
    TorchConvNormActivation.__module__, TorchConvNormActivation.__qualname__, TorchConvNormActivation.__name__ = __name__, name, name
    return TorchConvNormActivation


def _torch_layer_norm_class():
    class TorchLayerNorm(_layer_class("LayerNormBase")):
        """torch.nn.LayerNorm with torch's constructor as fields: the base of a subclass that keeps
        torch's constructor (``class LayerNorm2d(nn.LayerNorm)`` overriding only ``forward``)."""

        normalized_shape: object
        eps: float = 1e-5
        elementwise_affine: bool = True
        device: object = None
        dtype: object = None

        def __post_init__(self):
            # torch keeps normalized_shape as a tuple (LayerNorm(8).normalized_shape == (8,)).
            object.__setattr__(self, "normalized_shape", as_shape(self.normalized_shape))
            super().__post_init__()

        def setup(self):
            self.torch_layer(self.normalized_shape, self.eps, self.elementwise_affine, self.device, self.dtype)

    TorchLayerNorm.__module__, TorchLayerNorm.__qualname__ = __name__, "TorchLayerNorm"
    return TorchLayerNorm


def _str_enum_class():
    """torchvision's enum base (torchvision._utils.StrEnum), which holds no torch: an enum.Enum whose
    class finds a member by its name with from_str, a ValueError naming the class for a name it
    lacks, and offers enum.auto as StrEnum.auto."""
    import enum

    class _ByName(enum.EnumMeta):
        auto = enum.auto

        def from_str(cls, member):
            if member in cls.__members__:
                return cls.__members__[member]
            raise ValueError(f"Unknown value '{member}' for {cls.__name__}.")

    class StrEnum(enum.Enum, metaclass=_ByName):
        pass

    StrEnum.__module__, StrEnum.__qualname__ = __name__, "StrEnum"
    return StrEnum


_LAYERS = {"StrEnum": _str_enum_class, "BatchNorm": _batch_norm_class, "TorchBatchNorm": _torch_batch_norm_class, "ChannelsFirst": _channels_first_class,
           "SqueezeExcitation": _squeeze_excitation_class, "StochasticDepth": _stochastic_depth_class,
           "FrozenBatchNorm2d": _frozen_batch_norm_class, "NamedSequential": _named_sequential_class,
           "Conv1dBase": lambda: _conv_base_class(1), "Conv2dBase": lambda: _conv_base_class(2),
           "Conv3dBase": lambda: _conv_base_class(3), "LayerNormBase": _layer_norm_base_class,
           "TorchConv1d": lambda: _torch_conv_class(1), "TorchConv2d": lambda: _torch_conv_class(2),
           "TorchConv3d": lambda: _torch_conv_class(3), "TorchLayerNorm": _torch_layer_norm_class,
           "ConvNormActivation2dBase": lambda: _conv_norm_activation_base_class(2),
           "ConvNormActivation3dBase": lambda: _conv_norm_activation_base_class(3),
           "TorchConv2dNormActivation": lambda: _torch_conv_norm_activation_class(2),
           "TorchConv3dNormActivation": lambda: _torch_conv_norm_activation_class(3),
           "TorchLinear": _torch_linear_class, "MultiheadAttention": _multihead_attention_class,
           "TorchConvTranspose": _torch_conv_transpose_class,
           "LSTM": lambda: _recurrent_class("LSTM"), "GRU": lambda: _recurrent_class("GRU"),
           "RNN": lambda: _recurrent_class("RNN"), "LSTMCell": lambda: _recurrent_cell_class("LSTMCell"),
           "GRUCell": lambda: _recurrent_cell_class("GRUCell"), "RNNCell": lambda: _recurrent_cell_class("RNNCell")}


def _layer_class(name):
    """A layer class from inside this module, where a global name does not reach __getattr__."""
    return globals()[name] if name in globals() else __getattr__(name)


def __getattr__(name):
    """Builds a layer class on first use (PEP 562), so that importing this module needs no Flax."""
    if name in _LAYERS:
        globals()[name] = layer = _LAYERS[name]()
        return layer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---- named layers: torch's containers that name their layers (a subclass of nn.Sequential given an
# OrderedDict, nn.ModuleDict subclasses, ``self.add_module(name, layer)``) register each layer under
# its name, which the state_dict keys follow (``denselayer1.conv1.weight``). In a converted setup
# each layer is set as the module's attribute of that name, so Flax names its variables the same,
# and the names are kept, in order, in a tuple attribute (``self.layer_names``) that ``__call__``
# reads: Flax keeps no order of its own that the module may read.


def add_layers(module, layers):
    """``super().__init__(layers)`` of a torch container given an ``OrderedDict`` (or a mapping,
    or ``(name, layer)`` pairs), in a converted ``setup``: sets each layer as the attribute of its
    name on ``module`` (Flax names the submodule after it) and returns the names in order."""
    return add_named(module, (), layers)


def add_layer(module, names, name, layer):
    """``self.add_module(name, layer)`` (or ``self[name] = layer`` of a ModuleDict) in a converted
    ``setup``: sets ``layer`` as the attribute ``name`` and returns ``names`` with ``name`` last.
    torch refuses the same names (``TypeError``, ``KeyError``); a name registered twice, which torch would give the
    new layer, raises Flax's ``NameInUseError`` at the second ``setattr``."""
    _check_layer_name(name)
    if hasattr(type(module), name):
        # A method or field of the Flax module (name, parent, apply, a constructor argument): torch
        # keeps its layers apart from its attributes, Flax does not.
        raise KeyError(f"layer name {name!r} is an attribute of {type(module).__name__} in Flax; rename the layer")
    setattr(module, name, layer)
    return tuple(names) + (name,)


def _check_layer_name(name):
    """torch's ``add_module`` checks: a string, not empty, without '.'."""
    if not isinstance(name, str):
        raise TypeError(f"module name should be a string, got {type(name).__name__}")
    if not name or "." in name:
        raise KeyError(f"module name should be a non-empty string without '.', got {name!r}")


def add_named(module, names, layers):
    """Adds every ``(name, layer)`` of ``layers`` (a mapping or pairs) in order (``add_layer``)."""
    pairs = layers.items() if hasattr(layers, "items") else layers
    for name, layer in pairs:
        names = add_layer(module, names, name, layer)
    return names


def named_sequential(layers):
    """``nn.Sequential(od)`` built as a value from an ``OrderedDict``: a ``NamedSequential`` applying
    the layers in order, each named after torch's name."""
    for name in layers:
        _check_layer_name(name)
    return _layer_class("NamedSequential")(names=tuple(layers), layers=dict(layers))


def layer_items(module, names):
    """``self.items()`` of a converted ModuleDict (or ``named_children()`` of a converted
    Sequential that names its layers): ``(name, layer)`` pairs in the order torch registered them."""
    return [(name, getattr(module, name)) for name in names]


def layer_values(module, names):
    """``self.values()`` of a converted ModuleDict, or iterating a converted Sequential that names
    its layers: the layers in the order torch registered them."""
    return [getattr(module, name) for name in names]


# ---- layer classes as values: a torch layer class used without a call (``norm_layer =
# nn.BatchNorm2d``, ``partial(nn.LayerNorm, eps=1e-6)``, a class passed as an argument) becomes a
# function with the class's constructor signature that builds what the converted call builds
# (the map entry's ``value``), so ``norm_layer(planes)`` gives the Flax layer with torch's
# arguments wherever it is called. A layer that follows the train flag is bound to the flag of
# the module where the class is named.


def with_train(factory, train):
    """A callable that a module was given and calls while it is built (a block class passed as an
    argument: ``block(inplanes, planes)``). When it is a class with a ``train`` field (a converted
    module that behaves differently in training), the building module's flag is passed on, as
    torch's ``model.train()`` and ``model.eval()`` reach every block; a ``train`` the callable was
    already given (``functools.partial(Block, train=False)``) stays; anything else is returned as it is."""
    target = factory
    while isinstance(target, functools.partial):
        if "train" in target.keywords:
            return factory
        target = target.func
    if isinstance(target, type) and "train" in getattr(target, "__dataclass_fields__", {}):
        return functools.partial(factory, train=train)
    return factory


class _NotGiven:
    """The type of ``NOT_GIVEN``; one object, kept by copies and pickles."""

    __slots__ = ()

    def __repr__(self):
        return "NOT_GIVEN"

    def __reduce__(self):
        return "NOT_GIVEN"

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


NOT_GIVEN = _NotGiven()
"""The default of a field that stands for a key torch's constructor tested its ``**kwargs`` for
(``"block" in kwargs``): an object no caller passes, so ``block is not NOT_GIVEN`` is true exactly
where the key was passed. It is hashable, as a dataclass field's default must be."""


def constructor_keywords(keywords, names):
    """The items of ``keywords`` (a mapping unpacked with ``**`` into the construction of a converted
    module class) whose keys are among ``names``, torch's named constructor arguments. torch's
    constructor caught the other keys in a ``**kwargs`` it never read, and ignored them; the Flax
    module has no field for them and would reject them, or take ``name``, ``parent`` or ``train``
    as its own fields. A key that is not a string fails as it fails in torch's call."""
    kept = {}
    for key in keywords.keys():
        if not isinstance(key, str):
            raise TypeError("keywords must be strings")
        if key in names:
            kept[key] = keywords[key]
    return kept


def batch_norm_layer(train):
    """torch.nn.BatchNorm1d/2d/3d as a value, following ``train`` (the naming module's flag): builds
    the runtime's BatchNorm as the converted call does."""

    def build(num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None):
        if momentum is None:
            raise NotImplementedError("BatchNorm with momentum=None keeps a cumulative average, which the runtime's BatchNorm does not")
        extra = {} if dtype is None else {"param_dtype": dtype}
        return _layer_class("BatchNorm")(use_running_average=not train if track_running_stats else False, momentum=1 - momentum,
                         epsilon=eps, use_scale=affine, use_bias=affine, **extra)

    return build


def activation_layer(function):
    """An activation class (nn.ReLU, nn.ReLU6, nn.SiLU...) as a value: building it gives the Flax
    function, as the converted call does (``inplace`` means nothing to immutable arrays)."""

    def build(inplace=False):
        return function

    return build


def gelu_layer(approximate="none"):
    """torch.nn.GELU as a value: flax.linen.gelu, exact (torch's 'none') or with the tanh approximation."""
    import flax.linen as nn

    if approximate not in ("none", "tanh"):
        raise ValueError(f"approximate argument must be either none or tanh, not {approximate!r}")
    return lambda x: nn.gelu(x, approximate=approximate == "tanh")


def linear_layer(in_features, out_features, bias=True, device=None, dtype=None):
    """torch.nn.Linear as a value: flax.linen.Dense with torch's initialisers."""
    import flax.linen as nn

    extra = {} if dtype is None else {"param_dtype": dtype}
    return nn.Dense(features=out_features, use_bias=bias, kernel_init=torch_kernel_init,
                    bias_init=torch_bias_init(in_features), **extra)


def recurrent_layer(kind, train=True):
    """torch.nn.LSTM / GRU / RNN (``kind``) as a value, following ``train`` (the naming module's flag):
    torch's constructor signature (RNNBase's positional order; the RNN's ``nonlinearity`` a keyword),
    building the runtime's layer as the converted call does."""

    def build(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
              bidirectional=False, proj_size=0, device=None, dtype=None, **keywords):
        unknown = set(keywords) - ({"nonlinearity"} if kind == "RNN" else set())
        if unknown:
            raise TypeError(f"{kind}.__init__() got an unexpected keyword argument {sorted(unknown)[0]!r}")
        _float32_only(kind, dtype)
        return _layer_class(kind)(input_size=input_size, hidden_size=hidden_size, num_layers=num_layers, bias=bias,
                                  batch_first=batch_first, dropout=dropout, bidirectional=bidirectional,
                                  proj_size=proj_size, deterministic=not train, **keywords)

    return build


def recurrent_cell_layer(kind):
    """torch.nn.LSTMCell / GRUCell / RNNCell (``kind``) as a value: torch's constructor signature
    (``nonlinearity`` the RNNCell's fourth), building the runtime's cell as the converted call does."""

    def build(input_size, hidden_size, bias=True, *rest, **keywords):
        names = ("nonlinearity", "device", "dtype") if kind == "RNNCell" else ("device", "dtype")
        if len(rest) > len(names) or set(keywords) - set(names):
            raise TypeError(f"{kind}.__init__() takes at most {3 + len(names)} arguments: input_size, hidden_size, bias, "
                            + ", ".join(names))
        given = {**dict(zip(names, rest)), **keywords}
        _float32_only(kind, given.pop("dtype", None))
        given.pop("device", None)
        return _layer_class(kind)(input_size=input_size, hidden_size=hidden_size, bias=bias, **given)

    return build


def _float32_only(kind, dtype):
    if dtype is not None:
        raise NotImplementedError(f"{kind} with dtype={dtype}: the runtime's recurrent layers hold float32 variables")


def layer_norm_layer(normalized_shape, eps=1e-5, elementwise_affine=True, device=None, dtype=None):
    """torch.nn.LayerNorm as a value: flax.linen.LayerNorm over the trailing axes the shape covers,
    with torch's epsilon and its two-pass variance."""
    import flax.linen as nn

    extra = {} if dtype is None else {"param_dtype": dtype}
    axes = trailing_axes(normalized_shape)
    return nn.LayerNorm(epsilon=eps, reduction_axes=axes, feature_axes=axes, use_bias=elementwise_affine,
                        use_scale=elementwise_affine, use_fast_variance=False, **extra)


def group_norm_layer(num_groups, num_channels, eps=1e-5, affine=True, device=None, dtype=None):
    """torch.nn.GroupNorm as a value: flax.linen.GroupNorm in the channels-first wrapper, with
    torch's epsilon and its two-pass variance, as the converted call builds it."""
    import flax.linen as nn

    if num_channels % num_groups != 0:
        raise ValueError("num_channels must be divisible by num_groups")
    extra = {} if dtype is None else {"param_dtype": dtype}
    return _layer_class("ChannelsFirst")(nn.GroupNorm(num_groups=num_groups, epsilon=eps, use_bias=affine, use_scale=affine,
                                                      use_fast_variance=False, **extra))


def instance_norm_layer(num_features, eps=1e-5, momentum=0.1, affine=False, track_running_stats=False, device=None,
                        dtype=None):
    """torch.nn.InstanceNorm1d/2d/3d as a value: flax.linen.InstanceNorm over each sample's channel
    (channels on axis 1), as the converted call builds it. Running statistics are refused, as the
    converted call reports them."""
    import flax.linen as nn

    if track_running_stats:
        raise NotImplementedError("InstanceNorm with track_running_stats=True keeps running statistics, which flax.linen.InstanceNorm does not")
    extra = {} if dtype is None else {"param_dtype": dtype}
    return nn.InstanceNorm(epsilon=eps, use_bias=affine, use_scale=affine, feature_axes=1, use_fast_variance=False, **extra)


def conv_layer(ndim):
    """torch.nn.Conv1d/2d/3d (``ndim`` spatial axes) as a value: flax.linen.Conv in the
    channels-first wrapper, with torch's initialisers."""

    def build(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True,
              padding_mode="zeros", device=None, dtype=None):
        import flax.linen as nn

        if padding_mode != "zeros":
            raise NotImplementedError(f"padding_mode={padding_mode!r}: only zero padding converts")
        extra = {} if dtype is None else {"param_dtype": dtype}
        kernel = size_tuple(kernel_size, ndim)
        return _layer_class("ChannelsFirst")(nn.Conv(features=out_channels, kernel_size=kernel, strides=stride,
                                     padding=padding_pairs(padding, ndim), kernel_dilation=dilation,
                                     feature_group_count=groups, use_bias=bias, kernel_init=torch_kernel_init,
                                     bias_init=torch_bias_init(in_channels, kernel, groups), **extra))

    return build


# ---- torchvision.ops layers (Conv2dNormActivation, SqueezeExcitation, StochasticDepth, ...): each
# is built from the runtime's layers with torchvision's constructor signature, called or used as a
# value, with the submodule names that make torch's state_dict keys reach them through KeyMapper
# (a torch Sequential's ``0``, ``1`` -> ``layers_0``, ``layers_1``; ``fc1`` -> ``fc1``).

# torchvision's default where a layer argument is left out (torch's class, built here with the
# naming module's train flag), told apart from None, which leaves the layer out.
_TORCH_DEFAULT = object()


def _relu_layer():
    """torch.nn.ReLU as a value: torchvision's default activation."""
    import flax.linen as nn

    return activation_layer(nn.relu)


def _conv_padding(kernel_size, dilation):
    """torchvision's ConvNormActivation padding when none is given: (kernel - 1) // 2 * dilation
    per axis (an int when both are ints)."""
    import collections.abc

    if isinstance(kernel_size, int) and isinstance(dilation, int):
        return (kernel_size - 1) // 2 * dilation
    n = len(kernel_size) if isinstance(kernel_size, collections.abc.Sequence) else len(dilation)
    kernel = tuple(kernel_size) if isinstance(kernel_size, collections.abc.Iterable) else (kernel_size,) * n
    spacing = tuple(dilation) if isinstance(dilation, collections.abc.Iterable) else (dilation,) * n
    return tuple((kernel[i] - 1) // 2 * spacing[i] for i in range(n))


def conv_norm_activation_layer(ndim, train):
    """torchvision.ops.Conv2dNormActivation (``ndim`` 2) / Conv3dNormActivation (3), called or as a
    value: flax.linen.Sequential of the convolution (channels-first), the norm layer and the
    activation, as torchvision's nn.Sequential holds them (keys ``0.weight``, ``1.running_mean``, ...
    -> ``layers_0``, ``layers_1``). The default norm layer is BatchNorm2d/3d following ``train`` (the
    naming module's flag), the default activation ReLU; ``None`` leaves either out; the convolution
    has a bias only without a norm layer unless ``bias`` says otherwise."""

    def build(*args, **kwargs):
        import flax.linen as nn

        return nn.Sequential(_conv_norm_activation_layers(ndim, train, *args, **kwargs))

    return build


def _conv_norm_activation_layers(ndim, train, in_channels, out_channels, kernel_size=3, stride=1, padding=None, groups=1,
                                 norm_layer=_TORCH_DEFAULT, activation_layer=_TORCH_DEFAULT, dilation=1, inplace=True,
                                 bias=None):
    """The layers of torchvision's ConvNormActivation, in its order: the convolution, the norm layer, the activation."""
    if norm_layer is _TORCH_DEFAULT:
        norm_layer = batch_norm_layer(train)
    if activation_layer is _TORCH_DEFAULT:
        activation_layer = _relu_layer()
    if padding is None:
        padding = _conv_padding(kernel_size, dilation)
    if bias is None:
        bias = norm_layer is None
    layers = [conv_layer(ndim)(in_channels, out_channels, kernel_size, stride, padding, dilation=dilation,
                               groups=groups, bias=bias)]
    if norm_layer is not None:
        layers.append(with_train(norm_layer, train)(out_channels))
    if activation_layer is not None:
        layers.append(activation_layer(**({} if inplace is None else {"inplace": inplace})))
    return layers


def squeeze_excitation_layer(input_channels, squeeze_channels, activation=_TORCH_DEFAULT,
                             scale_activation=_TORCH_DEFAULT):
    """torchvision.ops.SqueezeExcitation, called or as a value: the runtime's SqueezeExcitation with
    its 1x1 convolutions ``fc1``, ``fc2`` (torch's keys) and the activations built as torch builds
    them (``activation()``; ReLU and Sigmoid by default)."""
    import flax.linen as nn

    if activation is _TORCH_DEFAULT:
        activation = _relu_layer()
    if scale_activation is _TORCH_DEFAULT:
        scale_activation = activation_layer(nn.sigmoid)
    return _layer_class("SqueezeExcitation")(fc1=conv_layer(2)(input_channels, squeeze_channels, 1),
                                             fc2=conv_layer(2)(squeeze_channels, input_channels, 1),
                                             activation=activation(), scale_activation=scale_activation())


def stochastic_depth_layer(train):
    """torchvision.ops.StochasticDepth, called or as a value, following ``train`` (the naming
    module's flag): the runtime's StochasticDepth, whose masks come from the 'dropout' stream."""

    def build(p, mode):
        return _layer_class("StochasticDepth")(p=p, mode=mode, deterministic=not train)

    return build


def stochastic_depth(module, input, p, mode, training=True):
    """torchvision.ops.stochastic_depth inside a Flax module: in training, the whole input
    (``mode='batch'``) or each sample (``'row'``) is kept with probability 1 - p and scaled by
    1 / (1 - p), else zeroed; the mask comes from the module's 'dropout' stream, drawn only when
    the call may drop (so evaluation needs no key). torch's checks of p and mode come first."""
    if p < 0.0 or p > 1.0:
        raise ValueError(f"drop probability has to be between 0 and 1, but got {p}")
    if mode not in ["batch", "row"]:
        raise ValueError(f"mode has to be either 'batch' or 'row', but got {mode}")
    if not training or p == 0.0:
        return input
    import jax

    survival_rate = 1.0 - p
    size = (input.shape[0],) + (1,) * (input.ndim - 1) if mode == "row" else (1,) * input.ndim
    noise = jax.random.bernoulli(module.make_rng("dropout"), survival_rate, size).astype(input.dtype)
    if survival_rate > 0.0:
        noise = noise / survival_rate
    return input * noise


def frozen_batch_norm_layer(num_features, eps=1e-5):
    """torchvision.ops.FrozenBatchNorm2d, called or as a value: the runtime's FrozenBatchNorm2d."""
    return _layer_class("FrozenBatchNorm2d")(num_features=num_features, eps=eps)


def mlp_layer(train):
    """torchvision.ops.MLP, called or as a value, following ``train`` (the naming module's flag):
    flax.linen.Sequential of Dense, the norm layer, the activation and Dropout per hidden size and a
    last Dense and Dropout, in torchvision's order (keys ``0.weight``, ``3.weight``, ... ->
    ``layers_0``, ``layers_3``); Dropout draws from the 'dropout' stream."""

    def build(in_channels, hidden_channels, norm_layer=None, activation_layer=_TORCH_DEFAULT, inplace=True,
              bias=True, dropout=0.0):
        import flax.linen as nn

        if activation_layer is _TORCH_DEFAULT:
            activation_layer = _relu_layer()
        params = {} if inplace is None else {"inplace": inplace}
        layers, in_dim = [], in_channels
        for hidden_dim in hidden_channels[:-1]:
            layers.append(linear_layer(in_dim, hidden_dim, bias=bias))
            if norm_layer is not None:
                layers.append(with_train(norm_layer, train)(hidden_dim))
            layers.append(activation_layer(**params))
            layers.append(nn.Dropout(rate=dropout, deterministic=not train))
            in_dim = hidden_dim
        layers.append(linear_layer(in_dim, hidden_channels[-1], bias=bias))
        layers.append(nn.Dropout(rate=dropout, deterministic=not train))
        return nn.Sequential(layers)

    return build


def permute_layer(dims):
    """torchvision.ops.Permute, called or as a value: the input's axes in the order ``dims``."""
    import jax.numpy as jnp

    axes = tuple(dims)
    return lambda x: jnp.transpose(x, axes)


# ---- torchvision.ops box functions whose results have fixed shapes (nms, batched_nms and
# remove_small_boxes return as many indices as boxes they keep, which jax.jit cannot trace: they
# have no entry). Boxes are (x1, y1, x2, y2) rows, as torchvision's.


def _upcast(xp, t):
    """torchvision's _upcast: floats narrower than float32 become float32, integers narrower than
    int32 become int32, so products of coordinates do not overflow."""
    if xp.issubdtype(t.dtype, xp.floating):
        return t if t.dtype in (xp.float32, xp.float64) else t.astype(xp.float32)
    return t if t.dtype in (xp.int32, xp.int64) else t.astype(xp.int32)


def box_area(boxes):
    """torchvision.ops.box_area: (x2 - x1) * (y2 - y1) per box."""
    boxes = _upcast(_xp(), boxes)
    return (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])


def _box_inter_union(xp, boxes1, boxes2):
    area1, area2 = box_area(boxes1), box_area(boxes2)
    lt = xp.maximum(boxes1[:, None, :2], boxes2[:, :2])
    rb = xp.minimum(boxes1[:, None, 2:], boxes2[:, 2:])
    wh = xp.maximum(_upcast(xp, rb - lt), 0)
    inter = wh[:, :, 0] * wh[:, :, 1]
    return inter, area1[:, None] + area2 - inter


def box_iou(boxes1, boxes2):
    """torchvision.ops.box_iou: the (N, M) intersection over union of every pair of boxes."""
    inter, union = _box_inter_union(_xp(), boxes1, boxes2)
    return inter / union


def generalized_box_iou(boxes1, boxes2):
    """torchvision.ops.generalized_box_iou: IoU less the share of the pair's enclosing box that
    their union leaves empty, for every pair (N, M)."""
    xp = _xp()
    inter, union = _box_inter_union(xp, boxes1, boxes2)
    iou = inter / union
    lti = xp.minimum(boxes1[:, None, :2], boxes2[:, :2])
    rbi = xp.maximum(boxes1[:, None, 2:], boxes2[:, 2:])
    whi = xp.maximum(_upcast(xp, rbi - lti), 0)
    areai = whi[:, :, 0] * whi[:, :, 1]
    return iou - (areai - union) / areai


def clip_boxes_to_image(boxes, size):
    """torchvision.ops.clip_boxes_to_image: x coordinates clamped to [0, width], y to [0, height]
    (``size`` is (height, width))."""
    xp = _xp()
    height, width = size
    boxes_x = xp.clip(boxes[..., 0::2], 0, width)
    boxes_y = xp.clip(boxes[..., 1::2], 0, height)
    return xp.stack((boxes_x, boxes_y), axis=boxes.ndim).reshape(boxes.shape)


def _pairwise_box_terms(boxes1, boxes2, eps):
    """What torchvision's box losses share, for boxes matched one to one ([N, 4] or [4], (x1, y1, x2, y2)):
    both as float (any dtype but float32 and float64 becomes float32, as the losses upcast), the IoU
    (intersection / (union + eps)), the union and the corners of the smallest enclosing box."""
    xp = _xp()
    as_float = lambda t: t if t.dtype in (xp.float32, xp.float64) else t.astype(xp.float32)  # noqa: E731
    boxes1, boxes2 = as_float(boxes1), as_float(boxes2)
    x1, y1, x2, y2 = (boxes1[..., i] for i in range(4))
    gx1, gy1, gx2, gy2 = (boxes2[..., i] for i in range(4))
    left, top = xp.maximum(x1, gx1), xp.maximum(y1, gy1)
    right, bottom = xp.minimum(x2, gx2), xp.minimum(y2, gy2)
    # zero where the boxes do not overlap, with no gradient there (torchvision writes the overlap
    # only into the entries that have one)
    inter = xp.where((bottom > top) & (right > left), (right - left) * (bottom - top), 0.0).astype(boxes1.dtype)
    union = (x2 - x1) * (y2 - y1) + (gx2 - gx1) * (gy2 - gy1) - inter
    enclosing = (xp.minimum(x1, gx1), xp.minimum(y1, gy1), xp.maximum(x2, gx2), xp.maximum(y2, gy2))
    return boxes1, boxes2, inter / (union + eps), union, enclosing


def _reduce_box_loss(loss, reduction):
    """torchvision 0.14's reduction of a box loss: 'mean' (0 for no boxes), 'sum', any other string none."""
    if reduction == "mean":
        return loss.mean() if loss.size > 0 else 0.0 * loss.sum()
    if reduction == "sum":
        return loss.sum()
    return loss


def generalized_box_iou_loss(boxes1, boxes2, reduction="none", eps=1e-7):
    """torchvision.ops.generalized_box_iou_loss: 1 - IoU + the share of the enclosing box the union
    leaves empty, per matched pair of boxes."""
    _, _, iou, union, (cx1, cy1, cx2, cy2) = _pairwise_box_terms(boxes1, boxes2, eps)
    area = (cx2 - cx1) * (cy2 - cy1)
    return _reduce_box_loss(1 - (iou - (area - union) / (area + eps)), reduction)


def _distance_iou_terms(boxes1, boxes2, eps):
    boxes1, boxes2, iou, _, (cx1, cy1, cx2, cy2) = _pairwise_box_terms(boxes1, boxes2, eps)
    diagonal = (cx2 - cx1) ** 2 + (cy2 - cy1) ** 2 + eps
    centre_x = (boxes1[..., 0] + boxes1[..., 2]) / 2 - (boxes2[..., 0] + boxes2[..., 2]) / 2
    centre_y = (boxes1[..., 1] + boxes1[..., 3]) / 2 - (boxes2[..., 1] + boxes2[..., 3]) / 2
    return boxes1, boxes2, iou, 1 - iou + (centre_x**2 + centre_y**2) / diagonal


def distance_box_iou_loss(boxes1, boxes2, reduction="none", eps=1e-7):
    """torchvision.ops.distance_box_iou_loss: 1 - IoU + the squared distance of the boxes' centres over
    the squared diagonal of their enclosing box, per matched pair."""
    return _reduce_box_loss(_distance_iou_terms(boxes1, boxes2, eps)[3], reduction)


def complete_box_iou_loss(boxes1, boxes2, reduction="none", eps=1e-7):
    """torchvision.ops.complete_box_iou_loss: the distance IoU loss plus alpha * v, v the squared
    difference of the boxes' aspect angles (4 / pi^2 (atan(w/h) - atan(w'/h'))^2) and alpha
    v / (1 - IoU + v + eps) with no gradient. As torchvision 0.14 computes it, the distance term and
    the IoU take eps = 1e-7 whatever ``eps`` is given; ``eps`` is alpha's."""
    xp = _xp()
    boxes1, boxes2, iou, distance_loss = _distance_iou_terms(boxes1, boxes2, 1e-7)
    angle = lambda b: xp.arctan((b[..., 2] - b[..., 0]) / (b[..., 3] - b[..., 1]))  # noqa: E731
    v = (4 / np.pi**2) * (angle(boxes2) - angle(boxes1)) ** 2
    alpha = _stop_gradient(v / (1 - iou + v + eps))
    return _reduce_box_loss(distance_loss + alpha * v, reduction)


# ---- forms: what converted code calls where a torch argument may be an int or a sequence, or a
# torch function has no one-line JAX form, and the conversion could not tell which form a value
# has. Each decides at run time exactly as torch does (docs/maps.md, "Size forms").


def size_tuple(size, n):
    """A torch size argument (kernel_size=3 or (3, 5)) as the n-tuple Flax wants: an int is repeated."""
    return (size,) * n if isinstance(size, int) else tuple(size)


def as_ntuple(value, n):
    """torch's ``_ntuple(n)(value)`` (``_single``, ``_pair``, ``_triple``, ``_quadruple`` of
    torch.nn.modules.utils): an iterable as a tuple of its items, anything else repeated n times."""
    import collections.abc

    return tuple(value) if isinstance(value, collections.abc.Iterable) else (value,) * n


def reverse_repeat_tuple(t, n):
    """torch's ``_reverse_repeat_tuple(t, n)`` (torch.nn.modules.utils): the items of ``t`` from the last,
    each repeated n times; a convolution's padding as F.pad's (left, right) pairs from the last axis."""
    repeated = []
    for item in tuple(t)[::-1]:
        repeated.extend([item] * n)
    return tuple(repeated)


def ntuple(n):
    """torch's ``_ntuple(n)``: the function that makes a value an n-tuple (``as_ntuple``)."""
    return functools.partial(as_ntuple, n=n)


def legacy_reduction(size_average, reduce, emit_warning=True):
    """torch.nn._reduction.legacy_get_string: the ``reduction`` string that the deprecated
    ``size_average`` and ``reduce`` flags of a loss stand for (None counts as True)."""
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    reduction = "mean" if size_average and reduce else "sum" if reduce else "none"
    if emit_warning:
        warnings.warn(f"size_average and reduce args will be deprecated, please use reduction='{reduction}' instead.")
    return reduction


def padding_pairs(padding, n):
    """A torch padding (an int, one int per axis, or 'same'/'valid') as Flax's (low, high) pairs or string."""
    if isinstance(padding, str):
        return padding.upper()
    if isinstance(padding, int):
        return ((padding, padding),) * n
    return tuple((p, p) for p in padding)


def trailing_axes(shape):
    """The axes a torch normalized_shape covers (LayerNorm): the last len(shape) axes, -1 for an int."""
    return -1 if isinstance(shape, int) else tuple(range(-len(shape), 0))


def as_shape(size):
    """A torch size given as one int or a sequence, as the tuple jax.random wants."""
    return (size,) if isinstance(size, int) else tuple(size)


def flatten(x, start_dim=0, end_dim=-1):
    """torch.flatten(x, start_dim, end_dim): the axes start_dim..end_dim (negative ones count from
    the end, and may be known only at run time: nn.Flatten's self.end_dim) become one; a 0-D x
    becomes 1-D, as torch's."""
    if x.ndim == 0:
        return x.reshape((1,))
    start, end = start_dim % x.ndim, end_dim % x.ndim
    if start > end:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    return x.reshape(x.shape[:start] + (int(np.prod(x.shape[start:end + 1])),) + x.shape[end + 1:])


def unflatten(x, dim, sizes):
    """torch.Tensor.unflatten(dim, sizes) and nn.Unflatten: axis ``dim`` becomes the axes ``sizes``,
    one of which may be -1 (inferred from that axis alone, as torch, so a zero-size axis works).
    Named dimensions (a str ``dim``) have no JAX counterpart and are refused."""
    if isinstance(dim, str):
        raise NotImplementedError("unflatten: named dimensions have no JAX counterpart")
    dim = dim % x.ndim
    sizes = tuple(sizes)
    if -1 in sizes:
        known = int(np.prod([s for s in sizes if s != -1]))
        sizes = tuple((x.shape[dim] // known if known else 0) if s == -1 else s for s in sizes)
    if int(np.prod(sizes)) != x.shape[dim]:
        raise RuntimeError(f"unflatten: provided sizes {sizes} don't multiply up to the size of dim {dim} ({x.shape[dim]})")
    return x.reshape(x.shape[:dim] + sizes + x.shape[dim + 1:])


def divide(input, other, rounding_mode=None):
    """torch.div / torch.divide with rounding_mode: None is true division (ints give floats),
    'floor' rounds down (Python's //, jnp.floor_divide), 'trunc' rounds toward zero (integers
    exactly, without a float round trip)."""
    import jax.numpy as jnp

    if rounding_mode is None:
        return jnp.true_divide(input, other)
    if rounding_mode == "floor":
        return jnp.floor_divide(input, other)
    if rounding_mode != "trunc":
        raise ValueError(f"div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '{rounding_mode}'")
    if jnp.issubdtype(jnp.result_type(input, other), jnp.integer):
        quotient = jnp.floor_divide(input, other)
        inexact = jnp.remainder(input, other) != 0
        return jnp.where(inexact & ((jnp.asarray(input) < 0) != (jnp.asarray(other) < 0)), quotient + 1, quotient)
    return jnp.trunc(jnp.true_divide(input, other))


def split(x, split_size, axis=0):
    """torch.split: an int is the size of each piece (the last may be smaller), a sequence the sizes."""
    import jax.numpy as jnp

    if isinstance(split_size, int):
        points = list(range(split_size, x.shape[axis], split_size))
    else:
        points = [sum(split_size[: i + 1]) for i in range(len(split_size) - 1)]
    return jnp.split(x, points, axis=axis)


def chunk(x, chunks, axis=0):
    """torch.chunk: pieces of ceil(size / chunks), so there may be fewer than asked (unlike jnp.array_split)."""
    import jax.numpy as jnp

    step = -(-x.shape[axis] // chunks)
    return jnp.split(x, list(range(step, x.shape[axis], step)), axis=axis)


# torch's padding modes (F.pad, a convolution's padding_mode) -> jnp.pad's.
_PAD_MODES = {"constant": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}


def pad(x, pad, mode="constant", value=None):
    """torch.nn.functional.pad: pads are (left, right) pairs from the last axis backwards. Modes as
    torch's: 'constant' (``value``, 0 when None), 'reflect' (the edge not repeated: jnp.pad's
    'reflect'), 'replicate' (the edge repeated: 'edge') and 'circular' (the other end: 'wrap')."""
    import jax.numpy as jnp

    if mode not in _PAD_MODES:
        raise NotImplementedError(f"Unrecognised padding mode {mode}")
    if mode != "constant" and value is not None and value != 0:
        raise RuntimeError(f'Padding mode "{mode}" doesn\'t take in value argument')
    pairs = [(pad[i], pad[i + 1]) for i in range(len(pad) - 2, -1, -2)]
    widths = [(0, 0)] * (x.ndim - len(pairs)) + pairs
    if mode == "constant":
        return jnp.pad(x, widths, constant_values=0 if value is None else value)
    return jnp.pad(x, widths, mode=_PAD_MODES[mode])


def _conv_padding_pairs(padding, weight, stride, dilation, ndim):
    """A convolution's torch padding (an int, one per axis, 'valid' or 'same') as (low, high) pairs:
    'same' pads dilation * (kernel - 1) in all, the odd one on the high side, as torch."""
    if isinstance(padding, str):
        if padding == "valid":
            return [(0, 0)] * ndim
        if padding != "same":
            raise ValueError(f"Invalid padding string {padding!r}, should be one of {{'valid', 'same'}}")
        if any(s != 1 for s in stride):
            raise ValueError("padding='same' is not supported for strided convolutions")
        totals = [d * (k - 1) for d, k in zip(dilation, weight.shape[2:])]
        return [(t // 2, t - t // 2) for t in totals]
    return [(p, p) for p in size_tuple(padding, ndim)]


def _convolution(ndim, input, weight, bias, stride, padding, dilation, groups):
    """torch.nn.functional.conv1d/2d/3d on torch's layouts: input ``(N, C, *spatial)`` or without the
    batch axis, weight ``(out, in / groups, *kernel)``, bias ``(out,)``."""
    import jax
    import jax.numpy as jnp

    spatial = "DHW"[3 - ndim:]
    batched = input.ndim == ndim + 2
    x = input if batched else input[None]
    stride, dilation = size_tuple(stride, ndim), size_tuple(dilation, ndim)
    y = jax.lax.conv_general_dilated(
        x, weight, window_strides=stride, padding=_conv_padding_pairs(padding, weight, stride, dilation, ndim),
        rhs_dilation=dilation, dimension_numbers=("NC" + spatial, "OI" + spatial, "NC" + spatial), feature_group_count=groups)
    if bias is not None:
        y = y + jnp.reshape(bias, (1, -1) + (1,) * ndim)
    return y if batched else y[0]


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """torch.nn.functional.conv1d (``_convolution``)."""
    return _convolution(1, input, weight, bias, stride, padding, dilation, groups)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """torch.nn.functional.conv2d (``_convolution``)."""
    return _convolution(2, input, weight, bias, stride, padding, dilation, groups)


def conv3d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """torch.nn.functional.conv3d (``_convolution``)."""
    return _convolution(3, input, weight, bias, stride, padding, dilation, groups)


def _transposed_convolution(ndim, input, weight, bias, stride, padding, output_padding, groups, dilation):
    """torch.nn.functional.conv_transpose1d/2d/3d on torch's layouts: input ``(N, C, *spatial)`` or without
    the batch axis, weight ``(in, out / groups, *kernel)``, bias ``(out,)``. The gradient of torch's
    convolution with respect to its input: the input dilated by the stride, padded by
    ``dilation * (kernel - 1) - padding`` on each side (``output_padding`` more on the high side), convolved
    with stride 1 by the kernel flipped and each group's in/out swapped. A negative padding crops the output."""
    import jax
    import jax.numpy as jnp

    spatial = "DHW"[3 - ndim:]
    batched = input.ndim == ndim + 2
    x = input if batched else input[None]
    stride, padding = size_tuple(stride, ndim), size_tuple(padding, ndim)
    output_padding, dilation = size_tuple(output_padding, ndim), size_tuple(dilation, ndim)
    if any(o >= s and o >= d for o, s, d in zip(output_padding, stride, dilation)):
        raise RuntimeError("output padding must be smaller than either stride or dilation")
    kernel = weight.shape[2:]
    per_group_out = weight.shape[1]
    # (in, out / g, *k) -> (g, in / g, out / g, *k) -> (out, in / g, *k), spatially flipped.
    w = jnp.reshape(weight, (groups, weight.shape[0] // groups, per_group_out) + tuple(kernel))
    w = jnp.swapaxes(w, 1, 2)
    w = jnp.reshape(w, (groups * per_group_out, weight.shape[0] // groups) + tuple(kernel))
    w = jnp.flip(w, axis=tuple(range(2, ndim + 2)))
    pads = [(d * (k - 1) - p, d * (k - 1) - p + o) for k, p, o, d in zip(kernel, padding, output_padding, dilation)]
    y = jax.lax.conv_general_dilated(
        x, w, window_strides=(1,) * ndim, padding=[(max(lo, 0), max(hi, 0)) for lo, hi in pads], lhs_dilation=stride,
        rhs_dilation=dilation, dimension_numbers=("NC" + spatial, "OI" + spatial, "NC" + spatial), feature_group_count=groups)
    crop = (slice(None), slice(None)) + tuple(slice(max(-lo, 0), y.shape[2 + i] - max(-hi, 0)) for i, (lo, hi) in enumerate(pads))
    y = y[crop]
    if bias is not None:
        y = y + jnp.reshape(bias, (1, -1) + (1,) * ndim)
    return y if batched else y[0]


def conv_transpose1d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    """torch.nn.functional.conv_transpose1d (``_transposed_convolution``)."""
    return _transposed_convolution(1, input, weight, bias, stride, padding, output_padding, groups, dilation)


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    """torch.nn.functional.conv_transpose2d (``_transposed_convolution``)."""
    return _transposed_convolution(2, input, weight, bias, stride, padding, output_padding, groups, dilation)


def conv_transpose3d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    """torch.nn.functional.conv_transpose3d (``_transposed_convolution``)."""
    return _transposed_convolution(3, input, weight, bias, stride, padding, output_padding, groups, dilation)


def expand(x, size):
    """torch.Tensor.expand(size): broadcast to size, where -1 keeps the dimension."""
    import jax.numpy as jnp

    offset = x.ndim - len(size)
    return jnp.broadcast_to(x, tuple(x.shape[i + offset] if d == -1 else d for i, d in enumerate(size)))


def dropout(module, x, p=0.5, train=True):
    """torch.nn.functional.dropout inside a Flax module: the mask comes from its 'dropout' stream,
    drawn only when the call drops anything (so evaluation needs no key)."""
    if not train or p == 0:
        return x
    import jax
    import jax.numpy as jnp

    keep = jax.random.bernoulli(module.make_rng("dropout"), 1 - p, x.shape)
    return jnp.where(keep, x / (1 - p), 0)


def _feature_shape(x, spatial):
    """The mask shape of torch's feature (channel) dropout: one draw per (sample, channel), or per
    channel for an input without a batch axis (rank ``spatial + 1``, which dropout1d and dropout3d
    accept; dropout2d always takes axis 0 as the batch, as torch 1.13 does)."""
    lead = 1 if spatial is not None and x.ndim == spatial + 1 else 2
    return x.shape[:lead] + (1,) * (x.ndim - lead)


def feature_dropout(module, x, p=0.5, train=True, spatial=None):
    """torch.nn.functional.dropout1d/2d/3d inside a Flax module: whole channels are zeroed and the
    rest scaled by 1 / (1 - p); the mask comes from the module's 'dropout' stream."""
    if not train or p == 0:
        return x
    if p == 1:
        return x * 0
    import jax
    import jax.numpy as jnp

    keep = jax.random.bernoulli(module.make_rng("dropout"), 1 - p, _feature_shape(x, spatial))
    return jnp.where(keep, x / (1 - p), 0)


def alpha_dropout(module, x, p=0.5, train=False, feature=False):
    """torch.nn.functional.alpha_dropout (feature=True: feature_alpha_dropout, one draw per sample
    and channel): dropped entries take SELU's negative saturation and everything is moved by torch's
    affine correction, ``x * keep * a + b``; the mask comes from the module's 'dropout' stream.
    torch's default is training=False for both."""
    if not train or p == 0:
        return x
    if p == 1:
        return x * 0
    import jax
    import jax.numpy as jnp

    alpha = 1.7580993408473766
    a = 1.0 / ((alpha * alpha * p + 1) * (1 - p)) ** 0.5
    shape = _feature_shape(x, None) if feature else x.shape
    keep = jnp.asarray(jax.random.bernoulli(module.make_rng("dropout"), 1 - p, shape), dtype=x.dtype)
    return x * (keep * a) + ((keep - 1) * (alpha * a) + alpha * a * p)


def normal_like(key, x):
    """torch.randn_like(x): standard normal numbers of x's shape and dtype."""
    import jax

    return jax.random.normal(key, x.shape, x.dtype)


def uniform_like(key, x):
    """torch.rand_like(x): uniform numbers in [0, 1) of x's shape and dtype."""
    import jax

    return jax.random.uniform(key, x.shape, x.dtype)


def bernoulli(key, p):
    """torch.bernoulli(p): ones with probability p, in p's dtype."""
    import jax
    import jax.numpy as jnp

    return jnp.asarray(jax.random.bernoulli(key, p), dtype=p.dtype)


# ---- torch functions with no one-line JAX form: written with array operations only (abs, sum,
# max, sqrt, matmul, mean), so the tests run them on numpy against torch.


def norm(input, p="fro", dim=None, keepdim=False, dtype=None):
    """torch.norm / Tensor.norm: the vector p-norm over ``dim`` (every axis when None; a tuple of
    axes is one vector), ``"fro"`` being the 2-norm. jnp.linalg.norm differs: with ``axis=None`` it
    refuses ranks above 2 unless ``ord`` is None, and with two axes it takes matrix norms.
    ``"nuc"`` (the nuclear norm) is refused. At an all-zero input the gradient of the 2-norm is
    NaN here where torch gives 0."""
    import jax.numpy as jnp

    if p == "nuc":
        raise ValueError("norm: the nuclear norm is not supported; use jnp.linalg.norm(x, 'nuc', axis=...)")
    x = input if dtype is None else input.astype(dtype)
    axis = tuple(range(x.ndim)) if dim is None else tuple(dim) if isinstance(dim, (list, tuple)) else dim
    magnitude = jnp.abs(x)
    if p == "fro" or p == 2:
        return jnp.sqrt(jnp.sum(magnitude * magnitude, axis=axis, keepdims=keepdim))
    if p == float("inf"):
        return jnp.max(magnitude, axis=axis, keepdims=keepdim)
    if p == float("-inf"):
        return jnp.min(magnitude, axis=axis, keepdims=keepdim)
    if p == 0:
        return jnp.sum(magnitude != 0, axis=axis, keepdims=keepdim).astype(x.dtype)
    return jnp.sum(magnitude ** p, axis=axis, keepdims=keepdim) ** (1.0 / p)


def normalize(input, p=2.0, dim=1, eps=1e-12):
    """torch.nn.functional.normalize: ``input / max(norm(input, p, dim, keepdim=True), eps)``."""
    import jax.numpy as jnp

    return input / jnp.maximum(norm(input, p, dim, keepdim=True), eps)


def pairwise_distance(x1, x2, p=2.0, eps=1e-06, keepdim=False):
    """torch.nn.functional.pairwise_distance: the p-norm of ``x1 - x2 + eps`` over the last axis of
    the broadcast shape (eps is added before the norm, as torch does)."""
    return norm(x1 - x2 + eps, p, -1, keepdim)


def cosine_similarity(x1, x2, dim=1, eps=1e-08):
    """torch.nn.functional.cosine_similarity as torch 1.13 computes it: each input over its own
    2-norm along ``dim`` clamped below at eps (not their product), then the sum of the products;
    the two inputs are broadcast to one shape first (a size-1 ``dim`` too)."""
    import jax.numpy as jnp

    x1, x2 = jnp.broadcast_arrays(x1, x2)
    n1 = jnp.maximum(norm(x1, 2, dim, keepdim=True), eps)
    n2 = jnp.maximum(norm(x2, 2, dim, keepdim=True), eps)
    return jnp.sum((x1 / n1) * (x2 / n2), axis=dim)


def pixel_shuffle(input, upscale_factor):
    """torch.nn.functional.pixel_shuffle on torch's layout: (*, C*r*r, H, W) -> (*, C, H*r, W*r)."""
    import jax.numpy as jnp

    r = upscale_factor
    *lead, c, h, w = input.shape
    x = jnp.reshape(input, (*lead, c // (r * r), r, r, h, w))
    n = len(lead)
    x = jnp.transpose(x, (*range(n), n, n + 3, n + 1, n + 4, n + 2))
    return jnp.reshape(x, (*lead, c // (r * r), h * r, w * r))


def pixel_unshuffle(input, downscale_factor):
    """torch.nn.functional.pixel_unshuffle on torch's layout: (*, C, H*r, W*r) -> (*, C*r*r, H, W)."""
    import jax.numpy as jnp

    r = downscale_factor
    *lead, c, h, w = input.shape
    x = jnp.reshape(input, (*lead, c, h // r, r, w // r, r))
    n = len(lead)
    x = jnp.transpose(x, (*range(n), n, n + 2, n + 4, n + 1, n + 3))
    return jnp.reshape(x, (*lead, c * r * r, h // r, w // r))


def channel_shuffle(input, groups):
    """torch.nn.functional.channel_shuffle on torch's layout: the channels (axis 1) seen as a
    (groups, C // groups) grid are read column by column."""
    import jax.numpy as jnp

    n, c, *rest = input.shape
    x = jnp.reshape(input, (n, groups, c // groups, *rest))
    return jnp.reshape(jnp.swapaxes(x, 1, 2), input.shape)


def linear(input, weight, bias=None):
    """torch.nn.functional.linear: ``input @ weight.T + bias`` with torch's (out, in) weight."""
    import jax.numpy as jnp

    out = jnp.matmul(input, weight.T)
    return out if bias is None else out + bias


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-05):
    """torch.nn.functional.layer_norm: normalises over the last ``len(normalized_shape)`` axes with
    the biased variance, then scales by ``weight`` and shifts by ``bias`` (each of that shape)."""
    import jax.numpy as jnp

    count = 1 if isinstance(normalized_shape, int) else len(normalized_shape)
    axes = tuple(range(input.ndim - count, input.ndim))
    mean = jnp.mean(input, axis=axes, keepdims=True)
    centered = input - mean
    variance = jnp.mean(centered * centered, axis=axes, keepdims=True)
    out = centered / jnp.sqrt(variance + eps)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out


def instance_norm(input, weight=None, bias=None, eps=1e-05):
    """torch.nn.functional.instance_norm with the input's own statistics (use_input_stats=True, no
    running statistics): each sample's channel is normalised over the spatial axes with the biased
    variance, then scaled by ``weight`` and shifted by ``bias`` (one per channel)."""
    import jax.numpy as jnp

    axes = tuple(range(2, input.ndim))
    mean = jnp.mean(input, axis=axes, keepdims=True)
    centered = input - mean
    variance = jnp.mean(centered * centered, axis=axes, keepdims=True)
    return _channel_affine(jnp, centered / jnp.sqrt(variance + eps), weight, bias)


def _channel_affine(jnp, out, weight, bias):
    """A normalised channels-first array times ``weight`` plus ``bias`` per channel (axis 1), either may be None."""
    channels = (1, -1) + (1,) * (out.ndim - 2)
    if weight is not None:
        out = out * jnp.reshape(weight, channels)
    if bias is not None:
        out = out + jnp.reshape(bias, channels)
    return out


def _adaptive_pool(x, output_size, reduce, spatial):
    """Pools each of the last ``spatial`` axes of a channels-first ``x`` to ``output_size`` with
    torch's adaptive windows: output index i covers [floor(i*n/m), ceil((i+1)*n/m)). Averages and
    maxima over such rectangular windows are separable, so the axes are pooled one after another."""
    import jax.numpy as jnp

    sizes = (output_size,) * spatial if isinstance(output_size, int) else tuple(output_size)
    if len(sizes) != spatial:
        raise ValueError(f"adaptive pooling: output_size {output_size!r} needs {spatial} sizes")
    for axis, m in zip(range(x.ndim - spatial, x.ndim), sizes):
        n = x.shape[axis]
        if m is None or m == n:
            continue
        pieces = []
        for i in range(m):
            start, end = (i * n) // m, -(-((i + 1) * n) // m)
            window = jnp.take(x, jnp.arange(start, end), axis=axis)
            pieces.append(reduce(window, axis=axis, keepdims=True))
        x = jnp.concatenate(pieces, axis=axis)
    return x


def adaptive_avg_pool(x, output_size, spatial=2):
    """torch's AdaptiveAvgPool{1,2,3}d / adaptive_avg_pool{1,2,3}d on channels-first input (a size
    None keeps that axis), exact for every output size, including ones that do not divide the input."""
    import jax.numpy as jnp

    return _adaptive_pool(x, output_size, jnp.mean, spatial)


def adaptive_max_pool(x, output_size, spatial=2, return_indices=False):
    """torch's AdaptiveMaxPool{1,2,3}d / adaptive_max_pool{1,2,3}d on channels-first input. With
    ``return_indices`` also the flat index of each maximum in its input plane, as torch's pair (the
    first of equal values, the last NaN, as torch's loop finds them), window by window."""
    import jax.numpy as jnp

    if not return_indices:
        return _adaptive_pool(x, output_size, jnp.max, spatial)
    shape = x.shape[x.ndim - spatial:]
    sizes = (output_size,) * spatial if isinstance(output_size, int) else tuple(output_size)
    sizes = tuple(n if m is None else m for n, m in zip(shape, sizes))
    lead = x.shape[:x.ndim - spatial]
    values, indices = [], []
    for position in np.ndindex(*sizes):
        bounds = [((i * n) // m, -(-((i + 1) * n) // m)) for i, n, m in zip(position, shape, sizes)]
        window = x[(Ellipsis,) + tuple(slice(a, b) for a, b in bounds)]
        flat = jnp.reshape(window, lead + (-1,))
        nan = jnp.isnan(flat)
        last_nan = flat.shape[-1] - 1 - jnp.argmax(nan[..., ::-1], axis=-1)
        local = jnp.where(jnp.any(nan, axis=-1), last_nan, jnp.argmax(jnp.where(nan, -jnp.inf, flat), axis=-1))
        values.append(jnp.take_along_axis(flat, local[..., None], axis=-1)[..., 0])
        coordinates = np.unravel_index(np.arange(int(np.prod([b - a for a, b in bounds]))), [b - a for a, b in bounds])
        plane = np.ravel_multi_index(tuple(c + a for c, (a, _) in zip(coordinates, bounds)), shape)
        indices.append(jnp.take(plane, local))
    return jnp.reshape(jnp.stack(values, axis=-1), lead + sizes), jnp.reshape(jnp.stack(indices, axis=-1), lead + sizes)


def ceil_mode_input(x, kernel_size, stride, padding=0, ceil_mode=False):
    """A channels-first input for max pooling with torch's ``ceil_mode``: when true, the spatial axes
    get -inf at their high end until torch's ceil-mode window count fits (a last window that would
    start in the right padding is dropped, as torch drops it); the pooling's own symmetric padding
    is left to the pooling."""
    if not ceil_mode:
        return x
    import jax.numpy as jnp

    spatial = x.ndim - 2
    kernel, steps, pads = size_tuple(kernel_size, spatial), size_tuple(stride, spatial), size_tuple(padding, spatial)
    extra = []
    for n, k, s, p in zip(x.shape[2:], kernel, steps, pads):
        count = -(-(n + 2 * p - k) // s) + 1
        if (count - 1) * s >= n + p:
            count -= 1
        extra.append(max(0, (count - 1) * s + k - n - 2 * p))
    return jnp.pad(x, [(0, 0), (0, 0)] + [(0, e) for e in extra], constant_values=-jnp.inf)


# ---- pooling with torch's arguments as values: dilation, ceil_mode, count_include_pad,
# divisor_override and return_indices known only at run time (torch/nn/modules/pooling.py passes its
# attributes). Windows are read as strided slices of the padded channels-first input, one per kernel
# offset, so every spatial rank and every argument is exact (tests/runtime/test_pooling.py).


def _pool_sizes(n, k, s, p, d, ceil_mode):
    """torch's pooling_output_shape: the window count along one axis; in ceil mode a last window
    that would start in the right padding is dropped."""
    span = n + 2 * p - d * (k - 1) - 1
    count = (-(-span // s) if ceil_mode else span // s) + 1
    if ceil_mode and (count - 1) * s >= n + p:
        count -= 1
    return count


def _pool_geometry(x, kernel_size, stride, padding, dilation, ceil_mode, spatial):
    kernel = size_tuple(kernel_size, spatial)
    steps = kernel if stride is None or (not isinstance(stride, int) and len(stride) == 0) else size_tuple(stride, spatial)
    pads, dils = size_tuple(padding, spatial), size_tuple(dilation, spatial)
    sizes = x.shape[x.ndim - spatial:]
    counts = tuple(_pool_sizes(n, k, s, p, d, ceil_mode) for n, k, s, p, d in zip(sizes, kernel, steps, pads, dils))
    return kernel, steps, pads, dils, sizes, counts


def _pool_windows(x, fill, kernel, steps, pads, dils, sizes, counts):
    """The padded input's values under each kernel offset: (offset, strided slice) pairs."""
    import jax.numpy as jnp

    spatial = len(kernel)
    high = [max(0, (c - 1) * s + d * (k - 1) + 1 - n - p) for n, k, s, p, d, c in zip(sizes, kernel, steps, pads, dils, counts)]
    padded = jnp.pad(x, [(0, 0)] * (x.ndim - spatial) + [(p, h) for p, h in zip(pads, high)], constant_values=fill)
    lead = (slice(None),) * (x.ndim - spatial)
    for offset in np.ndindex(*kernel):
        window = tuple(slice(o * d, o * d + (c - 1) * s + 1, s) for o, d, c, s in zip(offset, dils, counts, steps))
        yield offset, padded[lead + window]


def max_pool(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False, spatial=2):
    """torch.nn.functional.max_pool1d/2d/3d on channels-first input (a batch axis optional, as torch):
    padding counts as -inf, ``dilation`` spaces the window, ``ceil_mode`` keeps torch's extra window.
    With ``return_indices`` also the flat index of each maximum in its input plane (torch's: the
    first of equal values, a NaN wins), as torch's pair."""
    import jax.numpy as jnp

    kernel, steps, pads, dils, sizes, counts = _pool_geometry(input, kernel_size, stride, padding, dilation, ceil_mode, spatial)
    best, index = None, None
    for offset, values in _pool_windows(input, -jnp.inf, kernel, steps, pads, dils, sizes, counts):
        if not return_indices:
            best = values if best is None else jnp.maximum(best, values)
            continue
        flat, inside = 0, True
        for axis, (o, d, c, s, p, n) in enumerate(zip(offset, dils, counts, steps, pads, sizes)):
            position = np.reshape(np.arange(c) * s + o * d - p, (-1,) + (1,) * (spatial - axis - 1))
            flat, inside = flat * n + position, inside & (position >= 0) & (position < n)
        flat, inside = jnp.asarray(flat), jnp.asarray(inside)  # JAX arrays, combined with traced values below
        if best is None:
            best, index = values, jnp.broadcast_to(jnp.where(inside, flat, -1), values.shape)
            continue
        take = inside & ((values > best) | jnp.isnan(values) | (index < 0))
        best, index = jnp.where(take, values, best), jnp.where(take, flat, index)
    return (best, index) if return_indices else best


def avg_pool(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None,
             spatial=2):
    """torch.nn.functional.avg_pool1d/2d/3d on channels-first input: each window's sum divided by
    ``divisor_override``, else by its size within the padded input (``count_include_pad``, a ceil-mode
    window cut at the padding's end) or within the input alone, as torch divides."""
    kernel, steps, pads, dils, sizes, counts = _pool_geometry(input, kernel_size, stride, padding, 1, ceil_mode, spatial)
    total = None
    for _, values in _pool_windows(input, 0, kernel, steps, pads, dils, sizes, counts):
        total = values if total is None else total + values
    if divisor_override is not None:
        return total / divisor_override
    divisor = np.ones((), dtype=np.int64)
    for n, k, s, p, c in zip(sizes, kernel, steps, pads, counts):
        start = np.arange(c) * s - p
        end = np.minimum(start + k, n + p)
        size = end - start if count_include_pad else np.minimum(end, n) - np.maximum(start, 0)
        divisor = np.multiply.outer(divisor, size)
    return total / divisor


def lp_pool(input, norm_type, kernel_size, stride=None, ceil_mode=False, spatial=2):
    """torch.nn.functional.lp_pool1d/2d as torch computes it: the average of ``x ** p`` over each
    window (no padding), its sign kept and the absolute value taken, times the window size, to the
    power 1 / p."""
    import jax.numpy as jnp

    out = avg_pool(input ** norm_type, kernel_size, stride, 0, ceil_mode, spatial=spatial)
    area = int(np.prod(size_tuple(kernel_size, spatial)))
    return (jnp.sign(out) * jnp.maximum(jnp.abs(out), 0) * area) ** (1.0 / norm_type)



def _unpool_size(shape, kernel, steps, pads, output_size):
    """torch's _unpool_output_size: (n - 1) * stride + kernel - 2 * padding per axis, or the
    ``output_size`` given (its last axes), which must lie within a stride of that."""
    default = [(n - 1) * s + k - 2 * p for n, k, s, p in zip(shape, kernel, steps, pads)]
    if output_size is None:
        return tuple(default)
    size = tuple(output_size)[-len(kernel):] if len(output_size) == len(kernel) + 2 else tuple(output_size)
    if len(size) != len(kernel):
        raise ValueError(f"output_size should be a sequence of {len(kernel)} or {len(kernel) + 2} elements, not {output_size!r}")
    for d, s, n in zip(default, steps, size):
        if not d - s < n < d + s:
            raise ValueError(f"invalid output_size {output_size!r} (dim {n} must be between {d - s} and {d + s})")
    return size


def max_unpool(input, indices, kernel_size, stride=None, padding=0, output_size=None, spatial=2):
    """torch.nn.functional.max_unpool1d/2d/3d on channels-first input: zeros of torch's output size,
    each value written at its flat index in its plane (indices as max_pool's return_indices gives
    them; an index outside the plane, which torch rejects, is dropped by JAX's scatter)."""
    import jax.numpy as jnp

    kernel = size_tuple(kernel_size, spatial)
    steps = kernel if stride is None else size_tuple(stride, spatial)
    size = _unpool_size(input.shape[input.ndim - spatial:], kernel, steps, size_tuple(padding, spatial), output_size)
    lead = input.shape[:input.ndim - spatial]
    values = jnp.reshape(input, (-1, int(np.prod(input.shape[input.ndim - spatial:]))))
    where = (np.arange(values.shape[0])[:, None], jnp.reshape(indices, values.shape))
    planes = jnp.zeros((values.shape[0], int(np.prod(size))), dtype=input.dtype)
    if hasattr(planes, "at"):
        planes = planes.at[where].set(values)
    else:  # numpy arrays (the runtime's tests): the same scatter, in place on a fresh array
        planes[where] = values
    return jnp.reshape(planes, lead + size)

# ---- torch.max / torch.min with a second argument: torch decides by its type, and so do these.
# An int is a dimension: (values, indices) as torch's named tuple (torch.return_types.max), read
# as a pair, by index or by name; a tensor is the other operand of an elementwise maximum/minimum.


def _values_and_indices(name):
    import collections

    return collections.namedtuple(name, ["values", "indices"])


_RESULT_TYPES = {}


def _reduce_or_compare(input, dim, keepdim, name):
    import jax.numpy as jnp

    if not isinstance(dim, (int, np.integer)) or isinstance(dim, bool):
        if keepdim:
            raise TypeError(f"{name}(): keepdim is only taken with an int dim, not with a tensor")
        return (jnp.maximum if name == "max" else jnp.minimum)(input, dim)
    values = (jnp.max if name == "max" else jnp.min)(input, axis=dim, keepdims=keepdim)
    indices = (jnp.argmax if name == "max" else jnp.argmin)(input, axis=dim)
    if keepdim:
        indices = jnp.expand_dims(indices, dim)
    if name not in _RESULT_TYPES:
        _RESULT_TYPES[name] = _values_and_indices(name)
    return _RESULT_TYPES[name](values, indices)


def torch_max(input, dim, keepdim=False):
    """torch.max(input, dim, keepdim) / Tensor.max(dim): the maxima along ``dim`` and the index of
    the first of each (``values``, ``indices``; indices are int32 unless jax_enable_x64 is set,
    where torch's are int64); torch.max(input, other) with a tensor: the elementwise maximum."""
    return _reduce_or_compare(input, dim, keepdim, "max")


def torch_min(input, dim, keepdim=False):
    """torch.min(input, dim, keepdim) / Tensor.min(dim): as ``torch_max``, with minima."""
    return _reduce_or_compare(input, dim, keepdim, "min")


# ---- torch.nn.functional.interpolate: jax.image.resize is not torch's resampling (its cubic
# kernel is Keys' a=-0.5 where torch's is -0.75, it renormalises weights at the border where torch
# repeats the edge, its 'nearest' samples pixel centres, and it scales by out/in where torch uses
# 1/scale_factor when one is given), so the runtime computes torch's source indices and weights
# per axis (static shapes: numpy, at trace time) and gathers with them.

_LINEAR_MODES = {"linear": 1, "bilinear": 2, "trilinear": 3, "bicubic": 2}
_INDEX_MODES = ("nearest", "nearest-exact", "area")


def _output_sizes(shape, size, scale_factor, recompute):
    """torch's output sizes and the scales it resamples with (None: in/out)."""
    spatial = len(shape)
    if size is not None and scale_factor is not None:
        raise ValueError("only one of size or scale_factor should be defined")
    if size is not None:
        if recompute:
            raise ValueError("recompute_scale_factor is not meaningful with an explicit size.")
        sizes = tuple(size) if isinstance(size, (list, tuple)) else (size,) * spatial
        if len(sizes) != spatial:
            raise ValueError(f"size {size!r} needs {spatial} sizes for {spatial} spatial dimensions")
        return tuple(int(s) for s in sizes), (None,) * spatial
    if scale_factor is None:
        raise ValueError("either size or scale_factor should be defined")
    factors = tuple(scale_factor) if isinstance(scale_factor, (list, tuple)) else (scale_factor,) * spatial
    if len(factors) != spatial:
        raise ValueError(f"scale_factor {scale_factor!r} needs {spatial} factors for {spatial} spatial dimensions")
    sizes = tuple(int(np.floor(float(n) * float(f))) for n, f in zip(shape, factors))
    return sizes, (None,) * spatial if recompute else tuple(float(f) for f in factors)


def _resample_scale(n_in, n_out, align_corners, factor, real):
    """torch's area_pixel_compute_scale, in the precision torch computes it."""
    if align_corners:
        return real(n_in - 1) / real(n_out - 1) if n_out > 1 else real(0)
    return real(1.0 / factor) if factor is not None and factor > 0 else real(n_in) / real(n_out)


def _nearest_indices(n_in, n_out, factor, exact):
    """The input index each output index of torch's 'nearest' / 'nearest-exact' reads (float32, as torch)."""
    scale = np.float32(1.0 / factor) if factor is not None and factor > 0 else np.float32(n_in) / np.float32(n_out)
    dst = np.arange(n_out)
    if exact:
        src = np.floor(((dst + 0.5) * np.float64(scale)).astype(np.float32))
    elif n_out == n_in:
        src = dst
    elif n_out == 2 * n_in:
        src = dst >> 1
    else:
        src = np.floor(dst.astype(np.float32) * scale)
    return [(np.minimum(src.astype(np.int64), n_in - 1), None)]


def _cubic_weights(t, a=-0.75):
    """torch's cubic convolution coefficients (A = -0.75) of the taps at floor-1 .. floor+2."""
    def near(x):
        return ((a + 2) * x - (a + 3)) * x * x + 1

    def far(x):
        return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a

    return [far(t + 1), near(t), near(1 - t), far(2 - t)]


def _interpolation_taps(n_in, n_out, mode, align_corners, factor, real):
    """(indices, weights) pairs for one axis: the output is the weighted sum of the gathered inputs."""
    if mode in ("nearest", "nearest-exact"):
        return _nearest_indices(n_in, n_out, factor, mode == "nearest-exact")
    scale = _resample_scale(n_in, n_out, align_corners, factor, real)
    dst = np.arange(n_out).astype(real)
    src = scale * dst if align_corners else scale * (dst + real(0.5)) - real(0.5)
    if mode == "bicubic":
        low = np.floor(src)
        weights = _cubic_weights((src - low).astype(real))
        return [(np.clip(low.astype(np.int64) - 1 + k, 0, n_in - 1), w) for k, w in enumerate(weights)]
    src = np.maximum(src, real(0))
    low = np.minimum(np.floor(src).astype(np.int64), n_in - 1)
    high = np.minimum(low + 1, n_in - 1)
    upper = np.clip(src - low, 0, 1).astype(real)
    return [(low, (real(1) - upper).astype(real)), (high, upper)]


def interpolate(input, size=None, scale_factor=None, mode="nearest", align_corners=None, recompute_scale_factor=None,
                antialias=False):
    """torch.nn.functional.interpolate on channels-first input: 'nearest', 'nearest-exact',
    'linear'/'bilinear'/'trilinear' and 'bicubic' (align_corners True or False), 'area', with
    torch's output sizes and its source coordinates (1/scale_factor when a factor is given and not
    recomputed). Antialiased downsampling (``antialias=True``) is refused."""
    import jax.numpy as jnp

    spatial = input.ndim - 2
    if mode in _INDEX_MODES:
        if align_corners is not None:
            raise ValueError("align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear")
    elif mode in _LINEAR_MODES:
        if _LINEAR_MODES[mode] != spatial:
            raise NotImplementedError(f"Got {input.ndim}D input, but {mode} mode needs {_LINEAR_MODES[mode] + 2}D input")
        align_corners = bool(align_corners)
    else:
        raise NotImplementedError(f"interpolate: mode {mode!r} is not supported")
    if antialias:
        raise NotImplementedError("interpolate: antialias=True is not supported")
    recompute = bool(recompute_scale_factor) or (mode == "area" and size is None)
    sizes, factors = _output_sizes(input.shape[2:], size, scale_factor, recompute)
    if min(sizes) <= 0:
        raise ValueError(f"interpolate: output sizes {sizes} should be greater than 0")
    if mode == "area":
        return _adaptive_pool(input, sizes, jnp.mean, spatial)
    real = np.float64 if input.dtype == np.float64 else np.float32
    x = input
    for axis, n_in, n_out, factor in zip(range(2, input.ndim), input.shape[2:], sizes, factors):
        taps = _interpolation_taps(n_in, n_out, mode, align_corners, factor, real)
        if taps[0][1] is None:
            x = jnp.take(x, taps[0][0], axis=axis)
            continue
        shape = (n_out,) + (1,) * (input.ndim - 1 - axis)
        x = sum(jnp.take(x, indices, axis=axis) * weights.astype(x.dtype).reshape(shape) for indices, weights in taps)
    return x


def torch_assert(condition, message):
    """torch._assert: raises AssertionError(message) when ``condition`` is false. Under jax.jit the
    condition must be static (shapes, Python values); a traced array condition raises JAX's
    concretization error when traced rather than checking silently."""
    if not condition:
        raise AssertionError(message)


# torch's legacy tensor type names (Tensor.type()) by dtype name.
_TORCH_TENSOR_TYPES = {
    "float32": "FloatTensor", "float64": "DoubleTensor", "float16": "HalfTensor", "bfloat16": "BFloat16Tensor",
    "int64": "LongTensor", "int32": "IntTensor", "int16": "ShortTensor", "int8": "CharTensor",
    "uint8": "ByteTensor", "bool": "BoolTensor", "complex64": "ComplexFloatTensor", "complex128": "ComplexDoubleTensor",
}


def typename(o):
    """torch.typename: the name of an object's type, qualified by its module (``collections.OrderedDict``,
    a builtin's bare: ``int``), or for a class or function its own qualified name; an array (numpy or
    JAX) is named as torch names the tensor of its dtype, ``torch.FloatTensor`` (``torch.cuda.FloatTensor``
    on a GPU). JAX computes torch's int64 as int32 unless jax_enable_x64 is set, so the array of a
    LongTensor is then named ``torch.IntTensor``."""
    import sys
    jax = sys.modules.get("jax")
    array_type = getattr(jax, "Array", None) if jax is not None else None
    is_array = isinstance(o, np.ndarray) or (isinstance(array_type, type) and isinstance(o, array_type))
    if is_array and np.dtype(o.dtype).name in _TORCH_TENSOR_TYPES:
        devices = getattr(o, "devices", None)
        on_gpu = callable(devices) and any(getattr(d, "platform", "") == "gpu" for d in devices())
        return ("torch.cuda." if on_gpu else "torch.") + _TORCH_TENSOR_TYPES[np.dtype(o.dtype).name]
    module = ""
    if hasattr(o, "__module__") and o.__module__ not in ("builtins", "__builtin__", None):
        module = o.__module__ + "."
    if hasattr(o, "__qualname__"):
        name = o.__qualname__
    elif hasattr(o, "__name__"):
        name = o.__name__
    else:
        name = o.__class__.__name__
    return module + name


# ---- sliding blocks and sampling on torch's layout: F.unfold / F.fold (im2col and its adjoint)
# and F.grid_sample, written with slices, pads and gathers (JAX has no such functions, and its
# patch extraction orders the patch axis otherwise).


def _block_geometry(spatial, kernel_size, dilation, padding, stride):
    """Each argument of torch's fold/unfold as a tuple per spatial axis (an int is repeated)."""
    return [size_tuple(v, len(spatial)) for v in (kernel_size, dilation, padding, stride)]


def _block_counts(spatial, kernel, dilation, padding, stride):
    """The number of block positions along each spatial axis, as torch counts them."""
    return [(n + 2 * p - d * (k - 1) - 1) // s + 1 for n, k, d, p, s in zip(spatial, kernel, dilation, padding, stride)]


def unfold(input, kernel_size, dilation=1, padding=0, stride=1):
    """torch.nn.functional.unfold: (N, C, H, W) -> (N, C * kh * kw, L), the sliding blocks of the
    zero-padded input as columns; within a column the channel varies slowest, then the kernel row,
    then the kernel column, and the L blocks run row by row. A 3-D input is one unbatched image."""
    import itertools

    import jax.numpy as jnp

    if input.ndim not in (3, 4):
        raise NotImplementedError(f"Input Error: Only 3D or 4D input Tensors are supported (got {input.ndim}D)")
    batched = input.ndim == 4
    x = input if batched else input[None]
    kernel, dilation, padding, stride = _block_geometry(x.shape[2:], kernel_size, dilation, padding, stride)
    counts = _block_counts(x.shape[2:], kernel, dilation, padding, stride)
    x = jnp.pad(x, [(0, 0), (0, 0)] + [(p, p) for p in padding])
    blocks = []
    for offsets in itertools.product(*(range(k) for k in kernel)):
        index = tuple(slice(o * d, o * d + s * (c - 1) + 1, s) for o, d, s, c in zip(offsets, dilation, stride, counts))
        blocks.append(x[(slice(None), slice(None)) + index])
    n, c = x.shape[:2]
    out = jnp.reshape(jnp.stack(blocks, axis=2), (n, c * len(blocks), -1))
    return out if batched else out[0]


def _scatter_strided(values, start, step, length, axis):
    """Places ``values`` along ``axis`` at start, start + step, ... of a zero array of ``length``
    (the adjoint of a strided slice), with pads and reshapes only."""
    import jax.numpy as jnp

    count = values.shape[axis]
    if step > 1:
        values = jnp.expand_dims(values, axis + 1)
        widths = [(0, 0)] * values.ndim
        widths[axis + 1] = (0, step - 1)
        values = jnp.pad(values, widths)
        shape = list(values.shape)
        values = jnp.reshape(values, shape[:axis] + [count * step] + shape[axis + 2:])
        values = jnp.take(values, jnp.arange(step * (count - 1) + 1), axis=axis)
    widths = [(0, 0)] * values.ndim
    widths[axis] = (start, length - start - values.shape[axis])
    return jnp.pad(values, widths)


def fold(input, output_size, kernel_size, dilation=1, padding=0, stride=1):
    """torch.nn.functional.fold: (N, C * kh * kw, L) -> (N, C, *output_size), each column added
    back where unfold took it (overlapping blocks sum), then the padding cut off. A 2-D input is one
    unbatched set of columns."""
    import itertools

    import jax.numpy as jnp

    if input.ndim not in (2, 3):
        raise NotImplementedError(f"Input Error: Only unbatched (2D) or batched (3D) input Tensors are supported (got {input.ndim}D)")
    batched = input.ndim == 3
    x = input if batched else input[None]
    size = size_tuple(output_size, 2)
    kernel, dilation, padding, stride = _block_geometry(size, kernel_size, dilation, padding, stride)
    counts = _block_counts(size, kernel, dilation, padding, stride)
    taps = int(np.prod(kernel))
    n, columns, blocks = x.shape
    if columns % taps or blocks != int(np.prod(counts)):
        raise RuntimeError(f"fold: expected ({taps} * C, {int(np.prod(counts))}) columns and blocks, got {x.shape[1:]}")
    x = jnp.reshape(x, (n, columns // taps, taps, *counts))
    padded = [s + 2 * p for s, p in zip(size, padding)]
    out = 0
    for tap, offsets in enumerate(itertools.product(*(range(k) for k in kernel))):
        part = x[:, :, tap]
        for axis, (o, d, s, length) in enumerate(zip(offsets, dilation, stride, padded)):
            part = _scatter_strided(part, o * d, s, length, axis + 2)
        out = out + part
    out = out[(slice(None), slice(None)) + tuple(slice(p, p + s) for p, s in zip(padding, size))]
    return out if batched else out[0]


def _reflect_coordinates(coord, twice_low, twice_high):
    """torch's reflect_coordinates: a coordinate mirrored into [twice_low / 2, twice_high / 2]."""
    import jax.numpy as jnp

    if twice_low == twice_high:
        return jnp.zeros_like(coord)
    low = twice_low / 2
    span = (twice_high - twice_low) / 2
    coord = jnp.abs(coord - low)
    extra = jnp.fmod(coord, span)
    flips = jnp.floor(coord / span)
    return jnp.where(flips % 2 == 0, extra + low, span - extra + low)


def _padded_coordinates(coord, size, padding_mode, align_corners):
    """torch's compute_coordinates: 'border' clips into the input, 'reflection' mirrors then clips."""
    import jax.numpy as jnp

    if padding_mode == "border":
        return jnp.clip(coord, 0, size - 1)
    if padding_mode == "reflection":
        twice = (0, 2 * (size - 1)) if align_corners else (-1, 2 * size - 1)
        return jnp.clip(_reflect_coordinates(coord, *twice), 0, size - 1)
    return coord


def _sample_taps(coord, size, mode, padding_mode, align_corners, volumetric):
    """(index, weight) pairs along one axis for grid coordinates in [-1, 1]; a weight of None is 1.
    An index outside the input reads zero (the caller masks it), as torch's 'zeros' padding.
    'nearest' rounds ties to even on 4-D input and away from zero on 5-D input, as torch does."""
    import jax.numpy as jnp

    if align_corners:
        coord = (coord + 1) * ((size - 1) / 2)
    else:
        coord = (coord + 1) * (size / 2) - 0.5
    if mode == "bicubic":
        low = jnp.floor(coord)
        taps = []
        for k, weight in enumerate(_cubic_weights(coord - low)):
            where = _padded_coordinates(low - 1 + k, size, padding_mode, align_corners)
            taps.append((where, weight))
        return taps
    coord = _padded_coordinates(coord, size, padding_mode, align_corners)
    if mode == "nearest":
        return [(jnp.sign(coord) * jnp.floor(jnp.abs(coord) + 0.5) if volumetric else jnp.round(coord), None)]
    low = jnp.floor(coord)
    upper = coord - low
    return [(low, 1 - upper), (low + 1, upper)]


_GRID_MODES = ("bilinear", "nearest", "bicubic")
_GRID_PADDINGS = ("zeros", "border", "reflection")


def grid_sample(input, grid, mode="bilinear", padding_mode="zeros", align_corners=None):
    """torch.nn.functional.grid_sample on channels-first input: (N, C, H, W) sampled at grid
    (N, Ho, Wo, 2), whose last axis holds (x, y) in [-1, 1] (x along W); 5-D inputs with (x, y, z)
    grids too. Modes 'bilinear', 'nearest' (ties as torch breaks them) and, for 4-D input, 'bicubic'
    (A = -0.75); padding 'zeros', 'border', 'reflection'; align_corners=None is False, as torch."""
    import itertools

    import jax.numpy as jnp

    if mode not in _GRID_MODES:
        raise ValueError(f"grid_sample(): expected mode to be 'bilinear', 'nearest' or 'bicubic', but got: '{mode}'")
    if padding_mode not in _GRID_PADDINGS:
        raise ValueError(f"grid_sample(): expected padding_mode to be 'zeros', 'border', or 'reflection', but got: '{padding_mode}'")
    spatial = input.shape[2:]
    if input.ndim not in (4, 5) or grid.ndim != input.ndim or grid.shape[-1] != len(spatial):
        raise ValueError(f"grid_sample(): expected a 4-D or 5-D input and a grid of its rank ending in {input.ndim - 2}")
    if mode == "bicubic" and input.ndim != 4:
        raise ValueError("grid_sample(): bicubic interpolation only supports 4D input")
    align_corners = bool(align_corners)
    per_axis = [_sample_taps(grid[..., len(spatial) - 1 - axis], n, mode, padding_mode, align_corners, input.ndim == 5)
                for axis, n in enumerate(spatial)]
    values = jnp.moveaxis(input, 1, -1)
    batch = jnp.reshape(jnp.arange(input.shape[0]), (-1,) + (1,) * (grid.ndim - 2))
    out = 0
    for taps in itertools.product(*per_axis):
        inside = True
        weight = 1
        indices = []
        for (where, w), n in zip(taps, spatial):
            index = where.astype(np.int32) if mode == "bicubic" else where
            inside = inside & (index >= 0) & (index <= n - 1)
            indices.append(jnp.clip(index, 0, n - 1).astype(np.int32))
            weight = weight if w is None else weight * w
        weight = jnp.where(inside, weight, 0).astype(input.dtype)
        out = out + values[(batch, *indices)] * weight[..., None]
    return jnp.moveaxis(out, -1, 1)


# ---- the data-pipeline boundary: torch's DataLoader, datasets and transforms stay the data
# source (docs/data.md); their batches reach the converted code as numpy arrays.


def _is_tensor(value):
    return hasattr(value, "detach") and hasattr(value, "numpy")


def _as_numpy(value, tensors=True):
    if isinstance(value, np.ndarray):
        return value
    if _is_tensor(value):
        return value.detach().cpu().numpy() if tensors else value
    if hasattr(value, "__array__") and hasattr(value, "shape"):  # a JAX array
        return np.asarray(value)
    return value


def numpy_tree(tree, tensors=True):
    """``tree`` with every array in its tuples, lists and dicts as a numpy array (torch tensors
    too unless ``tensors`` is false; other leaves, such as strings and numbers, as they are)."""
    if isinstance(tree, dict):
        return type(tree)((key, numpy_tree(value, tensors)) for key, value in tree.items())
    if isinstance(tree, tuple) and hasattr(tree, "_fields"):  # a namedtuple
        return type(tree)(*(numpy_tree(value, tensors) for value in tree))
    if isinstance(tree, (list, tuple)):
        return type(tree)(numpy_tree(value, tensors) for value in tree)
    return _as_numpy(tree, tensors)


class NumpyCollate:
    """A ``collate_fn`` for torch's DataLoader that hands out numpy batches: the samples' JAX
    arrays become numpy first (so samples computed with jax.numpy collate too), then ``collate_fn``
    (torch's ``default_collate`` when None) stacks them, then the batch's tensors become numpy.
    A class, not a closure, so DataLoader workers can pickle it."""

    def __init__(self, collate_fn=None):
        self.collate_fn = collate_fn

    def __call__(self, batch):
        collate = self.collate_fn
        if collate is None:
            from torch.utils.data import default_collate

            collate = default_collate
        return numpy_tree(collate(numpy_tree(batch, tensors=False)))


def to_torch(value):
    """A JAX or numpy array as a torch tensor (a copy, on the CPU), for torch code of the data
    pipeline that takes tensors (``torchvision.utils.save_image``)."""
    import torch

    return torch.from_numpy(np.array(value))
