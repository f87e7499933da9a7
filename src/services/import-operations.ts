import type { ImportWarning, ParsedAction } from '../domain/import-tables.ts';
import type { ActionService } from './actions.ts';
import type { OrganisationService } from './organisation.ts';
import type { PlanService } from './plans.ts';
import type { ProgressService } from './progress.ts';
import type { YearService } from './years.ts';

// What an import writes into and through (src/services/import-writer.ts writes; imports.ts reads
// and previews): its target, what it did, and the few use cases it writes through.

/**
 * The few use cases an import writes through, each checked and audited as if done by hand: the
 * services of one transaction (Services.atomically) provide them.
 */
export interface ImportOperations {
  plans: Pick<PlanService, 'get' | 'list' | 'detail' | 'create' | 'update' | 'createGoal' | 'createObjective' | 'updateObjective'>;
  organisation: Pick<OrganisationService, 'council' | 'updateSettings' | 'unit' | 'unitByCode' | 'units' | 'createUnit'>;
  years: Pick<YearService, 'get' | 'byLabel' | 'create'>;
  actions: Pick<ActionService, 'detail' | 'create' | 'update'>;
  progress: Pick<ProgressService, 'history' | 'importUpdate'>;
}

export interface ImportTarget {
  /** Short code of the org unit. */
  orgCode?: string;
  /**
   * The name of a new org unit to create when no unit has orgCode. Without it (and without a
   * Waymark export naming that unit), an unknown code is refused: a mistyped code must not quietly
   * become a new service.
   */
  newUnitName?: string;
  /** Plan year label such as 2018/19; created when missing. */
  year?: string;
  /** An existing plan, instead of orgCode and year. */
  planId?: number;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportOutcome {
  planId: number;
  orgCode: string;
  year: string;
  /** What the import had to create around the plan, in sentences ("Created plan year 2015/16"). */
  notes: string[];
  objectives: ImportCounts;
  actions: ImportCounts;
  updates: { created: number; unchanged: number };
  warnings: ImportWarning[];
}

/** What an import into an unknown org unit code says when no name was given for a new one. */
export const unknownUnitMessage = (code: string): string =>
  `No org unit has the short code ${code}. Check the code, or give the name of the new org unit to create it`;

export const hasProgress = (a: ParsedAction): boolean => a.status !== null || a.percentComplete !== null || a.narrative !== null;
