#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the app icons: well-formed SVG, the right canvas, symbolic icons in one colour.

Usage: check-icons.py SVG...

A full-colour app icon is drawn on a 128×128 canvas and a symbolic one (file name
ending in -symbolic.svg) on 16×16, as the GNOME icon guidelines ask; a symbolic icon
is recoloured by GTK, so it may use only one fill colour.
"""
import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'


def check(path):
    problems = []
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        return [f'{path}: not a readable SVG file: {e}']
    if root.tag != SVG + 'svg':
        return [f'{path}: the root element is {root.tag}, not an SVG element']
    symbolic = path.endswith('-symbolic.svg')
    size = '16' if symbolic else '128'
    for attr in ('width', 'height'):
        if root.get(attr) != size:
            problems.append(f'{path}: {attr} is {root.get(attr)}, expected {size}')
    if root.get('viewBox') != f'0 0 {size} {size}':
        problems.append(f'{path}: viewBox is {root.get("viewBox")}, expected 0 0 {size} {size}')
    drawn = [e for e in root.iter() if e.tag in (SVG + 'path', SVG + 'rect', SVG + 'circle')]
    if not drawn:
        problems.append(f'{path}: draws nothing')
    if symbolic:
        colours = {e.get('fill') for e in drawn if e.get('fill') not in (None, 'none')}
        if len(colours) > 1:
            problems.append(f'{path}: a symbolic icon uses several colours: {sorted(colours)}')
        if any(re.search(r'url\(', e.get('fill') or '') for e in drawn):
            problems.append(f'{path}: a symbolic icon uses a gradient')
    return problems


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = [p for path in sys.argv[1:] for p in check(path)]
    for p in problems:
        print(p, file=sys.stderr)
    print(f'{len(sys.argv) - 1} icons checked, {len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
