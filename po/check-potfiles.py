#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that po/POTFILES.in lists exactly the files that hold translatable strings.

Usage: check-potfiles.py SOURCE_ROOT

A source file with _("…") strings that is not listed is silently left untranslated;
a listed file that was removed breaks `meson compile creatorops-pot`.  Files named in
po/POTFILES.skip are ignored.
"""
import os
import re
import sys

C_MARKERS = re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"')
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true)"')
DATA_SUFFIXES = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml')


def listed(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding='utf-8') as f:
        return [l.strip() for l in f if l.strip() and not l.lstrip().startswith('#')]


def has_strings(root, rel):
    with open(os.path.join(root, rel), encoding='utf-8', errors='replace') as f:
        text = f.read()
    if rel.endswith('.c'):
        return C_MARKERS.search(text) is not None
    if rel.endswith('.ui'):
        return UI_MARKER.search(text) is not None
    return rel.endswith(DATA_SUFFIXES)


def candidates(root):
    for top in ('src', 'ui', 'data'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                rel = os.path.relpath(os.path.join(dirpath, name), root)
                if rel.endswith(('.c', '.ui') + DATA_SUFFIXES) and has_strings(root, rel):
                    yield rel


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = sys.argv[1]
    potfiles = listed(os.path.join(root, 'po', 'POTFILES.in'))
    skip = set(listed(os.path.join(root, 'po', 'POTFILES.skip')))
    problems = []
    for rel in potfiles:
        if not os.path.isfile(os.path.join(root, rel)):
            problems.append(f'po/POTFILES.in lists {rel}, which does not exist')
    for rel in candidates(root):
        if rel not in potfiles and rel not in skip:
            problems.append(f'{rel} has translatable strings but is not in po/POTFILES.in')
    for p in problems:
        print(p, file=sys.stderr)
    print(f'{len(potfiles)} files listed, {len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
