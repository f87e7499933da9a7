import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCouncil, pageText, signedInClient, testApp, TEST_PASSWORD, type TestApp } from '../../../../test/support/http.ts';

// The main menu keeps to the everyday pages and one Set-up entry (so it fits one line at 1280 px);
// the Set-up page lists the council's set-up areas each reader may open.

describe('the main menu and the Set-up page', () => {
  let t: TestApp;
  /** The main menu's entries, in order (the current one's text is wrapped in a <strong>). */
  const menu = (html: string) => {
    const nav = /<ul class="govuk-service-navigation__list"[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
    return [...nav.matchAll(/<a class="govuk-service-navigation__link"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => pageText(m[1]!));
  };

  before(async () => {
    t = await testApp();
    const c = await createCouncil(t.services, { slug: 'loamshire', name: 'Loamshire County Council', email: 'admin@loamshire.example.gov.uk' });
    for (const [email, role] of [
      ['officer@loamshire.example.gov.uk', 'performance_officer'],
      ['cllr@loamshire.example.gov.uk', 'viewer'],
    ] as const) {
      await t.services.auth.createUser(c.tenantId, { email, name: `A ${role}`, role, password: TEST_PASSWORD });
    }
  });
  after(() => t.close());

  it('gives seven entries to those who sign off updates and six to a councillor, Set-up last', async () => {
    const admin = await signedInClient(t.app, 'admin@loamshire.example.gov.uk');
    assert.deepEqual(menu((await admin.get('/')).body), ['Home', 'Dashboards', 'Plans', 'Actions', 'Sign-off', 'Reports', 'Set-up']);
    const cllr = await signedInClient(t.app, 'cllr@loamshire.example.gov.uk');
    assert.deepEqual(menu((await cllr.get('/')).body), ['Home', 'Dashboards', 'Plans', 'Actions', 'Reports', 'Set-up']);
  });

  it('lists every set-up area for an administrator, and marks Set-up current on the areas under it', async () => {
    const admin = await signedInClient(t.app, 'admin@loamshire.example.gov.uk');
    const res = await admin.get('/setup');
    assert.equal(res.statusCode, 200);
    const links = [...res.body.matchAll(/<a class="govuk-link govuk-!-font-weight-bold" href="([^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(links, ['/corporate-plan', '/organisation', '/people', '/years', '/committees', '/settings', '/settings/status-words', '/settings/rag', '/settings/update-cycle', '/settings/report-style', '/imports/new', '/users']);
    for (const path of ['/setup', '/people', '/years', '/organisation', '/corporate-plan', '/users', '/settings']) {
      assert.match((await admin.get(path)).body, /<a class="govuk-service-navigation__link" href="\/setup" aria-current="page">/, path);
    }
  });

  it('shows a performance officer no Users, and a councillor only what they may read', async () => {
    const officer = await signedInClient(t.app, 'officer@loamshire.example.gov.uk');
    const o = pageText((await officer.get('/setup')).body);
    assert.match(o, /Council settings/);
    assert.doesNotMatch(o, /Administration|Users/);
    const cllr = await signedInClient(t.app, 'cllr@loamshire.example.gov.uk');
    const c = await cllr.get('/setup');
    assert.equal(c.statusCode, 200);
    const ct = pageText(c.body);
    assert.match(ct, /Corporate plan .* Organisation .* People .* Plan years .* Committees and meetings/);
    assert.doesNotMatch(ct, /Settings and data|Import a plan|Users/);
  });
});
