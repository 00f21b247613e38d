import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit.js";

/** A commit function that records each group it was given and fails on the items it is told to. */
function recorder(failOn: (item: number) => boolean = () => false) {
  const groups: number[][] = [];
  const commit = async (items: readonly number[]) => {
    groups.push([...items]);
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (items.some(failOn)) throw new Error(`commit failed on ${items.filter(failOn).join(",")}`);
    return items.map((i) => i * 10);
  };
  return { groups, commit };
}

describe("group commit", () => {
  it("commits the writes submitted together in one group, and later ones in the next", async () => {
    const { groups, commit } = recorder();
    const group = new GroupCommit(commit);
    const first = [1, 2, 3].map((i) => group.submit(i));
    // Submitted while the first group is committing: they wait for the next one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const second = [4, 5].map((i) => group.submit(i));
    expect(await Promise.all([...first, ...second])).toEqual([10, 20, 30, 40, 50]);
    expect(groups).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it("settles a caller only once the group holding its write has committed", async () => {
    let release = (): void => undefined;
    const committed: number[] = [];
    const group = new GroupCommit(async (items: readonly number[]) => {
      await new Promise<void>((resolve) => (release = resolve));
      committed.push(...items);
      return [...items];
    });
    let settled = false;
    const write = group.submit(7).then((r) => {
      settled = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(settled).toBe(false);
    release();
    expect(await write).toBe(7);
    expect(committed).toEqual([7]);
  });

  it("fails only the write that fails, committing the rest of its group on their own", async () => {
    const { groups, commit } = recorder((i) => i === 2);
    const group = new GroupCommit(commit);
    const outcomes = await Promise.allSettled([1, 2, 3].map((i) => group.submit(i)));
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : (o.reason as Error).message))).toEqual([10, "commit failed on 2", 30]);
    expect(groups).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it("passes a lone write's failure to its caller and keeps going for the next", async () => {
    const { commit } = recorder((i) => i === 1);
    const group = new GroupCommit(commit);
    await expect(group.submit(1)).rejects.toThrow("commit failed on 1");
    expect(await group.submit(2)).toBe(20);
  });
});
