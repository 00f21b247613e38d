export { buildTestPlan, type TestMilestoneSpec, type TestPlanSpec, type TestTaskSpec, type TestUnitSpec } from "./plan-builder.js";
export { EVIDENCE_SAMPLES, storedZip } from "./evidence-samples.js";
