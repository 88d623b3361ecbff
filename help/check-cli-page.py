#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that the command-line page of the help lists every command of the CLI.

Usage: check-cli-page.py CREATOROPS-CLI PAGE

The commands are read from `creatorops-cli --help` (one line per command, under
its group) and from the <cmd> elements of the page's <title>s: a command is its
group and, when one follows, its name ("vault import", "subtitles check"); a
group that is a command itself ("analyze FILE…") is its group alone.  Any command
the page lacks, and any it names that the CLI does not have, is reported.
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

MALLARD = '{http://projectmallard.org/1.0/}'
NAME = re.compile(r'[a-z][a-z0-9-]*\Z')


def command_of(words):
    """The command that a usage line starting with @words runs."""
    if len(words) >= 2 and NAME.match(words[1]):
        return f'{words[0]} {words[1]}'
    return words[0]


def cli_commands(cli):
    out = subprocess.run([cli, '--help'], check=True, capture_output=True, text=True,
                         env={'LC_ALL': 'C.UTF-8'}).stdout
    commands, group = set(), None
    for line in out.splitlines():
        header = re.match(r'([a-z]+) — ', line)
        if header:
            group = header.group(1)
        elif not line.strip():
            group = None
        elif group and line.startswith('  ' + group):
            commands.add(command_of(line.split()))
    return commands


def page_commands(page):
    commands = set()
    for title in ET.parse(page).getroot().iter(MALLARD + 'title'):
        for cmd in title.iter(MALLARD + 'cmd'):
            # The text before the first <var>: the command words, then options.
            words = []
            for word in (cmd.text or '').split():
                if not NAME.match(word):
                    break
                words.append(word)
            if words and not words[0].startswith('-'):
                commands.add(command_of(words))
    return commands


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    cli, page = sys.argv[1:]
    have, listed = cli_commands(cli), page_commands(page)
    if not have:
        print(f'{cli} --help lists no commands', file=sys.stderr)
        return 1
    for missing in sorted(have - listed):
        print(f'{page}: does not list “{missing}”', file=sys.stderr)
    for extra in sorted(listed - have):
        print(f'{page}: lists “{extra}”, which creatorops-cli does not have', file=sys.stderr)
    print(f'{len(have)} commands, {len(have - listed)} missing, {len(listed - have)} extra')
    return 1 if have != listed else 0


if __name__ == '__main__':
    sys.exit(main())
