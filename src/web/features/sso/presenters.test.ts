import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ssoProblemPage } from './presenters.ts';

describe('single sign-on presenter', () => {
  it('ssoProblemPage: the page for the problem, and who signed in', () => {
    const page = { status: 403, title: 'Waymark does not know you yet', lines: ['Ask an administrator to add you.'] };
    assert.deepEqual(ssoProblemPage({ page, problem: 'not_set_up', email: 'ann@example.org', councilName: 'Mid Borough Council' }), {
      title: 'Waymark does not know you yet',
      lines: ['Ask an administrator to add you.'],
      problem: 'not_set_up',
      email: 'ann@example.org',
      councilName: 'Mid Borough Council',
    });
  });
});
