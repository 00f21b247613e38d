import { expect } from "vitest";
import type { z } from "zod";
import { PROBLEMS, ProblemSchema, problemType, type Problem, type ProblemKind } from "../problem.js";

/**
 * Checks a response is the problem it should be: its status, content type,
 * a body that parses as a Problem with the right `type`, and a request id
 * equal to the X-Request-Id header.
 */
export async function expectProblem(res: Response, kind: ProblemKind, status: number = PROBLEMS[kind].status): Promise<Problem> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const problem = ProblemSchema.parse(JSON.parse(text));
  expect(problem.type).toBe(problemType(kind));
  expect(problem.status).toBe(status);
  expect(problem.title).toBe(PROBLEMS[kind].title);
  expect(problem.requestId).toBe(res.headers.get("x-request-id"));
  expect(problem.detail.length).toBeGreaterThan(0);
  return problem;
}

/** Checks a 2xx JSON response and parses its body through the route's response schema. */
export async function expectJson<S extends z.ZodType>(res: Response, schema: S, status = 200): Promise<z.infer<S>> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return schema.parse(JSON.parse(text));
}
