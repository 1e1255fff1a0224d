import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TEXTS, texts } from '../src/i18n.js';
import { errorText, privacyLink, textOn, validateLead } from '../src/ui.js';

describe('lead form validation', () => {
  test('a name and an email or a phone are enough', () => {
    assert.deepEqual(validateLead({ name: 'Ayşe', email: 'ayse@example.com', phone: '' }), {});
    assert.deepEqual(validateLead({ name: 'Ayşe', email: '', phone: '0532 123 45 67' }), {});
    assert.deepEqual(validateLead({ name: 'Ayşe', email: '', phone: '+90 (532) 123-45-67' }), {});
  });

  test('missing name and contact are both reported', () => {
    assert.deepEqual(validateLead({ name: '', email: '', phone: '' }), { name: 'nameRequired', email: 'contactRequired' });
  });

  test('malformed email and phone are reported per field', () => {
    assert.deepEqual(validateLead({ name: 'A', email: 'ayse@', phone: '12ab' }), { email: 'emailInvalid', phone: 'phoneInvalid' });
  });

  test('every error key has a text in both languages', () => {
    for (const key of ['nameRequired', 'contactRequired', 'emailInvalid', 'phoneInvalid']) {
      assert.ok(TEXTS.tr[key] && TEXTS.en[key], key);
    }
  });
});

describe('texts', () => {
  test('the language picks the dictionary, Turkish by default', () => {
    assert.equal(texts('en').send, 'Send');
    assert.equal(texts('en-GB').send, 'Send');
    assert.equal(texts('tr-TR').placeholder, 'Mesajınızı yazın…');
    assert.equal(texts(undefined), TEXTS.tr);
    assert.equal(texts('de'), TEXTS.tr);
  });

  test('both dictionaries have the same keys', () => {
    assert.deepEqual(Object.keys(TEXTS.en).sort(), Object.keys(TEXTS.tr).sort());
  });

  test("a 429 shows the server's detail; anything else the generic error", () => {
    assert.equal(errorText(TEXTS.tr, { status: 429, detail: 'Yavaşlayın.' }), 'Yavaşlayın.');
    assert.equal(errorText(TEXTS.tr, { status: 500, detail: 'internal' }), 'Bağlantı hatası. Tekrar deneyin.');
    assert.equal(errorText(TEXTS.en, { status: 0, detail: '' }), 'Connection error. Please try again.');
  });
});

describe('text on the bot color', () => {
  test("only an https privacy notice is linked", () => {
    assert.equal(privacyLink('https://klinik.com.tr/kvkk'), 'https://klinik.com.tr/kvkk');
    assert.equal(privacyLink('http://klinik.com.tr/kvkk'), null);
    assert.equal(privacyLink('javascript:alert(1)'), null);
    assert.equal(privacyLink(''), null);
    assert.equal(privacyLink(undefined), null);
  });

  test('the more readable of white and slate is chosen', () => {
    assert.equal(textOn('#7C3AED'), '#fff');
    assert.equal(textOn('#000000'), '#fff');
    assert.equal(textOn('#FDE047'), '#0f172a');
    assert.equal(textOn('#ffffff'), '#0f172a');
  });
});
