import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkPassword, isCommonPassword, isRunOrRepeat, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords.ts';

describe('the password policy', () => {
  it('asks for a password when there is none', () => {
    assert.equal(checkPassword(''), 'Enter a password');
    assert.equal(checkPassword('', {}, 'New password'), 'Enter new password');
  });

  it('needs 12 to 256 characters, counting characters rather than bytes', () => {
    assert.equal(PASSWORD_MIN_LENGTH, 12);
    assert.equal(PASSWORD_MAX_LENGTH, 256);
    assert.equal(checkPassword('plum kettle'), 'Password must be 12 characters or more');
    assert.equal(checkPassword('plum kettles'), null);
    assert.equal(checkPassword('x'.repeat(100) + 'y'.repeat(157)), 'Password must be 256 characters or fewer');
    assert.equal(checkPassword('plum kettle ferry '.repeat(14).slice(0, 256)), null);
    // Eleven characters, one of them outside the Basic Multilingual Plane, is still eleven.
    assert.equal(checkPassword('plum 🍑 kett'), 'Password must be 12 characters or more');
    assert.equal(checkPassword('short', {}, 'New password'), 'New password must be 12 characters or more');
  });

  it('has no composition rules: letters alone or with spaces are fine', () => {
    for (const ok of ['purple tractor umbrella', 'horsebatterystapleplum', 'ALLCAPSBUTLONGENOUGH', 'ceffyl glas yn y bore', 'élan vital du matin']) {
      assert.equal(checkPassword(ok), null, ok);
    }
  });

  it('refuses common passwords, whatever the case, separators or letter-for-symbol swaps', () => {
    for (const common of [
      'password1234',
      'Password1234',
      'P@ssw0rd1234',
      'qwertyuiop12',
      'liverpool1234',
      'Liverpool1234!',
      'iloveyou2024',
      'welcome12345',
      'Welcome12345!',
      'council2024!',
      'Council2025!',
      '123456789012',
      'qwerty123456',
      '1qaz2wsx3edc',
      'correct horse battery staple',
      'Correct-Horse-Battery-Staple',
      'passwordpassword',
      'ilovemyfamily',
      'monkey123456',
      'football1234',
      'Sunshine2024',
    ]) {
      assert.ok(isCommonPassword(common), `${common} is on the list`);
      assert.match(checkPassword(common) ?? '', /^Password is too easy to guess: it is on a list of common passwords/, common);
    }
    for (const rare of ['purple tractor umbrella', 'kettle-ferry-lantern', 'long-enough-password']) assert.equal(isCommonPassword(rare), false, rare);
  });

  it('refuses runs and repeats of characters of any length', () => {
    for (const weak of ['aaaaaaaaaaaaa', '111111111111111111', 'abababababababab', 'abcabcabcabcabc', 'passpasspasspass', '3456789012345', '9876543210987', 'abcdefghijklmnop', 'zyxwvutsrqponm', 'qwertyuiopasdfghj', 'a-b-c-d-e-f-g-h-i-j-k-l']) {
      assert.ok(isRunOrRepeat(weak), weak);
      assert.ok(checkPassword(weak), weak);
    }
    assert.equal(isRunOrRepeat('abcdefgh plum tree'), false);
    assert.equal(isRunOrRepeat('correct horse battery'), false);
  });

  it("refuses a password containing the account's email address (the part before @) or name", () => {
    const owner = { email: 'tom.whitfield@brackenmoor.example.gov.uk', name: 'Tom Whitfield' };
    const message = 'Password must not contain the account’s name or email address';
    for (const personal of ['tom.whitfield-rocks', 'TomWhitfield rules ok', 'my name is tom whitfield', 'whitfield family holiday', 'tomwh1tf1eld-is-here']) {
      assert.equal(checkPassword(personal, owner), message, personal);
    }
    assert.equal(checkPassword('kettle tom lantern', owner), null, 'a short first name on its own is allowed');
    assert.equal(checkPassword('jo bloggs is my name', { email: 'jo.bloggs@example.gov.uk', name: 'Jo Bloggs' }), message);
    assert.equal(checkPassword('jobloggs-forever', { email: 'jo.bloggs@example.gov.uk' }), message);
    // Very short names and addresses are not checked: "a@b.gov.uk" must not forbid every "a".
    assert.equal(checkPassword('a long enough password', { email: 'a@b.gov.uk', name: 'A' }), null);
    assert.equal(checkPassword('a long enough password', {}), null);
  });

  it("lets through the passwords Waymark's own demo and tests use", () => {
    const used: [string, { email: string; name: string }][] = [
      ['matrix-test-password', { email: 'admin@brackenmoor.gov.uk', name: 'Demo Administrator' }],
      ['matrix-test-password', { email: 'cllr.margaret.ellison@brackenmoor.gov.uk', name: 'Councillor Margaret Ellison' }],
      ['e2e-demo-password', { email: 'tom.whitfield@brackenmoor.gov.uk', name: 'Tom Whitfield' }],
      ['long-enough-password', { email: 'viewer@c1.example.gov.uk', name: 'performance_officer' }],
      ['correct horse battery', { email: 'officer1@example.gov.uk', name: 'Officer 1' }],
      ['a-very-long-password', { email: 'new.officer@example.gov.uk', name: 'New Officer' }],
      ['a long enough password', { email: 'po@example.gov.uk', name: 'P O' }],
    ];
    for (const [password, owner] of used) assert.equal(checkPassword(password, owner), null, `${password} for ${owner.name}`);
  });

  it('reads a list of some thousands of common passwords, each 12 characters or more, from the generated file', () => {
    const file = fileURLToPath(new URL('./common-passwords.txt', import.meta.url));
    const entries = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    assert.ok(entries.length > 2000, `${entries.length} entries`);
    for (const e of entries) assert.ok(e.length >= 12 && e === e.toLowerCase(), e);
    assert.equal(new Set(entries).size, entries.length, 'no duplicates');
  });

  it('ships the list the generator writes (scripts/generate-common-passwords.ts --check)', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate-common-passwords.ts', '--check'], { cwd: root, encoding: 'utf8' });
    assert.match(out, /is up to date/);
  });
});
