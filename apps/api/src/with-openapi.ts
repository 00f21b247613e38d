import { z } from "@hono/zod-openapi";

/**
 * `.openapi(...)` for any schema. Zod 4 copies prototype methods onto each
 * schema when it is built, so schemas that core built before
 * @hono/zod-openapi extended zod lack the method; this calls it anyway.
 */
export function withOpenApi<T extends z.ZodType>(schema: T, refIdOrMetadata: string | Record<string, unknown>): T {
  const openapi = z.ZodType.prototype.openapi as unknown as (this: T, arg: typeof refIdOrMetadata) => T;
  return openapi.call(schema, refIdOrMetadata);
}
