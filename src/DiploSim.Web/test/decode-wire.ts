// Reads the wire samples a C# test wrote (tests/DiploSim.Server.Tests/WebContractTests.cs) with the page's generated
// parsers: each record from its JSON and its MessagePack bytes, which must give the same value; each move through the
// union, which must pick its kind and refuse it without any one of its required fields; and a malformed push, refused.
// Run by that test: vite-node test/decode-wire.ts DIR
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { decode } from '@msgpack/msgpack';
import { z } from 'zod';
import * as c from '../src/generated/contract';

const dir = process.argv[2];
if (!dir) throw new Error('usage: vite-node test/decode-wire.ts DIR');

const schemas = c.records as Record<string, z.ZodType>;
const schemaOf = (name: string): z.ZodType => {
  if (name.startsWith('Reply.')) return c.Reply(schemaOf(name.slice('Reply.'.length)));
  const primitive = ({ Int32: z.number(), Int64: z.number(), Double: z.number(), Boolean: z.boolean(), String: z.string() } as Record<string, z.ZodType>)[name];
  if (primitive) return primitive;
  const moves = c as unknown as Record<string, z.ZodType>;
  const schema = schemas[name] ?? (name.endsWith('Move') ? moves[name] : undefined);
  if (!schema) throw new Error(`no schema named ${name} in the generated contract`);
  return schema;
};

const failures: string[] = [];
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { name: string; schema: string; required: string[] }[];
for (const { name, schema, required } of manifest) {
  const fromJson = schemaOf(schema).safeParse(JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')));
  const fromPack = schemaOf(schema).safeParse(decode(readFileSync(join(dir, `${name}.msgpack`))));
  if (!fromJson.success) failures.push(`${name} (JSON): ${JSON.stringify(fromJson.error.issues)}`);
  if (!fromPack.success) failures.push(`${name} (MessagePack): ${JSON.stringify(fromPack.error.issues)}`);
  if (fromJson.success && fromPack.success && !isDeepStrictEqual(fromJson.data, fromPack.data)) failures.push(`${name}: JSON and MessagePack read differently`);
  if (!name.startsWith('Move.') || !fromPack.success) continue;

  // The union tells the kinds apart, and a move is only a move with all its required fields.
  const kind = name.slice('Move.'.length);
  const move = c.Move.safeParse(decode(readFileSync(join(dir, `${name}.msgpack`))));
  if (!move.success || move.data.Kind !== kind) failures.push(`${name}: the move union did not read it as ${kind}`);
  for (const field of required) {
    const without = { ...(fromPack.data as Record<string, unknown>), [field]: null };
    if (c.Move.safeParse(without).success) failures.push(`${name}: the move union reads it without its required ${field}`);
  }
}

// A push the page cannot read is refused, not half read.
const event = JSON.parse(readFileSync(join(dir, 'EventDto.json'), 'utf8')) as Record<string, unknown>;
if (c.EventDto.safeParse({ ...event, Sequence: 'seven' }).success) failures.push('an event with a text sequence was read');
if (c.EventDto.safeParse({ ...event, Outcome: { Turn: 1 } }).success) failures.push('an event with half an outcome was read');
if (c.Move.safeParse({ Kind: 'Teleport', Target: 'RUS' }).success) failures.push('a move of an unknown kind was read');

if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`${manifest.length} wire samples read`);
