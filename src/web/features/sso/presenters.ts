// The single sign-on problem page's view model (see docs/architecture.md, Presenters).

/** Why single sign-on did not sign someone in, with who they signed in to their organisation as. */
export function ssoProblemPage(input: { page: { title: string; lines: readonly string[] }; problem: string; email?: string | null; councilName?: string | null }) {
  return { title: input.page.title, lines: input.page.lines, problem: input.problem, email: input.email, councilName: input.councilName };
}
