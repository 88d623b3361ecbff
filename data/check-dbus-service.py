#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the D-Bus service file that starts the background service.

Usage: check-dbus-service.py SERVICE-FILE APP-ID
       check-dbus-service.py --self-test APP-ID

D-Bus starts a service from the file named after its bus name in
dbus-1/services: one [D-BUS Service] group whose Name= is the bus name (the
application id, which GApplication owns) and whose Exec= is an absolute path
to the program, here with --gapplication-service so that it runs the
scheduler without opening a window.
"""
import os
import shlex
import sys
import tempfile


def read_groups(path):
    groups = {}
    group = None
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            if line.startswith('[') and line.endswith(']'):
                group = line[1:-1]
                if group in groups:
                    raise ValueError(f'line {number}: the group [{group}] comes twice')
                groups[group] = {}
            elif '=' in line and group is not None:
                key, value = line.split('=', 1)
                if key in groups[group]:
                    raise ValueError(f'line {number}: the key {key} comes twice')
                groups[group][key] = value
            else:
                raise ValueError(f'line {number}: neither a group nor a key: {line!r}')
    return groups


def check(path, app_id):
    try:
        groups = read_groups(path)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        return [f'{path}: not a readable service file: {e}']
    problems = []
    if os.path.basename(path) != app_id + '.service':
        problems.append(f'{path}: the file must be named {app_id}.service')
    if list(groups) != ['D-BUS Service']:
        problems.append(f'{path}: the groups are {list(groups)}, expected only [D-BUS Service]')
    service = groups.get('D-BUS Service', {})
    if service.get('Name') != app_id:
        problems.append(f'{path}: Name is {service.get("Name")!r}, expected {app_id!r}')
    try:
        argv = shlex.split(service.get('Exec', ''))
    except ValueError as e:
        argv = []
        problems.append(f'{path}: Exec cannot be split into arguments: {e}')
    if not argv:
        problems.append(f'{path}: Exec is missing or empty')
    else:
        if not os.path.isabs(argv[0]) or os.path.basename(argv[0]) != 'creatorops':
            problems.append(f'{path}: Exec must start with the absolute path of creatorops, '
                            f'not {argv[0]!r}')
        if '--gapplication-service' not in argv[1:]:
            problems.append(f'{path}: Exec lacks --gapplication-service')
    unknown = set(service) - {'Name', 'Exec', 'User', 'SystemdService'}
    if unknown:
        problems.append(f'{path}: unknown keys {sorted(unknown)}')
    return problems


def self_test(app_id):
    """Each way of breaking the file is caught; a good file passes."""
    good = f'[D-BUS Service]\nName={app_id}\nExec=/usr/bin/creatorops --gapplication-service\n'
    broken = {
        'another name': good.replace(f'Name={app_id}', 'Name=org.example.Other'),
        'no service flag': good.replace(' --gapplication-service', ''),
        'a relative Exec': good.replace('/usr/bin/creatorops', 'creatorops'),
        'another program': good.replace('/usr/bin/creatorops', '/usr/bin/creatorops-cli'),
        'a wrong group': good.replace('[D-BUS Service]', '[Desktop Entry]'),
        'no Exec': good.replace('Exec=/usr/bin/creatorops --gapplication-service\n', ''),
        'a stray line': good + 'not a key\n',
    }
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, app_id + '.service')
        cases = [('good', good, False)] + [(k, v, True) for k, v in broken.items()]
        for name, text, should_fail in cases:
            with open(path, 'w', encoding='utf-8') as f:
                f.write(text)
            if bool(check(path, app_id)) != should_fail:
                failures.append(name)
        with open(os.path.join(folder, 'other.service'), 'w', encoding='utf-8') as f:
            f.write(good)
        if not check(os.path.join(folder, 'other.service'), app_id):
            failures.append('a file named after something else')
    for name in failures:
        print(f'self-test: {name}: not judged as expected', file=sys.stderr)
    print(f'self-test: {len(broken) + 2} cases, {len(failures)} wrong')
    return 1 if failures else 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == '--self-test':
        return self_test(sys.argv[2])
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    problems = check(sys.argv[1], sys.argv[2])
    for p in problems:
        print(p, file=sys.stderr)
    print(f'{sys.argv[1]}: {len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
