#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fail when the user guide has orphan pages or broken links.

Usage: check-help.py YELP_CHECK HELP_DIR

`yelp-check links` and `yelp-check orphans` print their findings but exit 0, so this
turns any output into a failure.
"""
import subprocess
import sys


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    yelp_check, help_dir = sys.argv[1:]
    bad = 0
    for what in ('links', 'orphans'):
        out = subprocess.run([yelp_check, what, help_dir], capture_output=True, text=True)
        found = (out.stdout + out.stderr).strip()
        if out.returncode != 0 or found:
            print(f'yelp-check {what} {help_dir} (exit {out.returncode}):\n{found}',
                  file=sys.stderr)
            bad += 1
    print(f'{"no" if bad == 0 else bad} problem kinds found')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
