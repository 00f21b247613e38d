import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ProblemSchema } from "./problem.js";
import { createTestApp, type TestApp } from "./test-support/test-app.js";

/*
 * Requests generated from the API's own OpenAPI document: for every operation,
 * path and query parameters and JSON bodies drawn from their schemas — valid
 * ones, and the same with a field dropped, a value of the wrong type, a huge
 * string, or odd Unicode — plus deeply nested and huge bodies. Whatever is
 * sent, as any role, the answer is never a 5xx and every error is
 * problem+json. A new route is fuzzed without touching this file. With
 * TAIZHANG_HEAVY=1 (.ci/run) it sends 4,000 requests (and client-mistakes.test.ts 10,500 more).
 */
const HEAVY = process.env.TAIZHANG_HEAVY === "1";

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  nullable?: boolean;
  additionalProperties?: boolean | Schema;
};
interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

let t: TestApp;
let doc: Doc;
beforeAll(async () => {
  t = await createTestApp({ rateLimitAddress: 0, rateLimitToken: 0 });
  doc = (await (await t.app.request("/openapi.json")).json()) as Doc;
});
afterAll(() => t.close());

const odd = fc.constantFrom("'; drop table progress; --", "../../etc/passwd", "%00", "\u0000", "𠮷𠮷", "\uD800", "‮", "成都市:市政府法制办", "chengdu-2015/1#task", "a".repeat(3000), "-1", "1e309", "NaN", "");

/** Values for a schema: mostly valid, sometimes not (the API must refuse those with a 4xx). */
function arbitraryOf(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if (schema.$ref) return arbitraryOf(doc.components?.schemas?.[schema.$ref.replace("#/components/schemas/", "")], depth + 1);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((s) => arbitraryOf(s, depth + 1)));
  if (schema.allOf?.[0]) return arbitraryOf(schema.allOf[0], depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const of = (type: string): fc.Arbitrary<unknown> => {
    switch (type) {
      case "null":
        return fc.constant(null);
      case "boolean":
        return fc.boolean();
      case "integer":
        return fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 200, 1e6) });
      case "number":
        return fc.double({ min: schema.minimum ?? -1e3, max: schema.maximum ?? 1e3, noNaN: true });
      case "string":
        if (schema.pattern) return fc.oneof(fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 200)), odd);
        if (schema.format === "date") return fc.oneof(fc.date({ min: new Date("2014-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), odd);
        return fc.oneof(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) }), odd);
      case "array":
        return fc.array(arbitraryOf(schema.items, depth + 1), { maxLength: 4 });
      case "object": {
        const props = schema.properties ?? {};
        const required = new Set(schema.required ?? []);
        const record = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, arbitraryOf(s, depth + 1)]));
        return fc.record(record, { requiredKeys: [...required].filter((k) => k in props) });
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  };
  const arbs = types.map(of);
  if (schema.nullable) arbs.push(fc.constant(null));
  return arbs.length === 0 ? fc.jsonValue({ maxDepth: 2 }) : fc.oneof(...arbs);
}

/** A valid-looking value made wrong: a field dropped or retyped, a string blown up, the whole thing replaced. */
const mutate = (value: unknown): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(value) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.nat(), fc.oneof(fc.jsonValue({ maxDepth: 1 }), odd, fc.constant(undefined))).map(([i, replacement]) => {
        if (!value || typeof value !== "object" || Array.isArray(value)) return replacement;
        const keys = Object.keys(value);
        if (keys.length === 0) return { [String(replacement)]: 1 };
        const key = keys[i % keys.length] ?? "";
        return { ...value, [key]: replacement };
      }),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );

const nested = (depth: number, open: string, close: string, middle = "1") => `${open.repeat(depth)}${middle}${close.repeat(depth)}`;

interface Case {
  method: string;
  path: string;
  body?: string;
  contentType?: string;
  role: keyof TestApp["tokens"] | null;
  template?: string;
}

function operationCases(): fc.Arbitrary<Case> {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));
  expect(ops.length).toBeGreaterThan(20);
  return fc.constantFrom(...ops).chain(({ path, method, op }) => {
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === "path");
    const queryParams = params.filter((p) => p.in === "query");
    const json = op.requestBody?.content?.["application/json"]?.schema;
    return fc
      .record({
        path: fc.tuple(...pathParams.map((p) => arbitraryOf(p.schema))).map((values) => {
          let out = path;
          pathParams.forEach((p, i) => {
            // A URL cannot hold a lone surrogate: a client would send U+FFFD.
            const text = String(values[i] ?? "").replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
            out = out.replace(`{${p.name}}`, encodeURIComponent(text));
          });
          return out;
        }),
        query: fc.tuple(...queryParams.map((p) => fc.option(arbitraryOf(p.schema), { nil: undefined }))).map((values) => {
          const q = new URLSearchParams();
          queryParams.forEach((p, i) => {
            if (values[i] !== undefined) q.set(p.name, typeof values[i] === "string" ? values[i] : JSON.stringify(values[i]));
          });
          return q.toString();
        }),
        body: json ? arbitraryOf(json).chain(mutate) : fc.constant(undefined),
        role: fc.constantFrom("admin", "officeA", "officeB", "viewer", null),
      })
      .map(({ path: p, query, body, role }) => ({
        template: `${method} ${path}`,
        method,
        path: `${p}${query ? `?${query}` : ""}`,
        ...(body !== undefined ? { body: JSON.stringify(body), contentType: "application/json" } : {}),
        role: role as Case["role"],
      }));
  });
}

/** Operations (method and path template) that answered 2xx at least once: the generator must reach the handlers, not only the validators. */
const succeeded = new Set<string>();

async function send(c: Case, template?: string): Promise<void> {
  const headers: Record<string, string> = { ...(c.contentType ? { "Content-Type": c.contentType } : {}), "If-Match": '"0"' };
  if (c.role) headers.Authorization = `Bearer ${t.tokens[c.role]}`;
  const res = await t.app.request(c.path, { method: c.method, headers, ...(c.body !== undefined && c.method !== "GET" && c.method !== "HEAD" ? { body: c.body } : {}) });
  const text = await res.text();
  expect(res.status, `${c.method} ${c.path} → ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    ProblemSchema.parse(JSON.parse(text));
  } else if (template) succeeded.add(template);
}

test("every operation of the OpenAPI document, with parameters and bodies generated from its schemas", async () => {
  await fc.assert(
    fc.asyncProperty(operationCases(), async (c) => send(c, c.template)),
    { numRuns: HEAVY ? 3_000 : 300 },
  );
  // Most read routes and several write routes were answered for real, not only refused.
  expect(succeeded.size, [...succeeded].join(", ")).toBeGreaterThanOrEqual(8);
}, HEAVY ? 600_000 : 60_000);

test("deeply nested, huge and malformed JSON bodies on every write operation", async () => {
  const writes = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .filter((m) => ["post", "put", "patch"].includes(m))
      .map((m) => ({ method: m.toUpperCase(), path: path.replace(/\{[^}]+\}/g, (name) => (name === "{unitId}" ? encodeURIComponent("成都市:市政府法制办") : name === "{planId}" ? "chengdu-2015" : name === "{number}" ? "1" : name === "{item}" ? "task" : "x")) })),
  );
  const bodies = fc.oneof(
    fc.integer({ min: 1_000, max: 200_000 }).map((d) => nested(d, "[", "]")),
    fc.integer({ min: 1_000, max: 100_000 }).map((d) => nested(d, '{"a":', "}")),
    fc.integer({ min: 1, max: 100 }).map((d) => `{"note":${nested(d, "[", "]", '"x"')}}`),
    fc.constantFrom('{"percent": 1e999}', '{"percent": -0}', '{"status": null}', '{"__proto__": {"admin": true}}', '{"constructor": {"prototype": {}}}', "[]", "null", '"', "{", '{"a":1,}', "\uFEFF{}", '{"note": "\\ud800"}'),
    fc.integer({ min: 200_000, max: 2_000_000 }).map((n) => JSON.stringify({ note: "法".repeat(n) })),
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...writes), bodies, fc.constantFrom("admin" as const, "officeA" as const), async (w, body, role) => send({ ...w, body, contentType: "application/json", role })),
    { numRuns: HEAVY ? 1_000 : 120 },
  );
}, HEAVY ? 600_000 : 60_000);
