#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Print one line, "N passed, N failed, N skipped", summed over meson test logs.

Usage: meson-summary.py LOGBASE...

LOGBASE is a meson log path without its suffix, such as build/meson-logs/testlog or
build-asan/meson-logs/testlog-asan (meson appends the setup name).

Subtests are counted, not binaries: testlog.junit.xml lists each TAP subtest.  But
when a binary aborts half-way ("Bail out!"), the junit file keeps only the subtests
that passed, and only testlog.json says the binary failed; so a binary whose json
result is bad counts as one more failure unless junit already shows one.  A log that
is missing (the build failed, or meson test never ran) counts as a failure too, so a
broken build can never print "0 failed".
"""
import json
import os
import sys
import xml.etree.ElementTree as ET

BAD = {'FAIL', 'ERROR', 'TIMEOUT', 'UNEXPECTEDPASS', 'INTERRUPT'}


def junit_counts(path):
    """Maps each junit testsuite name to [passed, failed, skipped] of its testcases."""
    suites = {}
    if not os.path.exists(path):
        return suites
    for ts in ET.parse(path).getroot().iter('testsuite'):
        c = [0, 0, 0]
        for tc in ts.iter('testcase'):
            if tc.find('failure') is not None or tc.find('error') is not None:
                c[1] += 1
            elif tc.find('skipped') is not None:
                c[2] += 1
            else:
                c[0] += 1
        suites[ts.get('name')] = c
    return suites


def count(base):
    """Returns [passed, failed, skipped] for one meson log."""
    total = [0, 0, 0]
    if not os.path.exists(base + '.json'):
        print(f'meson-summary: {base}.json is missing: counted as one failure',
              file=sys.stderr)
        return [0, 1, 0]
    suites = junit_counts(base + '.junit.xml')
    with open(base + '.json', encoding='utf-8') as f:
        for line in f:
            if not line.strip():
                continue
            t = json.loads(line)
            sub = next((c for k, c in suites.items()
                        if k is not None and k.endswith('.' + t['name'])), None)
            if sub and sum(sub):
                total = [a + b for a, b in zip(total, sub)]
                if t['result'] in BAD and sub[1] == 0:
                    total[1] += 1
            elif t['result'] in BAD:
                total[1] += 1
            elif t['result'] == 'SKIP':
                total[2] += 1
            else:
                total[0] += 1
            if t['result'] in BAD:
                print(f'meson-summary: {os.path.basename(base)}: {t["name"]}: {t["result"]}',
                      file=sys.stderr)
    return total


def main():
    bases = sys.argv[1:] or ['build/meson-logs/testlog']
    total = [0, 0, 0]
    for base in bases:
        total = [a + b for a, b in zip(total, count(base))]
    print(f'{total[0]} passed, {total[1]} failed, {total[2]} skipped')
    return 0


if __name__ == '__main__':
    sys.exit(main())
