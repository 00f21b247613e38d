import { afterAll, beforeAll, expect, test } from "vitest";
import { createClient } from "./index.js";
import { ProgressResponse, TaskDetailResponse, TaskResponse, pageOf } from "./schemas.js";
import { createTestApp, UNIT_A, type TestApp } from "./test-support/test-app.js";

let t: TestApp;
let client: ReturnType<typeof createClient>;
beforeAll(async () => {
  t = await createTestApp({ hosts: ["ledger.test"] });
  client = createClient("http://ledger.test", {
    fetch: (input: Parameters<typeof fetch>[0], init?: RequestInit) => Promise.resolve(t.app.request(input instanceof Request ? input : String(input), init)),
  });
});
afterAll(async () => {
  await t.close();
});

test("the typed client reaches the routes with typed parameters and bodies", async () => {
  const page = await client.api.tasks.$get({ query: { planId: "chengdu-2015", limit: "5" } });
  expect(page.status).toBe(200);
  const tasks = pageOf(TaskResponse).parse(await page.json());
  expect(tasks.items).toHaveLength(5);

  const detail = await client.api.tasks[":planId"][":number"].$get({ param: { planId: "chengdu-2015", number: "1" }, query: {} });
  expect(TaskDetailResponse.parse(await detail.json()).task.id).toBe("chengdu-2015/1");

  const progress = client.api.progress[":planId"][":number"][":item"][":unitId"];
  const params = { param: { planId: "chengdu-2015", number: "1", item: "task", unitId: UNIT_A } };
  const changed = await progress.$patch(
    { ...params, header: { "if-match": '"0"' }, json: { status: "in_progress", percent: 10 } },
    { headers: { Authorization: `Bearer ${t.tokens.officeA}` } },
  );
  expect(changed.status).toBe(200);
  expect(ProgressResponse.parse(await changed.json()).version).toBe(1);
  const read = await progress.$get(params);
  expect(read.headers.get("etag")).toBe('"1"');
});
