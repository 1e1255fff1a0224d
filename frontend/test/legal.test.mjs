// The legal pages (src/components/marketing/legal-page.tsx) render their sections straight from
// the messages: each section a `title`, then paragraphs (strings) and bulleted lists (objects of
// strings), shown as written (not formatted, so no {placeholders}).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (locale) => JSON.parse(readFileSync(join(root, 'messages', `${locale}.json`), 'utf8'));
const docs = ['privacy', 'terms', 'dpa'];

for (const locale of ['tr', 'en']) {
  const legal = load(locale).legal;

  test(`${locale}: every legal section has a title, then paragraphs and lists of plain text`, () => {
    for (const doc of docs) {
      const sections = Object.entries(legal[doc].sections);
      assert.ok(sections.length > 0, `${doc} has sections`);
      for (const [id, section] of sections) {
        assert.match(id, /^[a-zA-Z][a-zA-Z0-9-]*$/, `${doc}.${id} is a usable anchor`);
        assert.equal(typeof section.title, 'string', `${doc}.${id}.title`);
        for (const [key, value] of Object.entries(section)) {
          const texts = typeof value === 'string' ? [value] : Object.values(value);
          for (const text of texts) {
            assert.equal(typeof text, 'string', `${doc}.${id}.${key}`);
            assert.doesNotMatch(text, /[{}]/, `${doc}.${id}.${key} is shown unformatted`);
          }
        }
      }
    }
  });
}

test('both languages give the legal sections in the same order', () => {
  const tr = load('tr').legal;
  const en = load('en').legal;
  for (const doc of docs) {
    assert.deepEqual(Object.keys(en[doc].sections), Object.keys(tr[doc].sections), doc);
  }
});
