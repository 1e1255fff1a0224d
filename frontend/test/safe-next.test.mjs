// Where login and sign-up lead afterwards (src/lib/safe-next.ts): only this site's dashboard
// pages and invitation links; anything else, above all another origin, gives /dashboard.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadTs } from './load-ts.mjs';

const { safeNext, withNext } = await loadTs('src/lib/safe-next.ts');

test('dashboard pages and invitation links are followed, with their query', () => {
  assert.equal(safeNext('/dashboard'), '/dashboard');
  assert.equal(safeNext('/dashboard/leads'), '/dashboard/leads');
  assert.equal(safeNext('/dashboard/settings?tab=team'), '/dashboard/settings?tab=team');
  assert.equal(safeNext('/invite?token=abc_DEF-123'), '/invite?token=abc_DEF-123');
});

test('nothing, other pages and other origins give /dashboard', () => {
  for (const next of [
    null,
    undefined,
    '',
    'dashboard',
    '/',
    '/login',
    '/invite/../login',
    '/dashboardx',
    '/invitex?token=a',
    '//evil.example/dashboard',
    '/\\evil.example/dashboard',
    '\\\\evil.example',
    '/\t/evil.example/dashboard',
    '/\n/evil.example/invite',
    'https://evil.example/dashboard',
    'javascript:alert(1)',
  ]) {
    assert.equal(safeNext(next), '/dashboard', JSON.stringify(next));
  }
});

test('paths are normalised before they are judged', () => {
  assert.equal(safeNext('/dashboard/../invite?token=x'), '/invite?token=x');
  assert.equal(safeNext('/dashboard/../../login'), '/dashboard');
});

test('withNext carries an acceptable next page and leaves the default out', () => {
  assert.equal(withNext('/login', '/invite?token=a b'), '/login?next=%2Finvite%3Ftoken%3Da%2520b');
  assert.equal(withNext('/register', '/dashboard'), '/register');
  assert.equal(withNext('/register', null), '/register');
  assert.equal(withNext('/login', '//evil.example'), '/login');
});
