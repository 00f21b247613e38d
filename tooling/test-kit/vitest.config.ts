import { defineTaizhangProject } from "@taizhang/vitest-config";

export default defineTaizhangProject({ test: { name: "test-kit" } });
