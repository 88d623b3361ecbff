#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the keys of the Flatpak manifest that flatpak-builder itself does not check.

Usage: check-manifest.py MANIFEST APP_ID
       check-manifest.py --self-test MANIFEST APP_ID

`flatpak-builder --show-manifest` rejects bad JSON and unknown keys, but accepts a
manifest with no id, an unknown build system or an archive without a checksum; those
only fail much later, on a build machine with network access.  The manifest may hold
C-style comments (json-glib accepts them), so they are stripped before parsing.

It also checks that the manifest builds what meson.build requires: a maintained GNOME
runtime, and PocketSphinx either built as a module before the app or switched off
with -Dspeech=false.  --self-test breaks a good manifest in each of those ways and
fails unless every break is caught.
"""
import json
import re
import sys

# The oldest GNOME runtime still maintained (GNOME supports the last two releases).
OLDEST_RUNTIME = 47
BUILDSYSTEMS = {'autotools', 'cmake', 'cmake-ninja', 'meson', 'qmake', 'simple'}
SOURCE_TYPES = {'archive', 'git', 'bzr', 'svn', 'dir', 'file', 'script', 'shell',
                'patch', 'extra-data', 'inline'}
FINISH_ARGS = ['--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri',
               '--share=network', '--socket=pulseaudio', '--filesystem=xdg-videos:ro',
               '--talk-name=org.freedesktop.secrets']


def strip_comments(text):
    """Removes /* */ and // comments outside strings, keeping line numbers."""
    out, i, n, in_string = [], 0, len(text), False
    while i < n:
        c = text[i]
        if in_string:
            out.append(c)
            if c == '\\' and i + 1 < n:
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith('/*', i):
            end = text.find('*/', i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:end]))
            i = end - 1
        elif text.startswith('//', i):
            end = text.find('\n', i)
            i = (n if end < 0 else end) - 1
        else:
            out.append(c)
        i += 1
    return ''.join(out)


def check_module(m, where, problems):
    if not isinstance(m, dict):
        problems.append(f'{where}: a module must be an object (file includes are not used here)')
        return
    if not m.get('name'):
        problems.append(f'{where}: module has no name')
    bs = m.get('buildsystem', 'autotools')
    if bs not in BUILDSYSTEMS:
        problems.append(f'{where} ({m.get("name")}): unknown buildsystem “{bs}”')
    sources = m.get('sources')
    if not sources:
        problems.append(f'{where} ({m.get("name")}): module has no sources')
    for j, s in enumerate(sources or []):
        t = s.get('type')
        if t not in SOURCE_TYPES:
            problems.append(f'{where} source {j}: unknown source type “{t}”')
        if t in ('archive', 'file') and 'path' not in s:
            if not re.fullmatch(r'[0-9a-f]{64}', s.get('sha256', '')):
                problems.append(f'{where} source {j}: {t} {s.get("url")} needs a sha256')
            if not str(s.get('url', '')).startswith('https://'):
                problems.append(f'{where} source {j}: {t} must be fetched over https')


def check(manifest, app_id):
    problems = []
    for key, want in (('id', app_id), ('runtime', 'org.gnome.Platform'),
                      ('sdk', 'org.gnome.Sdk'), ('command', 'creatorops')):
        if manifest.get(key) != want:
            problems.append(f'“{key}” is {manifest.get(key)!r}, expected {want!r}')
    version = str(manifest.get('runtime-version', ''))
    if not re.fullmatch(r'\d+', version) or int(version) < OLDEST_RUNTIME:
        problems.append(f'“runtime-version” is {version!r}, expected a maintained GNOME'
                        f' runtime ({OLDEST_RUNTIME} or later)')
    args = manifest.get('finish-args', [])
    for arg in FINISH_ARGS:
        if arg not in args:
            problems.append(f'“finish-args” lacks {arg}')
    if '--filesystem=host' in args or '--filesystem=home' in args:
        problems.append('“finish-args” grants the whole home or host file system')
    modules = manifest.get('modules')
    if not isinstance(modules, list) or not modules:
        return problems + ['“modules” is missing or empty']
    for i, m in enumerate(modules):
        check_module(m, f'module {i}', problems)
    app = modules[-1]
    if not isinstance(app, dict) or app.get('name') != 'creatorops' \
            or app.get('buildsystem') != 'meson':
        problems.append('the last module must be “creatorops” built with meson')
    elif {'type': 'dir', 'path': '..'} not in app.get('sources', []):
        problems.append('the app module must build this source tree (dir source “..”)')
    else:
        check_app_options(app, modules[:-1], problems)
    return problems


def check_app_options(app, others, problems):
    """The app builds without its tests, and has PocketSphinx or does without."""
    opts = app.get('config-opts', [])
    if '-Dtests=false' not in opts:
        problems.append('the app module must build with -Dtests=false (libebur128 and the'
                        ' test tools are not in the runtime)')
    names = {m.get('name') for m in others if isinstance(m, dict)}
    if '-Dspeech=false' not in opts and 'pocketsphinx' not in names:
        problems.append('meson.build requires PocketSphinx: add it as a module before the app'
                        ' or build with -Dspeech=false')


def self_test(manifest, app_id):
    """Each break of a good manifest must be caught; returns the exit status."""
    def app(m):
        return m['modules'][-1]

    def without_speech_switch(m):
        app(m)['config-opts'] = [o for o in app(m)['config-opts'] if o != '-Dspeech=false']

    def with_pocketsphinx(m):
        without_speech_switch(m)
        m['modules'].insert(0, {'name': 'pocketsphinx', 'buildsystem': 'cmake-ninja',
                                'sources': [{'type': 'archive', 'sha256': '0' * 64,
                                             'url': 'https://example.org/pocketsphinx.tar.gz'}]})

    breaks = {
        'end-of-life runtime': lambda m: m.update({'runtime-version': '44'}),
        'speech on without PocketSphinx': without_speech_switch,
        'tests built': lambda m: app(m).update({'config-opts': ['-Dspeech=false']}),
        'archive without sha256': lambda m: m['modules'][0]['sources'][0].pop('sha256'),
        'no id': lambda m: m.pop('id'),
    }
    if check(manifest, app_id):
        print('self-test: the manifest itself has problems', file=sys.stderr)
        return 1
    failed = 0
    for name, damage in breaks.items():
        broken = json.loads(json.dumps(manifest))
        damage(broken)
        caught = bool(check(broken, app_id))
        print(f'self-test: {name}: {"caught" if caught else "MISSED"}')
        failed += not caught
    fixed = json.loads(json.dumps(manifest))
    with_pocketsphinx(fixed)
    if check(fixed, app_id):
        print('self-test: a pinned PocketSphinx module was refused', file=sys.stderr)
        failed += 1
    return 1 if failed else 0


def main():
    args = sys.argv[1:]
    testing = args[:1] == ['--self-test']
    if testing:
        args = args[1:]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    path, app_id = args
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.loads(strip_comments(f.read()))
    except (OSError, ValueError) as e:
        print(f'{path}: cannot read the manifest: {e}', file=sys.stderr)
        return 1
    if not isinstance(manifest, dict):
        print(f'{path}: the manifest is not a JSON object', file=sys.stderr)
        return 1
    if testing:
        return self_test(manifest, app_id)
    problems = check(manifest, app_id)
    for p in problems:
        print(f'{path}: {p}', file=sys.stderr)
    print(f'{path}: {len(manifest.get("modules") or [])} modules, {len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
