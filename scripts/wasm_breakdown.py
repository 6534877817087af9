#!/usr/bin/env python3
"""Where the wasm's bytes go: code size per crate (and the largest
functions), read from a release build that keeps its name section.

Usage: wasm_breakdown.py FILE.wasm [TOP_N]

Sizes are of function bodies before wasm-bindgen and wasm-opt, so they add up
to more than the shipped file; the proportions are what matter. A generic
function is counted under the crate that defines it, whoever instantiates it
(a Leptos view built in this crate counts as tachys/leptos).
"""
import re
import sys
from collections import Counter


def leb(buf, i):
    result = shift = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, i


def sections(buf):
    i = 8
    while i < len(buf):
        sid = buf[i]
        size, j = leb(buf, i + 1)
        yield sid, buf[j:j + size]
        i = j + size


def count_imported_functions(body):
    n, i = leb(body, 0)
    funcs = 0
    for _ in range(n):
        for _ in range(2):  # module, name
            ln, i = leb(body, i)
            i += ln
        kind = body[i]
        i += 1
        if kind == 0:
            _, i = leb(body, i)
            funcs += 1
        elif kind == 1:
            i += 1
            flags, i = leb(body, i)
            _, i = leb(body, i)
            if flags & 1:
                _, i = leb(body, i)
        elif kind == 2:
            flags, i = leb(body, i)
            _, i = leb(body, i)
            if flags & 1:
                _, i = leb(body, i)
        elif kind == 3:
            i += 2
    return funcs


def function_names(body):
    names = {}
    i = 0
    while i < len(body):
        sub = body[i]
        size, j = leb(body, i + 1)
        if sub == 1:
            n, k = leb(body, j)
            for _ in range(n):
                idx, k = leb(body, k)
                ln, k = leb(body, k)
                names[idx] = body[k:k + ln].decode("utf-8", "replace")
                k += ln
        i = j + size
    return names


def read_name(buf, i):
    ln, i = leb(buf, i)
    return buf[i:i + ln].decode("utf-8", "replace"), i + ln


def demangle_path(name):
    """The path segments of a Rust symbol (legacy `_ZN..E` or already plain)."""
    if name.startswith("_ZN"):
        i, parts = 3, []
        while i < len(name) and name[i].isdigit():
            m = re.match(r"\d+", name[i:])
            n = int(m.group())
            i += len(m.group())
            parts.append(name[i:i + n])
            i += n
        return [p for p in parts if not re.fullmatch(r"h[0-9a-f]{16}", p)]
    return re.split(r"::", name)


def crate_of(name):
    # v0 mangling (`_RNv…Cs<hash>_4core3fmt…`, used by the prebuilt std):
    # the first crate root named in the symbol.
    if name.startswith("_R"):
        m = re.search(r"C[sr]?[0-9a-zA-Z]*_(\d+)", name)
        if m:
            start = m.end()
            return name[start:start + int(m.group(1))]
    parts = demangle_path(name)
    first = parts[0] if parts else name
    # `<Type as Trait>` impls: the type's crate, or the trait's when the
    # type is a bare generic parameter (`<T as tachys::view::IntoAny>`).
    m = re.match(r"_?\$LT\$(?:\$RF\$)?(?:mut\$u20\$)?(\w+?)(?:\.\.|\$u20\$as\$u20\$(\w+?)\.\.|\$)", first)
    if m:
        first = m.group(2) if m.group(2) and not re.fullmatch(r"[a-z_][a-z0-9_]*", m.group(1)) else m.group(1)
    return first if re.fullmatch(r"[a-z_][a-z0-9_]*", first) else "(other)"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    buf = open(path, "rb").read()
    imported = 0
    bodies = []
    names = {}
    data_bytes = 0
    for sid, body in sections(buf):
        if sid == 2:
            imported = count_imported_functions(body)
        elif sid == 10:
            n, i = leb(body, 0)
            for _ in range(n):
                size, j = leb(body, i)
                bodies.append(size + (j - i))
                i = j + size
        elif sid == 11:
            data_bytes = len(body)
        elif sid == 0:
            nm, i = read_name(body, 0)
            if nm == "name":
                names = function_names(body[i:])
    if not names:
        sys.exit(f"{path} has no name section: build with strip = false")
    per_crate = Counter()
    funcs = []
    for k, size in enumerate(bodies):
        name = names.get(imported + k, f"func{imported + k}")
        per_crate[crate_of(name)] += size
        funcs.append((size, name))
    code = sum(bodies)
    print(f"code {code / 1024:.1f} KB in {len(bodies)} functions; data {data_bytes / 1024:.1f} KB")
    print(f"{'crate':<28}{'code':>10}{'share':>8}")
    for crate, size in per_crate.most_common(top):
        print(f"{crate:<28}{size / 1024:>8.1f}KB{100 * size / code:>7.1f}%")
    print(f"\nlargest functions:")
    for size, name in sorted(funcs, reverse=True)[:top]:
        plain = "::".join(demangle_path(name))[:110]
        print(f"{size / 1024:>8.1f}KB  {plain}")


if __name__ == "__main__":
    main()
