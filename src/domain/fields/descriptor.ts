// The shape of a field description: one record per field of an entity (name, column, label, kind,
// validation, export header, import aliases, audit label, where it shows), from which the layers
// build their own pieces — the zod schema, the repository's columns, form values, audit labels, the
// export table and the import headers. Pure: this folder imports nothing, not even the rest of the domain.

/** What a field holds, which decides how each layer treats it. */
export type FieldKind =
  | 'text' // one line
  | 'longText' // paragraphs: a textarea in the form, lines kept on import
  | 'date' // ISO YYYY-MM-DD
  | 'enum' // one of a fixed list of words
  | 'number'
  | 'people' // names, each linked to a person when one is known
  | 'links' // names or ids of other records
  | 'flag';

/** Header spellings an importer accepts for a field (matched on the normalised header: lower case, punctuation as spaces). */
export interface ImportAliases {
  /** The whole header is one of these ("Outcome", "Outcomes"). */
  exact?: readonly string[];
  /** The header holds one of these as whole words ("Critical success factors (CSFs)"). */
  words?: readonly string[];
  /**
   * Tested before the list, goal and objective columns rather than with the description parts,
   * for a header whose words would otherwise be taken for another field ("Environmental impacts").
   */
  early?: boolean;
  /**
   * Whole words the header matcher tries at the field's earlier place, before the plain text
   * fields' aliases ("Target date", "Completion date": due dates, whatever else the header says).
   */
  firstWords?: readonly string[];
}

export interface FieldDescriptor {
  /** camelCase, as forms, services and files name it. */
  name: string;
  /** snake_case, the database column. */
  column: string;
  /** What the form and the action page call it. */
  label: string;
  kind: FieldKind;
  /** The field in validation messages ("Critical success factors must be 5000 characters or fewer"); defaults to the label in lower case. */
  message?: string;
  /** Longest accepted text (default 5000). */
  maxLength?: number;
  /** Whether the form must give it ("Enter the title"); default false. */
  required?: boolean;
  /** The column header of the export table, read back by the importer; null when not exported. */
  exportHeader: string | null;
  /** The importer's name for the field, where older import drafts stored another ("csf"); defaults to `name`. */
  importField?: string;
  /** What the import preview's column mapping calls it; defaults to the export header. */
  importLabel?: string;
  importAliases?: ImportAliases;
  /** How the audit trail names it; defaults to the label. */
  auditLabel?: string;
  /**
   * A date that may not fall before another date field of the same list (its name): "Due date must
   * be the same as or after the start date".
   */
  notBefore?: string;
  /** Rows of its textarea on the form (long text). */
  rows?: number;
  /**
   * One of the parts of the councils' "Description" cell (Target, Outcome, Critical Success
   * Factors, Environmental Impacts): shown in the form's Description fieldset and the plan table's
   * Description column, split out of an imported "Description" column, and required in Waymark's
   * JSON. Fields added later follow them in the form and may be left out of older JSON files.
   */
  inDescription?: boolean;
  /** Whether the form, the action page and the export show it (default true). */
  form?: boolean;
  view?: boolean;
  export?: boolean;
}

/** A descriptor's name for the importer: its `importField`, else its name. */
export type ImportFieldOf<D> = D extends { importField: infer F extends string } ? F : D extends { name: infer N extends string } ? N : never;

/** The descriptor with every default filled in. */
export interface ResolvedField<D extends FieldDescriptor = FieldDescriptor> {
  name: D['name'];
  column: D['column'];
  label: string;
  kind: FieldKind;
  message: string;
  maxLength: number;
  required: boolean;
  exportHeader: string | null;
  importField: string;
  importLabel: string;
  importAliases: Required<Omit<ImportAliases, 'early'>> & { early: boolean };
  auditLabel: string;
  notBefore: string | null;
  rows: number;
  inDescription: boolean;
  form: boolean;
  view: boolean;
  export: boolean;
}

export function resolveField<D extends FieldDescriptor>(d: D): ResolvedField<D> {
  return {
    name: d.name,
    column: d.column,
    label: d.label,
    kind: d.kind,
    message: d.message ?? d.label.toLowerCase(),
    maxLength: d.maxLength ?? 5000,
    required: d.required ?? false,
    exportHeader: d.exportHeader,
    importField: d.importField ?? d.name,
    importLabel: d.importLabel ?? d.exportHeader ?? d.label,
    importAliases: {
      exact: d.importAliases?.exact ?? [],
      words: d.importAliases?.words ?? [],
      early: d.importAliases?.early ?? false,
      firstWords: d.importAliases?.firstWords ?? [],
    },
    auditLabel: d.auditLabel ?? d.label,
    notBefore: d.notBefore ?? null,
    rows: d.rows ?? 2,
    inDescription: d.inDescription ?? false,
    form: d.form ?? true,
    view: d.view ?? true,
    export: d.export ?? true,
  };
}

/** ` critical success factors ` (as import-headers.ts normalises a header) against a field's aliases. */
export function matchesAliases(normalised: string, aliases: Pick<ResolvedField['importAliases'], 'exact' | 'words'>): boolean {
  const whole = normalised.trim();
  return aliases.exact.includes(whole) || aliases.words.some((w) => normalised.includes(` ${w} `));
}

/** The same, against the words tried first (`firstWords`). */
export function matchesFirstWords(normalised: string, aliases: ResolvedField['importAliases']): boolean {
  return matchesAliases(normalised, { exact: [], words: aliases.firstWords });
}

/** Resolves a list of descriptors, keeping each one's literal name and column in the type. */
export function resolveFields<D extends FieldDescriptor>(list: readonly D[]): readonly ResolvedField<D>[] {
  return list.map((d) => resolveField<FieldDescriptor>(d) as ResolvedField<D>);
}

/** A resolved field by its name. */
export function fieldNamed<D extends FieldDescriptor, N extends D['name']>(list: readonly ResolvedField<D>[], name: N): ResolvedField<Extract<D, { name: N }>> {
  const f = list.find((x) => x.name === name);
  if (!f) throw new Error(`No field ${name}`);
  return f as ResolvedField<Extract<D, { name: N }>>;
}

/**
 * A field's value as stored and passed between the layers: a number for a number field, text for
 * the rest (a date as ISO), and null when blank — unless the field is `required: true`, whose
 * column is NOT NULL.
 */
export type StoredValue<D> = (D extends { kind: 'number' } ? number : string) | (D extends { required: true } ? never : null);
/** A list's values by name, each as stored. */
export type StoredValues<D extends FieldDescriptor> = { [K in D as K['name']]: StoredValue<K> };
/** A list's columns, each as stored: what a table's type takes from the list. */
export type StoredColumns<D extends FieldDescriptor> = { [K in D as K['column']]: StoredValue<K> };

/** A record's columns by name, each keeping its own type (a required field's is not null). */
export function storedValues<D extends FieldDescriptor>(list: readonly ResolvedField<D>[], row: Readonly<StoredColumns<D>>): StoredValues<D> {
  const from = row as Readonly<Record<string, unknown>>;
  return Object.fromEntries(list.map((f) => [f.name, from[f.column]])) as StoredValues<D>;
}

/** Values by name as columns, each keeping its own type. */
export function storedColumns<D extends FieldDescriptor>(list: readonly ResolvedField<D>[], values: Readonly<StoredValues<D>>): StoredColumns<D> {
  const from = values as Readonly<Record<string, unknown>>;
  return Object.fromEntries(list.map((f) => [f.column, from[f.name]])) as StoredColumns<D>;
}
