import type { z } from "zod";

/** HTTP methods the API uses. */
export type Method = "get" | "post" | "put" | "patch" | "delete";

/** A body or response content: a zod schema, or a plain OpenAPI schema object for bytes and text the handler reads itself. */
export interface MediaType {
  schema: z.ZodType | Record<string, unknown>;
}

export interface RouteRequest {
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: { required?: boolean; description?: string; content: Record<string, MediaType> };
}

export interface RouteResponse {
  description: string;
  headers?: Record<string, { schema: Record<string, unknown>; description?: string }>;
  content?: Record<string, MediaType>;
}

/**
 * One route of the API: what it is called, where it lives, what it takes and
 * what it answers. The shape is what @hono/zod-openapi's `createRoute` takes,
 * so the API mounts it as it is; the client builds requests from it.
 */
export interface RouteDef {
  operationId: string;
  method: Method;
  /** The full path in OpenAPI form, e.g. `/api/tasks/{planId}/{number}`. */
  path: string;
  tags: string[];
  summary: string;
  description?: string;
  /** Routes that need a token say so (`[{ bearer: [] }]`); who may do what is the application layer's policy. */
  security?: Array<Record<string, string[]>>;
  request?: RouteRequest;
  responses: Record<number, RouteResponse>;
}

/** Declares a route; `const` keeps its literal types for the client and the API. */
export const defineRoute = <const R extends RouteDef>(route: R): R => route;

type RequestOf<R extends RouteDef> = R["request"] extends RouteRequest ? R["request"] : Record<never, never>;
type ParamsSchema<R extends RouteDef> = RequestOf<R> extends { params: infer P extends z.ZodObject } ? P : never;
type QuerySchema<R extends RouteDef> = RequestOf<R> extends { query: infer Q extends z.ZodObject } ? Q : never;
type HeadersSchema<R extends RouteDef> = RequestOf<R> extends { headers: infer H extends z.ZodObject } ? H : never;
type JsonSchema<R extends RouteDef> = RequestOf<R> extends { body: { content: { "application/json": { schema: infer S extends z.ZodType } } } } ? S : never;

type IsNever<T> = [T] extends [never] ? true : false;

/** Query fields a caller may leave out are those whose input admits `undefined` (optional, defaulted, coerced). */
type QueryInput<Q extends z.ZodObject> = {
  [K in keyof z.output<Q> as undefined extends z.input<Q>[K & keyof z.input<Q>] ? K : never]?: z.output<Q>[K];
} & {
  [K in keyof z.output<Q> as undefined extends z.input<Q>[K & keyof z.input<Q>] ? never : K]: z.output<Q>[K];
};

/** A branded id (PlanId…) as the plain string or number a caller holds. */
type Unbrand<T> = T extends z.$brand ? (T extends string ? string : T extends number ? number : T) : T;
type Unbranded<O> = { [K in keyof O]: Unbrand<O[K]> };

/**
 * What a caller sends: path parameters and query fields as their parsed
 * types, ids as plain strings (the client writes them into the URL), the
 * JSON body as its input.
 */
export type RouteInput<R extends RouteDef> = (IsNever<ParamsSchema<R>> extends true ? unknown : { params: Unbranded<z.output<ParamsSchema<R>>> }) &
  (IsNever<QuerySchema<R>> extends true ? unknown : { query?: Unbranded<QueryInput<QuerySchema<R>>> }) &
  (IsNever<JsonSchema<R>> extends true ? unknown : { json: z.input<JsonSchema<R>> });

/** What the API validated: the parsed path parameters, query, declared headers and JSON body. */
export type ParsedInput<R extends RouteDef> = (IsNever<ParamsSchema<R>> extends true ? unknown : { params: z.output<ParamsSchema<R>> }) &
  (IsNever<QuerySchema<R>> extends true ? unknown : { query: z.output<QuerySchema<R>> }) &
  (IsNever<HeadersSchema<R>> extends true ? unknown : { headers: z.output<HeadersSchema<R>> }) &
  (IsNever<JsonSchema<R>> extends true ? unknown : { json: z.output<JsonSchema<R>> });

type JsonContentOf<T> = T extends { content: { "application/json": { schema: infer S extends z.ZodType } } } ? z.output<S> : never;

/** The success statuses a route answers with JSON (or 204 with nothing). */
export type SuccessStatus = 200 | 201 | 204;

/** The body of a route's success answer: the JSON of its 200/201 response; `undefined` for 204. */
export type RouteOutput<R extends RouteDef> = {
  [K in keyof R["responses"] & SuccessStatus]: K extends 204 ? undefined : JsonContentOf<R["responses"][K]>;
}[keyof R["responses"] & SuccessStatus];

/** The zod schema of a route's success JSON answer, or null (files, 204). */
export function successSchema(route: RouteDef): z.ZodType | null {
  for (const status of [200, 201] as const) {
    const schema = route.responses[status]?.content?.["application/json"]?.schema;
    if (schema !== undefined && isZod(schema)) return schema;
  }
  return null;
}

/** Whether a media type's schema is a zod schema (and not a plain OpenAPI object). */
export function isZod(schema: MediaType["schema"]): schema is z.ZodType {
  return typeof (schema as { safeParse?: unknown }).safeParse === "function";
}

/** The path with its `{name}` parameters filled in, each URI-encoded. */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === "") throw new TypeError(`${path} needs the path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/** Query fields as a URL search string (`?a=1&b=true`); undefined, null and empty values are left out. */
export function queryString(query: Record<string, unknown> | undefined): string {
  if (query === undefined) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, typeof value === "string" ? value : String(value));
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}
