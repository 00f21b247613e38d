// Writes docs/schema/<name>.schema.json from the zod schemas of the model:
// `pnpm --filter @taizhang/core generate:schema`. src/schema/json-schemas.test.ts
// fails when a checked-in file differs from what this script would write.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MODEL_DOCUMENT_NAMES, modelJsonSchema } from "../src/schema/json-schemas.js";

const outDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "docs", "schema");
mkdirSync(outDir, { recursive: true });
for (const name of MODEL_DOCUMENT_NAMES) {
  writeFileSync(join(outDir, `${name}.schema.json`), `${JSON.stringify(modelJsonSchema(name), null, 2)}\n`);
  console.log(`docs/schema/${name}.schema.json`);
}
