#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that the compiled GSettings schema loads and has the keys the app reads.

Usage: check-schema-keys.py GSETTINGS SCHEMA_DIR SCHEMA_ID

The expected keys and defaults are the contract between the schema and the code
(analysis, subtitles, exports and the window all read them): a renamed key or a
changed default must be changed here on purpose, not by accident.
"""
import os
import subprocess
import sys

EXPECTED = {
    'window-width': '1100',
    'window-height': '720',
    'window-maximized': 'false',
    'sidebar-section': "'vault'",
    'vault-sort': "'newest'",
    'vault-type-filter': "'all'",
    'color-scheme': "'follow'",
    'analysis-threshold-db': '-35.0',
    'analysis-min-silence': '0.3',
    'analysis-padding': '0.1',
    'analysis-keep-pauses-over': '0.0',
    'subtitle-max-chars': '42',
    'subtitle-max-lines': '2',
    'subtitle-max-cps': '17.0',
    'export-fps': "'30'",
    'missed-posts': "'ask'",
    'metrics-pull-interval': '360',
    'trends-half-life-days': '7.0',
    'trends-archive-threshold': '1.0',
    'max-concurrent-jobs': '2',
    'instagram-hashtag-limit': '5',
    'api-base-x': "''",
    'api-base-linkedin': "''",
    'api-base-youtube': "''",
    'api-base-youtube-upload': "''",
    'api-base-instagram': "''",
    'api-base-oauth-x': "''",
    'api-base-oauth-linkedin': "''",
    'api-base-oauth-instagram': "''",
    'api-base-oauth-youtube': "''",
    'api-base-llm': "''",
    'llm-model': "''",
    'llm-context-tokens': '4096',
    'llm-first-token-timeout': '30',
    'llm-timeout': '180',
    'oauth-client-id-x': "''",
    'oauth-client-id-linkedin': "''",
    'oauth-client-id-instagram': "''",
    'oauth-client-id-youtube': "''",
}


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    gsettings, schema_dir, schema_id = sys.argv[1:]
    env = dict(os.environ, GSETTINGS_BACKEND='memory')
    out = subprocess.run([gsettings, '--schemadir', schema_dir, 'list-recursively', schema_id],
                         env=env, capture_output=True, text=True)
    if out.returncode != 0:
        print(f'gsettings cannot load {schema_id} from {schema_dir}: {out.stderr.strip()}',
              file=sys.stderr)
        return 1
    found = {}
    for line in out.stdout.splitlines():
        parts = line.split(' ', 2)
        if len(parts) == 3 and parts[0] == schema_id:
            found[parts[1]] = parts[2]
    bad = 0
    for key, default in EXPECTED.items():
        if key not in found:
            print(f'{schema_id}: key “{key}” is missing', file=sys.stderr)
            bad += 1
        elif not same_value(found[key], default):
            print(f'{schema_id}: key “{key}” defaults to {found[key]}, expected {default}',
                  file=sys.stderr)
            bad += 1
    for key in sorted(set(found) - set(EXPECTED)):
        print(f'note: key “{key}” is not checked by this test')
    print(f'{len(EXPECTED) - bad} of {len(EXPECTED)} keys as expected')
    return 1 if bad else 0


def same_value(got, want):
    """Compares numbers as numbers, since GLib prints doubles at full precision."""
    try:
        return abs(float(got) - float(want)) < 1e-9
    except ValueError:
        return got == want


if __name__ == '__main__':
    sys.exit(main())
