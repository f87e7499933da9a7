import assert from 'node:assert/strict';
import { test } from 'node:test';
import nunjucks from 'nunjucks';
import { createViews } from './views.ts';

test('trim strips leading and trailing white space as Nunjucks did, and keeps a safe string safe', () => {
  const env = createViews();
  // Hand-worked: what /^\s*|\s*$/g removes, and nothing inside.
  const cases: [string, string][] = [
    ['', ''],
    ['   ', ''],
    ['a', 'a'],
    ['  a  b  ', 'a  b'],
    ['\n\t x y\n      \n', 'x y'],
    ['\u00a0nbsp\u00a0', 'nbsp'], // \s includes the no-break space
    ['\ufeffbom', 'bom'], // and the byte-order mark
  ];
  for (const [input, want] of cases) assert.equal(env.renderString('{{ v | trim }}', { v: input }), want, JSON.stringify(input));
  // Escaped when it was text, left alone when it was already safe HTML.
  assert.equal(env.renderString('{{ v | trim }}', { v: '  <b>  ' }), '&lt;b&gt;');
  assert.equal(env.renderString('{{ v | trim }}', { v: new nunjucks.runtime.SafeString('  <b>  ') }), '<b>');
});
