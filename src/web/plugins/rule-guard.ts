import fp from 'fastify-plugin';
import { ForbiddenError } from '../../domain/errors.ts';
import { allows, type Audience } from '../../domain/permissions.ts';
import { ruleFor } from '../route-rules.ts';

// Each route's rule (src/web/route-rules.ts, as docs/permissions.md lists them) decides who may use
// it; the services check the same roles again. A route with no rule is refused to everyone but
// admins (fail closed); the authorization matrix test fails until it has one. Checked in
// preValidation, so a role that may not use a page is refused before its input is looked at.
export const ruleGuardPlugin = fp(
  async (app) => {
    app.addHook('preValidation', async (request) => {
      const u = request.user;
      if (!u || request.is404) return; // signed-out visitors only reach public routes (session.ts)
      const rule = ruleFor(request.method, request.routeOptions.url ?? '');
      if (rule ? !allows(rule, u.role as Audience) : u.role !== 'admin') {
        throw new ForbiddenError(
          rule === 'edit'
            ? 'Your role can read plans but not change them.'
            : rule === 'plan'
              ? u.role === 'viewer'
                ? 'Your role can read plans but not change them.'
                : 'Heads of service, performance officers and administrators change plans and committee reports. You can record progress on the actions you lead.'
              : 'Your role does not give you access to this page.',
        );
      }
    });
  },
  { name: 'waymark-rule-guard', dependencies: ['waymark-session', 'waymark-csrf'] },
);
