import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { canAdministerPlanning, canChangePlans, canEditPlanning } from '../../domain/vocabulary.ts';
import { errorList } from '../forms.ts';
import { createViews } from '../views.ts';
import { takeFlash } from './flash.ts';

// `reply.render(template, data)`: a Nunjucks page with what every layout needs (who is signed in,
// the council's name, the CSRF token, the flash message, the error summary).

export const viewsPlugin = fp(
  async (app) => {
    const views = createViews();
    app.decorateReply('render', function (this: FastifyReply, template: string, data: Record<string, unknown> = {}) {
      const request = this.request;
      const errors = (data.errors as Record<string, string> | undefined) ?? null;
      const flash = takeFlash(request, this);
      const u = request.user;
      const html = views.render(template, {
        councilName: u?.tenantName ?? null,
        csrfToken: u?.csrfToken ?? data.csrfToken ?? '',
        canEdit: u ? canEditPlanning(u.role) : false,
        canPlan: u ? canChangePlans(u.role) : false,
        canSeeRestricted: u?.restrictedAccess ?? false,
        canAdminister: u ? canAdministerPlanning(u.role) : false,
        // Long enough for an import's summary of what it created and changed.
        flash,
        currentUrl: request.url,
        ...data,
        // The layout's own picture of who is signed in, set after the page's view model so that a
        // page about someone else (its own `user`, or `canEdit` for one action) cannot shadow it.
        signedIn: u ? { name: u.name, role: u.role, mayEdit: canEditPlanning(u.role), mayAdminister: canAdministerPlanning(u.role) } : null,
        errorList: errors ? errorList(errors, (data.errorAnchors as Record<string, string>) ?? {}) : [],
      });
      return this.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
    });
  },
  { name: 'waymark-views', dependencies: ['waymark-session', 'waymark-flash'] },
);
