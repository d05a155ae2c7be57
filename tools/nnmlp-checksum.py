#!/usr/bin/env python3
"""nnmlp-checksum.py - rewrite the checksum line of an nn_mlp model file after an edit.

    tools/nnmlp-checksum.py FILE...

The nn_mlp format (lib/mlp_file.c) ends with "checksum <16 hex digits>", the FNV-1a 64
hash of every byte before that line. A test input that must get past the checksum to
reach a later check (a wrong shape, an unusable label set) is written by hand, then
sealed with this script. Only needed to make such inputs; the tests never run it.
"""
import sys


def fnv1a(data: bytes) -> int:
    h = 0xcbf29ce484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


for path in sys.argv[1:]:
    with open(path, "rb") as f:
        text = f.read()
    body = text
    cut = text.rfind(b"\nchecksum ")
    if cut >= 0:
        body = text[: cut + 1]
    elif text.startswith(b"checksum "):
        body = b""
    with open(path, "wb") as f:
        f.write(body + b"checksum %016x\n" % fnv1a(body))
