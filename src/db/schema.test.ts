import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { sql } from 'kysely';
import ts from 'typescript';
import { ACTION_DATE_FIELDS, ACTION_TEXT_FIELDS } from '../domain/fields/action-fields.ts';
import { PLAN_FIELDS } from '../domain/fields/plan-fields.ts';
import { eachDialect } from '../../test/support/databases.ts';

// src/db/schema.ts (the table types Kysely checks every query against) is written by hand, so it is
// checked here against the database the migrations build, on both dialects: every table and column
// it declares exists, every table and column the migrations make is declared, and nullability
// agrees (`T | null` exactly when the column may be null). A `Generated<…>` column must be one the
// database fills in: an identity/autoincrement column, one with a default, or a nullable one.

interface DeclaredColumn {
  nullable: boolean;
  generated: boolean;
}

/**
 * Columns a table interface takes from a field list by `extends` (src/domain/fields/), as the
 * list's `…Columns` type declares them: nullable unless the field is required.
 */
const fromList = (list: readonly { column: string; required: boolean }[]) => list.map((f) => ({ column: f.column, nullable: !f.required }));
const FIELD_LIST_COLUMNS: Record<string, readonly { column: string; nullable: boolean }[]> = {
  ActionTextColumns: fromList(ACTION_TEXT_FIELDS),
  ActionDateColumns: fromList(ACTION_DATE_FIELDS),
  PlanColumns: fromList(PLAN_FIELDS),
};

/** The tables and columns schema.ts declares, read from its source with the TypeScript parser. */
function declaredSchema(): Map<string, Map<string, DeclaredColumn>> {
  const file = new URL('./schema.ts', import.meta.url);
  const source = ts.createSourceFile('schema.ts', fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
  });
  const database = interfaces.get('Database');
  assert.ok(database, 'schema.ts declares interface Database');
  const tables = new Map<string, Map<string, DeclaredColumn>>();
  for (const member of database.members) {
    assert.ok(ts.isPropertySignature(member) && member.type && ts.isTypeReferenceNode(member.type), 'each table of Database is an interface');
    const tableName = (member.name as ts.Identifier).text;
    const shape = interfaces.get(member.type.typeName.getText(source));
    assert.ok(shape, `schema.ts declares the interface of ${tableName}`);
    const columns = new Map<string, DeclaredColumn>();
    for (const heritage of shape.heritageClauses?.flatMap((h) => h.types) ?? []) {
      const from = FIELD_LIST_COLUMNS[heritage.expression.getText(source)];
      assert.ok(from, `schema.ts: ${tableName} extends ${heritage.expression.getText(source)}, which this test does not know`);
      for (const { column, nullable } of from) columns.set(column, { nullable, generated: false });
    }
    for (const col of shape.members) {
      if (!ts.isPropertySignature(col) || !col.type) continue;
      let type = col.type;
      let generated = false;
      if (ts.isTypeReferenceNode(type) && type.typeName.getText(source) === 'Generated' && type.typeArguments?.[0]) {
        generated = true;
        type = type.typeArguments[0];
      }
      const nullable = ts.isUnionTypeNode(type) && type.types.some((t) => ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword);
      columns.set((col.name as ts.Identifier).text, { nullable, generated });
    }
    tables.set(tableName, columns);
  }
  return tables;
}

eachDialect('schema.ts against the migrated database', (ctx) => {
  test('every table and column agrees, with the same nullability', async () => {
    const declared = declaredSchema();
    const primaryKey = async (table: string): Promise<string[]> =>
      (await sql<{ name: string }>`select name from pragma_table_info(${table}) where pk > 0`.execute(ctx.kysely)).rows.map((r) => r.name);
    const actual = await ctx.kysely.introspection.getTables();
    const problems: string[] = [];
    const actualNames = new Set(actual.map((t) => t.name));
    for (const name of declared.keys()) if (!actualNames.has(name)) problems.push(`${name}: in schema.ts, not in the database`);
    for (const table of actual) {
      const columns = declared.get(table.name);
      if (!columns) {
        problems.push(`${table.name}: in the database, not in schema.ts`);
        continue;
      }
      const actualColumns = new Set(table.columns.map((c) => c.name));
      for (const name of columns.keys()) if (!actualColumns.has(name)) problems.push(`${table.name}.${name}: in schema.ts, not in the database`);
      for (const c of table.columns) {
        const d = columns.get(c.name);
        if (!d) {
          problems.push(`${table.name}.${c.name}: in the database, not in schema.ts`);
          continue;
        }
        // SQLite reports a primary key without NOT NULL as nullable (its legacy quirk); it is declared not null, as PostgreSQL makes it.
        const sqliteKey = ctx.dialect === 'sqlite' && c.isNullable && !d.nullable && (await primaryKey(table.name)).includes(c.name);
        if (!c.isAutoIncrementing && !sqliteKey && d.nullable !== c.isNullable) {
          problems.push(`${table.name}.${c.name}: ${d.nullable ? 'nullable' : 'not null'} in schema.ts, ${c.isNullable ? 'nullable' : 'not null'} in the database`);
        }
        if (c.isAutoIncrementing && d.nullable) problems.push(`${table.name}.${c.name}: an identity column, declared nullable`);
        if (d.generated && !c.isAutoIncrementing && !c.hasDefaultValue && !c.isNullable) problems.push(`${table.name}.${c.name}: Generated in schema.ts, but the database has no default for it`);
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(declared.size >= 30, 'the check read the tables of schema.ts');
  });
});
