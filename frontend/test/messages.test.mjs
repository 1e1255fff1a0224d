// Both languages carry the same message tree: a key in one file and not in the other fails,
// at any depth (next-intl would show the raw key to users of the language that lacks it).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (locale) => JSON.parse(readFileSync(join(root, 'messages', `${locale}.json`), 'utf8'));
const tr = load('tr');
const en = load('en');

const isTree = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every leaf's dotted path, with the kind of value found there. */
function leaves(tree, prefix = '') {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return isTree(value) ? leaves(value, path) : [[path, typeof value]];
  });
}

/** The paths in `a` that `b` lacks (or holds as a different kind of value). */
function missing(a, b) {
  const other = new Map(leaves(b));
  return leaves(a)
    .filter(([path, kind]) => other.get(path) !== kind)
    .map(([path]) => path);
}

/** The {placeholder} names of an ICU message (top level and nested). */
function placeholders(message) {
  return [...new Set([...message.matchAll(/\{\s*([A-Za-z0-9_]+)\s*[,}]/g)].map((m) => m[1]))].sort();
}

test('every Turkish key exists in en.json', () => {
  assert.deepEqual(missing(tr, en), []);
});

test('every English key exists in tr.json', () => {
  assert.deepEqual(missing(en, tr), []);
});

test('every message is a non-empty string', () => {
  for (const [locale, messages] of [['tr', tr], ['en', en]]) {
    const bad = leaves(messages).filter(([path, kind]) => {
      const value = path.split('.').reduce((tree, key) => tree[key], messages);
      return kind !== 'string' || value.trim() === '';
    });
    assert.deepEqual(bad.map(([path]) => path), [], `${locale}.json`);
  }
});

test('both languages use the same placeholders in each message', () => {
  const english = new Map(leaves(en));
  const differ = [];
  for (const [path] of leaves(tr)) {
    if (!english.has(path)) continue;
    const get = (messages) => path.split('.').reduce((tree, key) => tree[key], messages);
    const a = placeholders(get(tr));
    const b = placeholders(get(en));
    if (a.join() !== b.join()) differ.push(`${path}: tr {${a}} en {${b}}`);
  }
  assert.deepEqual(differ, []);
});

test('the check itself notices a missing nested key', () => {
  assert.deepEqual(missing({ a: { b: 'x', c: 'y' } }, { a: { b: 'x' } }), ['a.c']);
  assert.deepEqual(missing({ a: { b: 'x' } }, { a: 'x' }), ['a.b']);
});
