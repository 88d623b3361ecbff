#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check what the metainfo says beyond what appstreamcli validates.

Usage: check-metainfo.py METAINFO SCREENSHOT-DIR

The description must name each part of the app a creator uses (so that it is
updated when the app grows), and every screenshot must be an image in
SCREENSHOT-DIR, where tools/make-screenshots writes what `creatorops --screenshot`
makes: a PNG of a window, not a blank frame.
"""
import os
import struct
import sys
import xml.etree.ElementTree as ET
import zlib

# What the app does, as the description must say it.
FEATURES = ['vault', 'Search', 'Media view', 'Silences', 'loudness', 'Suggested cuts',
            'Subtitles', 'subtitles panel', 'Premiere Pro', 'Final Cut Pro',
            'YouTube chapters', 'ProRes', 'drafts', 'calendar', 'Publishing', 'outbox',
            'cloud mirror', 'creatorops-cli']


def png_pixels(path):
    """The width, height and RGB(A) rows of an 8-bit PNG without interlacing."""
    with open(path, 'rb') as f:
        data = f.read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('not a PNG file')
    pos, idat, header = 8, b'', None
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            header = struct.unpack('>IIBBBBB', chunk)
        elif kind == b'IDAT':
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f'unexpected PNG format (depth {depth}, colour type {colour})')
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, bpp, rows


def check_screenshot(path):
    try:
        width, height, bpp, rows = png_pixels(path)
    except (OSError, ValueError, TypeError, zlib.error) as e:
        return [f'{path}: not a readable PNG: {e}']
    problems = []
    if width < 640 or height < 360:
        problems.append(f'{path}: {width}×{height} is smaller than a window of 640×360')
    counts = {}
    for row in rows[::4]:
        for x in range(0, width * bpp, bpp * 4):
            key = bytes(row[x:x + 3])
            counts[key] = counts.get(key, 0) + 1
    if max(counts.values()) > 0.99 * sum(counts.values()):
        problems.append(f'{path}: the image is blank')
    return problems


def check(metainfo, shots):
    try:
        root = ET.parse(metainfo).getroot()
    except (ET.ParseError, OSError) as e:
        return [f'{metainfo}: cannot read it: {e}']
    problems = []
    description = ' '.join(root.find('description').itertext())
    for feature in FEATURES:
        if feature not in description:
            problems.append(f'{metainfo}: the description does not mention “{feature}”')
    images = [i.text.strip() for i in root.iter('image')]
    if len(images) < 3:
        problems.append(f'{metainfo}: {len(images)} screenshots, expected the vault, the'
                        ' Media view and the subtitles panel at least')
    for url in images:
        path = os.path.join(shots, os.path.basename(url))
        if not os.path.exists(path):
            problems.append(f'{metainfo}: screenshot {url} is not in {shots}')
        else:
            problems += check_screenshot(path)
    return problems


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    problems = check(*sys.argv[1:])
    for p in problems:
        print(p, file=sys.stderr)
    print(f'{sys.argv[1]}: {len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
