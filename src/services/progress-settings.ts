import { z } from 'zod';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import type { RagThresholds } from '../domain/rag.ts';
import { DEFAULT_STATUS_WORDS, normaliseStatusWord, STAGES, type Stage, type StatusWord } from '../domain/stages.ts';
import type { Repos } from '../db/repositories/index.ts';
import { audited } from './audited.ts';
import { assertCanAdminister, type Actor, type Deps } from './context.ts';
import { requiredText, type Loose } from './validation.ts';

// The council's progress settings: its status words (each meaning a canonical stage) and its RAG
// thresholds and grace days.

const vocabularySchema = z.object({
  words: z
    .array(z.object({ word: requiredText('the status word', 60), stage: z.enum(STAGES, { error: 'Select the stage each status word means' }) }))
    .min(1, 'Enter at least one status word'),
});

const ragSettingsSchema = z
  .object({
    greenPercent: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number({ error: 'Green threshold must be a whole number from 1 to 100' }).int('Green threshold must be a whole number from 1 to 100').min(1, 'Green threshold must be a whole number from 1 to 100').max(100, 'Green threshold must be a whole number from 1 to 100')),
    amberPercent: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number({ error: 'Amber threshold must be a whole number from 1 to 99' }).int('Amber threshold must be a whole number from 1 to 99').min(1, 'Amber threshold must be a whole number from 1 to 99').max(99, 'Amber threshold must be a whole number from 1 to 99')),
    graceDays: z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.number({ error: 'Grace days must be a whole number from 0 to 60' }).int('Grace days must be a whole number from 0 to 60').min(0, 'Grace days must be a whole number from 0 to 60').max(60, 'Grace days must be a whole number from 0 to 60')),
  })
  .refine((v) => v.amberPercent < v.greenPercent, { path: ['amberPercent'], message: 'Amber threshold must be lower than the green threshold' });

export interface VocabularyInput {
  words: { word: unknown; stage: unknown }[];
}
export type RagSettingsInput = Loose<z.input<typeof ragSettingsSchema>>;

export interface CouncilProgressSettings {
  thresholds: RagThresholds;
  greenPercent: number;
  amberPercent: number;
  graceDays: number;
}

export class ProgressSettingsService {
  constructor(private readonly deps: Deps) {}

  private get repos(): Repos {
    return this.deps.store.repos;
  }

  async vocabulary(actor: Actor, r: Repos = this.repos): Promise<StatusWord[]> {
    const rows = await r.progress.statusWords(actor.tenantId);
    return rows.length ? rows.map((w) => ({ word: w.word, stage: w.stage as Stage })) : DEFAULT_STATUS_WORDS;
  }

  async saveVocabulary(actor: Actor, input: VocabularyInput): Promise<void> {
    assertCanAdminister(actor);
    await audited(this.deps, actor, { entity: 'status_words', event: 'update', schema: vocabularySchema, input }, async (r, v) => {
      const words = v.words.map((w) => ({ word: normaliseStatusWord(w.word), stage: w.stage }));
      const seen = new Set<string>();
      for (const [i, w] of words.entries()) {
        if (seen.has(w.word)) throw new ValidationError({ [`words.${i}.word`]: `${w.word} appears twice` });
        seen.add(w.word);
      }
      const before = await this.vocabulary(actor, r);
      await r.progress.replaceStatusWords(actor.tenantId, words);
      return { id: actor.tenantId, before, after: words };
    });
  }

  async settings(actor: Actor, r: Repos = this.repos): Promise<CouncilProgressSettings> {
    const t = await r.tenants.get(actor.tenantId);
    if (!t) throw new NotFoundError('Council');
    return { thresholds: { green: t.rag_green_percent / 100, amber: t.rag_amber_percent / 100 }, greenPercent: t.rag_green_percent, amberPercent: t.rag_amber_percent, graceDays: t.grace_days };
  }

  async saveSettings(actor: Actor, input: RagSettingsInput): Promise<void> {
    assertCanAdminister(actor);
    await audited(this.deps, actor, { entity: 'council', event: 'update', schema: ragSettingsSchema, input }, async (r, v) => {
      const before = await this.settings(actor, r);
      await r.tenants.updateRagSettings(actor.tenantId, v);
      return { id: actor.tenantId, before };
    });
  }
}
