#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that a PNG screenshot shows something: not one flat colour.

Usage: png-nonblank.py [--min-fraction F] FILE
       png-nonblank.py [--min-fraction F] --run FILE -- COMMAND [ARG...]

With --run, COMMAND (for example `creatorops --screenshot FILE`) is run first and
must succeed and write FILE.  The check passes when more than F (default 0.01) of the
pixels differ from the most common colour: a rendered window scores about 0.14, a
black or empty frame 0.  Only the standard library is used, so this runs on a bare CI
machine; it reads 8-bit, non-interlaced PNGs (what GdkTexture writes).
"""
import collections
import os
import struct
import subprocess
import sys
import zlib

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


class PngError(Exception):
    pass


def read_png(path):
    """Returns (width, height, channels, rows of bytes) of an 8-bit PNG."""
    with open(path, 'rb') as f:
        data = f.read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise PngError('not a PNG file')
    pos, idat, header = 8, [], None
    while pos + 8 <= len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if len(chunk) != length:
            raise PngError('the file is truncated')
        if kind == b'IHDR':
            header = struct.unpack('>IIBBBBB', chunk)
        elif kind == b'IDAT':
            idat.append(chunk)
        elif kind == b'IEND':
            break
        pos += 12 + length
    if header is None or not idat:
        raise PngError('no image header or no image data')
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in CHANNELS or interlace:
        raise PngError(f'unsupported PNG (depth {depth}, colour type {colour}, '
                       f'interlace {interlace})')
    try:
        raw = zlib.decompress(b''.join(idat))
    except zlib.error as e:
        raise PngError(f'corrupt image data: {e}') from e
    return width, height, CHANNELS[colour], unfilter(raw, width, height, CHANNELS[colour])


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def unfilter(raw, width, height, bpp):
    stride = width * bpp
    if len(raw) < height * (stride + 1):
        raise PngError('the image data is shorter than its size says')
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind > 4:
            raise PngError(f'row {y} has an unknown filter type {kind}')
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            line[x] = (line[x] + (0, a, b, (a + b) // 2, paeth(a, b, c))[kind]) & 0xff
        rows.append(bytes(line))
        prev = line
    return rows


def busy_fraction(width, height, bpp, rows):
    counts = collections.Counter()
    for row in rows:
        counts.update(row[i:i + bpp] for i in range(0, width * bpp, bpp))
    common = counts.most_common(1)[0][1]
    return 1.0 - common / (width * height)


def main(argv):
    min_fraction, run, command = 0.01, False, None
    if '--' in argv:
        command = argv[argv.index('--') + 1:]
        argv = argv[:argv.index('--')]
    if argv[:1] == ['--min-fraction']:
        min_fraction, argv = float(argv[1]), argv[2:]
    if argv[:1] == ['--run']:
        run, argv = True, argv[1:]
    if len(argv) != 1 or (run and not command):
        print(__doc__, file=sys.stderr)
        return 2
    path = argv[0]
    if run:
        if os.path.exists(path):
            os.unlink(path)
        rc = subprocess.run(command, stdin=subprocess.DEVNULL).returncode
        if rc != 0:
            print(f'{command[0]} exited with {rc}', file=sys.stderr)
            return 1
    try:
        width, height, bpp, rows = read_png(path)
    except (OSError, PngError) as e:
        print(f'{path}: {e}', file=sys.stderr)
        return 1
    fraction = busy_fraction(width, height, bpp, rows)
    verdict = 'ok' if fraction > min_fraction else 'blank'
    print(f'{path}: {width}x{height}, {fraction:.1%} of pixels differ from the most '
          f'common colour: {verdict}')
    return 0 if fraction > min_fraction else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
