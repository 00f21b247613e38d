import { fieldErrorsOf, isZod, routes, type OperationId, type RouteDef, type RouteInput, type RouteOutput, type Routes } from "@taizhang/contract";
import type { z } from "zod";
import { AppError } from "./app-error.js";
import type { Caller } from "./caller.js";
import type { UseCases } from "./index.js";

/** The routes that have a use case (all but those only the HTTP layer answers). */
export type InvokableOperation = OperationId & keyof UseCases;

/** A route's input as a caller holds it (ids and numbers plain, as the client takes them), with the route's headers. */
export type InvokeInput<K extends InvokableOperation> = RouteInput<Routes[K]> & { headers?: Record<string, string> };

/** Path and query values as they would travel in a URL, so the route's schemas coerce them exactly as the API's do. */
function asUrlValues(values: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries((values ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null || value === "") continue;
    out[key] = String(value);
  }
  return out;
}

function check<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): unknown {
  if (schema === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = fieldErrorsOf(parsed.error, where);
  const first = errors[0];
  throw new AppError("validation-failed", first ? `${first.path}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}` : "the request is not valid", { errors });
}

function jsonSchemaOf(route: RouteDef): z.ZodType | undefined {
  const schema = route.request?.body?.content["application/json"]?.schema;
  return schema !== undefined && isZod(schema) ? schema : undefined;
}

/**
 * Calls a use case the way the API's route would: the input is checked and
 * parsed by the route's own schemas of the contract (path, query, headers,
 * JSON body; defaults filled in, refusals as `validation-failed` naming the
 * field), then handed to the use case with the caller. The door of programs
 * that open the store themselves (the TUI's local mode, the CLI), so they
 * take the same input and get the same answers as a client of the API.
 */
export async function invokeUseCase<K extends InvokableOperation>(useCases: UseCases, caller: Caller, operation: K, input: InvokeInput<K>): Promise<RouteOutput<Routes[K]>> {
  const route: RouteDef = routes[operation];
  const given = input as { params?: unknown; query?: unknown; json?: unknown; headers?: Record<string, string> };
  const parsed = {
    params: check(route.request?.params, asUrlValues(given.params), "path"),
    query: check(route.request?.query, asUrlValues(given.query), "query"),
    headers: check(route.request?.headers, Object.fromEntries(Object.entries(given.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])), "header"),
    json: check(jsonSchemaOf(route), given.json, "body"),
  };
  const useCase = useCases[operation] as unknown as (caller: Caller, input: typeof parsed) => Promise<RouteOutput<Routes[K]>>;
  return useCase(caller, parsed);
}
