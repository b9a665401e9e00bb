#!/usr/bin/python3
"""Export PyTorch weights to a NoteGuard model file (.ngm).

The writer here is an independent implementation of docs/model-format.md: a 32-byte little-endian preamble,
a UTF-8 JSON header (kind, labels, free-form header, tensor directory), 64-byte-aligned tensor data and a
trailing SHA-256 over everything before it. Tensor names stay PyTorch's dotted state_dict names
("features.0.weight", "bn1.running_mean"); NoteGuard's engine loads parameters by these names.

Loading is safe by default: torch.load(weights_only=True) accepts only tensors and plain containers.
A whole pickled nn.Module needs --allow-pickle, which runs the pickle's code: use it only on files you trust.

Examples:
  export_pytorch_model.py model.pt model.ngm --kind nn/compact-cnn --labels 5,10,20,50
  export_pytorch_model.py ckpt.pth model.ngm --kind nn/compact-cnn --module-file arch.py --arch CompactCnn \\
      --arch-kwargs '{"classes": 4}' --header-json training.json
"""

import argparse
import hashlib
import importlib.util
import json
import os
import struct
import sys
import tempfile

import numpy as np

MAGIC = b"NGMODEL\0"
FORMAT_VERSION = 1
PREAMBLE_SIZE = 32
ALIGNMENT = 64
CHECKSUM_SIZE = 32
MAX_NAME_LENGTH = 1024
MAX_KIND_LENGTH = 256
MAX_RANK = 32

# NoteGuard dtype name -> numpy little-endian dtype.
DTYPES = {
    "float32": np.dtype("<f4"),
    "float64": np.dtype("<f8"),
    "int32": np.dtype("<i4"),
    "int64": np.dtype("<i8"),
    "uint8": np.dtype("u1"),
}


class ModelFileError(ValueError):
    """Raised when a model file cannot be written or read."""


def _align(value):
    return (value + ALIGNMENT - 1) // ALIGNMENT * ALIGNMENT


def _check_text(text, what, max_length, allow_empty=False):
    if not isinstance(text, str):
        raise ModelFileError(f"{what} must be a string, got {type(text).__name__}")
    if not text and not allow_empty:
        raise ModelFileError(f"{what} is empty")
    if len(text.encode("utf-16-le", "surrogatepass")) // 2 > max_length:
        raise ModelFileError(f"{what} {text[:40]!r}... is longer than {max_length} characters")
    for i, ch in enumerate(text):
        code = ord(ch)
        if code < 0x20 or 0x7F <= code <= 0x9F:
            raise ModelFileError(f"{what} {text!r} contains control character U+{code:04X} at index {i}")
        if 0xD800 <= code <= 0xDFFF:
            raise ModelFileError(f"{what} {text!r} contains an unpaired surrogate at index {i}")


def _dtype_name(array):
    for name, dtype in DTYPES.items():
        if array.dtype.kind == dtype.kind and array.dtype.itemsize == dtype.itemsize:
            return name
    raise ModelFileError(f"dtype {array.dtype} is not storable (float32, float64, int32, int64, uint8)")


def write_model_file(path, kind, tensors, labels=(), header=None):
    """Write a NoteGuard model file atomically.

    tensors: iterable of (name, numpy array); order is kept. labels: class labels in output order.
    header: a JSON-serialisable dict (architecture, preprocessing, metrics, provenance...).
    Returns the number of bytes written.
    """
    _check_text(kind, "kind", MAX_KIND_LENGTH)
    labels = list(labels)
    for i, label in enumerate(labels):
        _check_text(label, f"label {i}", MAX_NAME_LENGTH, allow_empty=True)
    if len(set(labels)) != len(labels):
        raise ModelFileError("labels must be distinct")
    header = {} if header is None else header
    if not isinstance(header, dict):
        raise ModelFileError("header must be a dict")

    directory = []
    blobs = []
    cursor = 0
    seen = set()
    for name, array in tensors:
        _check_text(name, "tensor name", MAX_NAME_LENGTH)
        if name in seen:
            raise ModelFileError(f"tensor name {name!r} occurs twice")
        seen.add(name)
        array = np.asarray(array)
        if array.ndim > MAX_RANK:
            raise ModelFileError(f"tensor {name!r} has {array.ndim} dimensions; at most {MAX_RANK} are allowed")
        dtype = _dtype_name(array)
        # Row-major, little-endian bytes; tobytes() of a C-ordered copy keeps NaN payloads and signed zeros.
        data = np.ascontiguousarray(array, dtype=DTYPES[dtype]).tobytes(order="C")
        directory.append({
            "name": name,
            "dtype": dtype,
            "shape": [int(d) for d in array.shape],
            "offset": cursor,
            "length": len(data),
        })
        blobs.append((cursor, data))
        cursor = _align(cursor + len(data))
    data_length = cursor

    document = {"kind": kind, "labels": labels, "header": header, "tensors": directory}
    header_bytes = json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    data_start = _align(PREAMBLE_SIZE + len(header_bytes))

    body = bytearray(data_start + data_length)
    struct.pack_into("<8sIIQQ", body, 0, MAGIC, FORMAT_VERSION, 0, len(header_bytes), data_length)
    body[PREAMBLE_SIZE:PREAMBLE_SIZE + len(header_bytes)] = header_bytes
    for offset, data in blobs:
        body[data_start + offset:data_start + offset + len(data)] = data
    body += hashlib.sha256(body).digest()

    directory_name = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=directory_name)
    try:
        # mkstemp creates the file owner-only; give it the permissions a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return len(body)


def read_model_file(path):
    """Read and validate a NoteGuard model file; returns (kind, labels, header, [(name, numpy array)])."""
    with open(path, "rb") as handle:
        blob = handle.read()
    if len(blob) < ALIGNMENT + CHECKSUM_SIZE or blob[:8] != MAGIC:
        raise ModelFileError(f"{path}: not a NoteGuard model file or truncated")
    _, version, flags, header_length, data_length = struct.unpack_from("<8sIIQQ", blob, 0)
    if version > FORMAT_VERSION:
        raise ModelFileError(f"{path}: written by a newer NoteGuard (format version {version})")
    if version == 0 or flags != 0:
        raise ModelFileError(f"{path}: bad version {version} or flags {flags:#x}")
    data_start = _align(PREAMBLE_SIZE + header_length)
    if header_length > len(blob) or data_length % ALIGNMENT or data_start + data_length + CHECKSUM_SIZE != len(blob):
        raise ModelFileError(f"{path}: lengths in the preamble do not match the file size {len(blob)}")
    if hashlib.sha256(blob[:-CHECKSUM_SIZE]).digest() != blob[-CHECKSUM_SIZE:]:
        raise ModelFileError(f"{path}: SHA-256 checksum mismatch")
    document = json.loads(blob[PREAMBLE_SIZE:PREAMBLE_SIZE + header_length].decode("utf-8"))
    tensors = []
    for entry in document["tensors"]:
        dtype = DTYPES[entry["dtype"]]
        count = int(np.prod(entry["shape"], dtype=np.int64)) if entry["shape"] else 1
        if count * dtype.itemsize != entry["length"] or entry["offset"] % ALIGNMENT:
            raise ModelFileError(f"{path}: tensor {entry['name']!r} has an inconsistent directory entry")
        if entry["offset"] + entry["length"] > data_length:
            raise ModelFileError(f"{path}: tensor {entry['name']!r} lies outside the data section")
        start = data_start + entry["offset"]
        array = np.frombuffer(blob, dtype=dtype, count=count, offset=start).reshape(entry["shape"])
        tensors.append((entry["name"], array.copy()))
    return document["kind"], document.get("labels", []), document.get("header", {}), tensors


def _torch_array(name, tensor, conversions):
    """A numpy copy of a torch tensor in a storable dtype; widening conversions are recorded, never silent."""
    import torch

    tensor = tensor.detach().cpu().contiguous()
    widen = {
        torch.float16: torch.float32,
        torch.bfloat16: torch.float32,
        torch.bool: torch.uint8,
        torch.int8: torch.int32,
        torch.int16: torch.int32,
    }
    if tensor.dtype in widen:
        target = widen[tensor.dtype]
        conversions[name] = f"{str(tensor.dtype).replace('torch.', '')}->{str(target).replace('torch.', '')}"
        tensor = tensor.to(target)
    if tensor.is_complex() or tensor.is_quantized or tensor.is_sparse:
        raise ModelFileError(f"tensor {name!r} of dtype {tensor.dtype} cannot be stored")
    return tensor.numpy()


def state_dict_to_tensors(state_dict, keep_num_batches_tracked=False, strip_prefix=None, renames=()):
    """Map a PyTorch state_dict to [(NoteGuard name, numpy array)] plus a record of what was changed.

    Names are PyTorch's dotted names. BatchNorm's num_batches_tracked only matters for training with
    momentum=None, so it is dropped unless keep_num_batches_tracked (then stored as int64).
    strip_prefix removes a leading prefix such as "module." (DataParallel); renames are (old_prefix, new_prefix).
    """
    tensors = []
    dropped = []
    conversions = {}
    keys = list(state_dict.keys())
    if strip_prefix is None and keys and all(k.startswith("module.") for k in keys):
        strip_prefix = "module."
    for key in keys:
        value = state_dict[key]
        name = key[len(strip_prefix):] if strip_prefix and key.startswith(strip_prefix) else key
        for old, new in renames:
            if name.startswith(old):
                name = new + name[len(old):]
                break
        if name.endswith("num_batches_tracked") and not keep_num_batches_tracked:
            dropped.append(key)
            continue
        if not hasattr(value, "detach"):
            raise ModelFileError(f"state_dict entry {key!r} is a {type(value).__name__}, not a tensor")
        tensors.append((name, _torch_array(name, value, conversions)))
    return tensors, dropped, conversions


def _load_module_class(module_file, arch):
    spec = importlib.util.spec_from_file_location("noteguard_export_arch", module_file)
    if spec is None or spec.loader is None:
        raise ModelFileError(f"cannot import {module_file}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not hasattr(module, arch):
        raise ModelFileError(f"{module_file} defines no {arch!r}")
    return getattr(module, arch)


def load_state_dict(path, allow_pickle=False):
    """Load a state_dict from .pt/.pth: a bare state_dict, a checkpoint dict holding one, or (with
    allow_pickle) a pickled nn.Module."""
    import torch

    try:
        obj = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # the safe unpickler refuses anything but tensors and containers
        if not allow_pickle:
            raise ModelFileError(
                f"{path} holds more than tensors (a pickled module?); re-run with --allow-pickle only if you trust it: {error}"
            ) from error
        obj = torch.load(path, map_location="cpu", weights_only=False)
    if isinstance(obj, torch.nn.Module):
        return obj.state_dict()
    if isinstance(obj, dict):
        for key in ("state_dict", "model_state_dict", "model"):
            if key in obj and isinstance(obj[key], dict):
                return obj[key]
        return obj
    raise ModelFileError(f"{path} holds a {type(obj).__name__}, not a state_dict")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", help="PyTorch .pt/.pth file (state_dict, checkpoint dict or, with --allow-pickle, a module)")
    parser.add_argument("output", help="NoteGuard model file to write (.ngm)")
    parser.add_argument("--kind", required=True, help="model kind, e.g. nn/compact-cnn")
    parser.add_argument("--labels", help="comma-separated class labels in output order")
    parser.add_argument("--labels-file", help="file with one class label per line")
    parser.add_argument("--header-json", help="JSON file whose object becomes the model header")
    parser.add_argument("--module-file", help="Python file defining the architecture (checks the weights fit it)")
    parser.add_argument("--arch", help="class name in --module-file to instantiate")
    parser.add_argument("--arch-kwargs", default="{}", help="JSON object of constructor arguments for --arch")
    parser.add_argument("--keep-num-batches-tracked", action="store_true", help="store BatchNorm num_batches_tracked as int64")
    parser.add_argument("--strip-prefix", help="remove this prefix from every name (default: 'module.' when all names have it)")
    parser.add_argument("--rename", action="append", default=[], metavar="OLD=NEW", help="replace a name prefix (repeatable)")
    parser.add_argument("--allow-pickle", action="store_true", help="allow full pickle loading (executes code from the file)")
    args = parser.parse_args(argv)

    import torch

    state_dict = load_state_dict(args.input, allow_pickle=args.allow_pickle)
    header = {}
    if args.header_json:
        with open(args.header_json, encoding="utf-8") as handle:
            header = json.load(handle)
        if not isinstance(header, dict):
            raise ModelFileError(f"{args.header_json} must hold a JSON object")

    if args.module_file or args.arch:
        if not (args.module_file and args.arch):
            raise ModelFileError("--module-file and --arch go together")
        arch_kwargs = json.loads(args.arch_kwargs)
        model = _load_module_class(args.module_file, args.arch)(**arch_kwargs)
        model.load_state_dict(state_dict, strict=True)  # names and shapes must fit the architecture exactly
        state_dict = model.state_dict()
        header.setdefault("architecture", {"name": args.arch, "arguments": arch_kwargs})

    renames = []
    for item in args.rename:
        old, sep, new = item.partition("=")
        if not sep:
            raise ModelFileError(f"--rename {item!r} is not OLD=NEW")
        renames.append((old, new))
    tensors, dropped, conversions = state_dict_to_tensors(
        state_dict, args.keep_num_batches_tracked, args.strip_prefix, renames)

    labels = []
    if args.labels:
        labels = args.labels.split(",")
    if args.labels_file:
        with open(args.labels_file, encoding="utf-8") as handle:
            labels = [line.rstrip("\r\n") for line in handle if line.strip()]

    provenance = header.setdefault("provenance", {})
    provenance.update({
        "exporter": "scripts/export_pytorch_model.py",
        "source_format": "pytorch-state-dict",
        "source_file": os.path.basename(args.input),
        "torch_version": torch.__version__.split("+")[0],
    })
    if dropped:
        provenance["dropped"] = dropped
    if conversions:
        provenance["converted"] = conversions

    size = write_model_file(args.output, args.kind, tensors, labels, header)
    kind, _, _, back = read_model_file(args.output)
    for (name, array), (name_back, array_back) in zip(tensors, back):
        if name != name_back or array.tobytes() != array_back.tobytes():
            raise ModelFileError(f"verification failed for tensor {name!r}")
    print(f"wrote {args.output}: {kind}, {len(tensors)} tensors, {len(labels)} labels, {size} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ModelFileError as failure:
        print(f"error: {failure}", file=sys.stderr)
        sys.exit(2)
