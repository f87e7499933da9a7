import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codePrefix, normaliseCode, suggestActionCode } from './action-codes.ts';

describe('suggestActionCode', () => {
  test('the first action of a plan is number 01', () => {
    assert.equal(suggestActionCode(2015, 'CEC', []), '15-CEC01');
  });

  test('suggests one past the highest number already used', () => {
    assert.equal(suggestActionCode(2015, 'CEC', ['15-CEC07']), '15-CEC08');
    assert.equal(suggestActionCode(2015, 'CEC', ['15-CEC02', '15-CEC07', '15-CEC03']), '15-CEC08');
    assert.equal(suggestActionCode(2015, 'CEC', ['15-CEC09']), '15-CEC10');
    assert.equal(suggestActionCode(2015, 'CEC', ['15-CEC99']), '15-CEC100');
  });

  test('ignores codes with another prefix or no number', () => {
    assert.equal(suggestActionCode(2015, 'CEC', ['14-CEC12', '15-HR04', '15-CE09', '15-CECX03', 'MISC', '15-CEC']), '15-CEC01');
  });

  test('is not fooled by a unit code that starts another', () => {
    assert.equal(suggestActionCode(2015, 'CE', ['15-CEC07']), '15-CE01');
  });

  test('uses the last two digits of the year and an upper-case unit code', () => {
    assert.equal(suggestActionCode(2009, 'cec', ['09-cec03']), '09-CEC04');
    assert.equal(suggestActionCode(2100, 'X', []), '00-X01');
    assert.equal(codePrefix(2015, 'hr'), '15-HR');
  });
});

describe('normaliseCode', () => {
  test('removes all white space', () => {
    assert.equal(normaliseCode(' 15-CEC 01 '), '15-CEC01');
    assert.equal(normaliseCode('15-CEC01'), '15-CEC01');
  });
});
