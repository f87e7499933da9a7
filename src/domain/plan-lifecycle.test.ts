import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterEdit, availableSteps, refusal, statusAfter, statusLabel } from './plan-lifecycle.ts';

const draft = { status: 'draft', submittedBy: null };
const submittedBy7 = { status: 'submitted', submittedBy: 7 };
const approved = { status: 'approved', submittedBy: 7 };

describe('plan lifecycle', () => {
  it('lets those who change plans submit a draft, and not lead officers or viewers', () => {
    for (const role of ['head_of_service', 'performance_officer', 'admin']) assert.equal(refusal('submit', draft, { role, userId: 1 }), null, role);
    assert.equal(refusal('submit', draft, { role: 'lead_officer', userId: 1 })?.reason, 'role');
    assert.equal(refusal('submit', draft, { role: 'viewer', userId: 1 })?.reason, 'role');
    assert.equal(statusAfter('submit'), 'submitted');
  });

  it('refuses a step from the wrong stage before looking at the role', () => {
    assert.equal(refusal('submit', submittedBy7, { role: 'admin', userId: 1 })?.reason, 'state');
    assert.equal(refusal('publish', submittedBy7, { role: 'lead_officer', userId: 1 })?.reason, 'state');
    assert.equal(refusal('approve', draft, { role: 'admin', userId: 1 })?.reason, 'state');
    assert.match(refusal('approve', draft, { role: 'admin', userId: 1 })!.message, /it is draft, not submitted for approval/);
  });

  it('lets heads of service, performance officers and admins approve or return, but not lead officers', () => {
    for (const role of ['head_of_service', 'performance_officer', 'admin']) {
      assert.equal(refusal('approve', submittedBy7, { role, userId: 1 }), null, role);
      assert.equal(refusal('return', submittedBy7, { role, userId: 1 }), null, role);
    }
    assert.equal(refusal('approve', submittedBy7, { role: 'lead_officer', userId: 1 })?.reason, 'role');
    assert.equal(refusal('return', submittedBy7, { role: 'viewer', userId: 1 })?.reason, 'role');
  });

  it('does not let the submitter approve or return their own plan', () => {
    const r = refusal('approve', submittedBy7, { role: 'admin', userId: 7 });
    assert.equal(r?.reason, 'own-submission');
    assert.match(r!.message, /someone else must approve it/);
    assert.equal(refusal('return', submittedBy7, { role: 'admin', userId: 7 })?.reason, 'own-submission');
    // The system (no user) is nobody's submitter.
    assert.equal(refusal('approve', { status: 'submitted', submittedBy: null }, { role: 'admin', userId: null }), null);
  });

  it('lets only performance officers and admins publish an approved plan', () => {
    assert.equal(refusal('publish', approved, { role: 'performance_officer', userId: 7 }), null);
    assert.equal(refusal('publish', approved, { role: 'admin', userId: 1 }), null);
    assert.equal(refusal('publish', approved, { role: 'head_of_service', userId: 1 })?.reason, 'role');
    assert.equal(refusal('publish', { status: 'published', submittedBy: 7 }, { role: 'admin', userId: 1 })?.reason, 'state');
  });

  it('lists the steps someone may take now', () => {
    assert.deepEqual(availableSteps(draft, { role: 'head_of_service', userId: 1 }), ['submit']);
    assert.deepEqual(availableSteps(draft, { role: 'lead_officer', userId: 1 }), []);
    assert.deepEqual(availableSteps(submittedBy7, { role: 'head_of_service', userId: 1 }), ['approve', 'return']);
    assert.deepEqual(availableSteps(submittedBy7, { role: 'head_of_service', userId: 7 }), []);
    assert.deepEqual(availableSteps(approved, { role: 'admin', userId: 1 }), ['publish']);
    assert.deepEqual(availableSteps(approved, { role: 'viewer', userId: 1 }), []);
  });

  it('turns an approved or published plan back into a draft of the next version when edited', () => {
    assert.deepEqual(afterEdit({ status: 'approved', draftVersion: 1 }), { status: 'draft', draftVersion: 2, newVersion: true });
    assert.deepEqual(afterEdit({ status: 'published', draftVersion: 3 }), { status: 'draft', draftVersion: 4, newVersion: true });
    assert.deepEqual(afterEdit({ status: 'draft', draftVersion: 2 }), { status: 'draft', draftVersion: 2, newVersion: false });
    assert.deepEqual(afterEdit({ status: 'submitted', draftVersion: 1 }), { status: 'submitted', draftVersion: 1, newVersion: false });
  });

  it('names each status in words', () => {
    assert.equal(statusLabel('submitted'), 'Submitted for approval');
    assert.equal(statusLabel('odd'), 'odd');
  });
});
