import fp from 'fastify-plugin';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';

// The typed edge: every route's `schema` (params, querystring, body) is a zod schema
// (src/web/schemas.ts), checked here before the handler runs; the handler gets the parsed values.
// A request that does not fit is refused in errors.ts: a malformed id is "Page not found", any
// other misfit a 400 page that says which fields were wrong.
export const edgePlugin = fp(
  async (app) => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
  },
  { name: 'waymark-edge' },
);
