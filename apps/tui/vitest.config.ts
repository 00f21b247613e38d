import { defineTaizhangProject } from "@taizhang/vitest-config";

// Files run one after another: two of them build the bin (turbo) before spawning it,
// and two builds of the same packages at once can read each other's half-written dist/.
export default defineTaizhangProject({ test: { name: "tui", fileParallelism: false } });
