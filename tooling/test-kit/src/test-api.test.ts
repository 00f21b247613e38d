import { describe, expect, it } from "vitest";
import { createTestApi, TEST_BASE_URL } from "./index.js";

describe("createTestApi", () => {
  it("answers the real API in process, with a token per role", async () => {
    const api = await createTestApi();
    try {
      const plans = (await (await api.fetch(`${TEST_BASE_URL}/api/plans`)).json()) as { items: Array<{ id: string }> };
      expect(plans.items.map((p) => p.id)).toContain("chengdu-2015");
      const session = await api.fetch(`${TEST_BASE_URL}/api/tokens`, { headers: { authorization: `Bearer ${api.tokens.officeA}` } });
      expect(session.status).toBe(403);
      const admin = await api.fetch(`${TEST_BASE_URL}/api/tokens`, { headers: { authorization: `Bearer ${api.tokens.admin}` } });
      expect(admin.status).toBe(200);
    } finally {
      await api.close();
    }
  });
});
