import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ATTRS, apiBase, findScript, readConfig } from '../src/config.js';

const PAGE = 'https://dis-klinigi.example/iletisim';
const script = (attrs, src = 'https://cdn.svontai.example/widget.js') => ({ src, getAttribute: (name) => attrs[name] ?? null });

describe('embed configuration', () => {
  test('the data-* attributes are declared once', () => {
    assert.deepEqual(ATTRS, ['data-bot-key', 'data-api']);
  });

  test('the API base is the origin of the script when data-api is absent', () => {
    assert.equal(apiBase(null, 'http://127.0.0.1:8000/widget.js?v=3', PAGE), 'http://127.0.0.1:8000');
  });

  test('data-api wins over the script origin and loses its trailing slashes', () => {
    assert.equal(apiBase('https://api.svontai.example/prod//', 'https://cdn.svontai.example/widget.js', PAGE), 'https://api.svontai.example/prod');
  });

  test('a relative data-api resolves against the page', () => {
    assert.equal(apiBase('/svontai', 'https://cdn.svontai.example/widget.js', PAGE), 'https://dis-klinigi.example/svontai');
  });

  test('a data-api that is not http(s) is ignored', () => {
    assert.equal(apiBase('javascript:alert(1)', 'https://cdn.svontai.example/widget.js', PAGE), 'https://cdn.svontai.example');
  });

  test('no usable base at all gives null', () => {
    assert.equal(apiBase(null, '', PAGE), null);
  });

  test('the bot key is trimmed and capped', () => {
    assert.deepEqual(readConfig(script({ 'data-bot-key': '  pk_abc  ' }), PAGE), { botKey: 'pk_abc', api: 'https://cdn.svontai.example' });
    assert.equal(readConfig(script({ 'data-bot-key': 'x'.repeat(500) }), PAGE).botKey.length, 200);
  });

  test('a snippet without a bot key mounts nothing', () => {
    assert.equal(readConfig(script({}), PAGE), null);
    assert.equal(readConfig(null, PAGE), null);
  });

  test('without currentScript the script is found by its data-bot-key', () => {
    const tag = script({ 'data-bot-key': 'pk' });
    const doc = { currentScript: null, querySelector: (sel) => (sel == 'script[data-bot-key]' ? tag : null) };
    assert.equal(findScript(doc), tag);
    assert.equal(findScript({ currentScript: 'current', querySelector: () => tag }), 'current');
  });
});
