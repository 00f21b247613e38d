import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DocumentError } from "./document-error.js";

/** Debian's LibreOffice (libreoffice-writer) where it is installed; TAIZHANG_SOFFICE names another. */
export function findLibreOffice(): string | null {
  const candidates = [process.env["TAIZHANG_SOFFICE"], "/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice", "/opt/libreoffice/program/soffice"];
  return candidates.find((c): c is string => c !== undefined && c !== "" && existsSync(c)) ?? null;
}

const CONVERSION_TIMEOUT_MS = 120_000;

export const LEGACY_HINT =
  "open it in Word or WPS and save it as .docx (文件 → 另存为 → Word 文档), or convert it with LibreOffice: soffice --headless --convert-to docx FILE";

/**
 * Converts a legacy Word or WPS file (an OLE compound file: .doc, .wps) to
 * .docx with LibreOffice, headless, in a private temporary directory and
 * profile. Without LibreOffice, a DocumentError says how to convert it.
 */
export async function convertLegacyDocument(bytes: Uint8Array, soffice: string | null = findLibreOffice()): Promise<Uint8Array> {
  if (soffice === null) {
    throw new DocumentError("legacy-format", `this is a legacy Word/WPS file (.doc or .wps), which is read only through LibreOffice, and none is installed: ${LEGACY_HINT}`);
  }
  const dir = await mkdtemp(join(tmpdir(), "taizhang-convert-"));
  try {
    const input = join(dir, "plan.doc");
    await writeFile(input, bytes);
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", "docx", "--outdir", join(dir, "out"), input],
        { timeout: CONVERSION_TIMEOUT_MS, env: { ...process.env, HOME: dir } },
        (error, _stdout, stderr) => (error === null ? resolve() : reject(new Error(`${error.message}${stderr === "" ? "" : `: ${stderr.trim()}`}`))),
      );
    });
    const produced = (await readdir(join(dir, "out")).catch(() => [])).find((f) => f.endsWith(".docx"));
    if (produced === undefined) throw new Error("LibreOffice wrote no .docx (the file may be damaged, or not a text document)");
    return new Uint8Array(await readFile(join(dir, "out", produced)));
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError("conversion-failed", `LibreOffice could not convert this legacy Word/WPS file: ${error instanceof Error ? error.message : String(error)}; ${LEGACY_HINT}`, { cause: error });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
