import { EvidenceUploadResponse, ProgressResponse } from "@taizhang/contract";
import { EVIDENCE_SAMPLES } from "@taizhang/core/testing";
import { afterEach, describe, expect, test } from "vitest";
import { expectJson, expectProblem } from "../test-support/responses.js";
import { asCaller, createTestApp, progressPath, UNIT_A, UNIT_B, type TestApp } from "../test-support/test-app.js";
import type { ApiConfig } from "../env.js";
import { contentDisposition } from "../uploaded-file.js";

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const bearer = (token: string | null): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});

function form(bytes: Uint8Array, name: string, type = ""): FormData {
  const body = new FormData();
  body.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, type ? { type } : {}));
  return body;
}

const upload = (token: string | null, body: FormData | Uint8Array, { unit = UNIT_A, type, query = "" }: { unit?: string; type?: string; query?: string } = {}) =>
  t.app.request(`${progressPath(unit)}/evidence${query}`, {
    method: "POST",
    headers: { ...bearer(token), ...(type ? { "Content-Type": type } : {}) },
    body: body instanceof FormData ? body : (body as Uint8Array<ArrayBuffer>),
  });

async function attach(token: string, file: unknown, unit = UNIT_A) {
  const current = await expectJson(await t.app.request(progressPath(unit), { headers: bearer(token) }), ProgressResponse);
  return t.app.request(progressPath(unit), {
    method: "PATCH",
    headers: asCaller(token, { "If-Match": `"${current.version}"` }),
    body: JSON.stringify({ evidence: [...current.evidence, { description: "印发文件扫描件", url: null, file }] }),
  });
}

async function start(overrides: Partial<ApiConfig> = {}) {
  t = await createTestApp(overrides);
}

describe("POST evidence", () => {
  test("an office uploads a PDF for its own row: stored by sha256, its type read from the bytes, the same bytes twice kept once", async () => {
    await start();
    const pdf = EVIDENCE_SAMPLES.pdf();
    const first = await expectJson(await upload(t.tokens.officeA, form(pdf, "关于印发方案的通知.pdf", "application/pdf")), EvidenceUploadResponse, 201);
    expect(first.file).toMatchObject({ name: "关于印发方案的通知.pdf", mediaType: "application/pdf", size: pdf.length });
    expect(first.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.created).toBe(true);
    const again = await expectJson(await upload(t.tokens.admin, form(pdf, "copy.pdf")), EvidenceUploadResponse, 201);
    expect(again).toMatchObject({ created: false, file: { sha256: first.file.sha256, name: "copy.pdf" } });
    // A raw body works too, named by the query; a name's folders are dropped.
    const raw = await expectJson(await upload(t.tokens.officeA, EVIDENCE_SAMPLES.png(), { type: "image/png", query: "?name=..%2F..%2Fphoto.png" }), EvidenceUploadResponse, 201);
    expect(raw.file).toMatchObject({ name: "photo.png", mediaType: "image/png" });
  });

  test("another office's row, a viewer and no token are refused before anything is stored", async () => {
    await start();
    const pdf = EVIDENCE_SAMPLES.pdf();
    await expectProblem(await upload(t.tokens.officeB, form(pdf, "a.pdf")), "forbidden");
    await expectProblem(await upload(t.tokens.viewer, form(pdf, "a.pdf")), "forbidden");
    await expectProblem(await upload(null, form(pdf, "a.pdf")), "unauthorized");
    // Office B's own row of the same item is fine.
    await expectJson(await upload(t.tokens.officeB, form(pdf, "a.pdf"), { unit: UNIT_B }), EvidenceUploadResponse, 201);
    await expectProblem(await upload(t.tokens.admin, form(pdf, "a.pdf"), { unit: "成都市:没有这个单位" }), "not-found");
  });

  test("wrong magic bytes: HTML named .pdf, a plain ZIP, and a PNG declared as a PDF are 415 saying what evidence may be", async () => {
    await start();
    const html = await expectProblem(await upload(t.tokens.officeA, form(EVIDENCE_SAMPLES.htmlAsPdf(), "scan.pdf", "application/pdf")), "unsupported-media-type");
    expect(html.detail).toMatch(/PDF, JPEG, PNG, WebP, OFD, \.docx, \.xlsx/);
    expect(html.detail).toMatch(/content/);
    await expectProblem(await upload(t.tokens.officeA, form(EVIDENCE_SAMPLES.plainZip(), "scan.docx")), "unsupported-media-type");
    const lie = await expectProblem(await upload(t.tokens.officeA, form(EVIDENCE_SAMPLES.png(), "scan.pdf", "application/pdf")), "unsupported-media-type");
    expect(lie.detail).toBe("the file is declared PDF but its content is PNG");
    await expectProblem(await upload(t.tokens.officeA, new TextEncoder().encode("hello"), { type: "text/plain" }), "unsupported-media-type");
  });

  test("size and type limits come from the configuration: 413 names TAIZHANG_EVIDENCE_MAX_BYTES, a type left out is 415, an empty file 422", async () => {
    await start({ evidence: { maxBytes: 1000, types: ["application/pdf"] } });
    const big = new Uint8Array(1001);
    big.set(EVIDENCE_SAMPLES.pdf());
    const tooLarge = await expectProblem(await upload(t.tokens.officeA, form(big, "big.pdf")), "payload-too-large");
    expect(tooLarge.limit).toEqual({ name: "TAIZHANG_EVIDENCE_MAX_BYTES", value: 1000 });
    // Far past the limit, the body is cut off before it is read whole.
    const huge = await expectProblem(await upload(t.tokens.officeA, form(new Uint8Array(200_000), "huge.pdf")), "payload-too-large");
    expect(huge.limit).toEqual({ name: "TAIZHANG_EVIDENCE_MAX_BYTES", value: 1000 });
    const png = await expectProblem(await upload(t.tokens.officeA, form(EVIDENCE_SAMPLES.png(), "a.png")), "unsupported-media-type");
    expect(png.detail).toMatch(/PNG files are not taken here: evidence may be PDF/);
    const empty = await expectProblem(await upload(t.tokens.officeA, form(new Uint8Array(), "empty.pdf")), "validation-failed", 400);
    expect(empty.errors).toEqual([{ path: "body.file", message: "the file is empty" }]);
  });

  test("a form without a file part is refused naming it", async () => {
    await start();
    const body = new FormData();
    body.set("name", "x");
    const problem = await expectProblem(await upload(t.tokens.officeA, body), "validation-failed");
    expect(problem.errors?.[0]?.path).toBe("body.file");
  });
});

describe("attaching and reading evidence files", () => {
  test("a reader gets the bytes back with its type, name, nosniff and the sha256 as ETag; If-None-Match answers 304", async () => {
    await start();
    const pdf = EVIDENCE_SAMPLES.pdf();
    const { file } = await expectJson(await upload(t.tokens.officeA, form(pdf, "印发通知 (2020).pdf")), EvidenceUploadResponse, 201);
    const saved = await expectJson(await attach(t.tokens.officeA, file), ProgressResponse);
    expect(saved.evidence).toEqual([{ description: "印发文件扫描件", url: null, file }]);
    const path = `${progressPath(UNIT_A)}/evidence/${file.sha256}`;
    // Reading is open (no token), as every row is (TAIZHANG_READ_REQUIRES_TOKEN unset).
    const res = await t.app.request(path);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("etag")).toBe(`"${file.sha256}"`);
    expect(res.headers.get("content-disposition")).toBe(contentDisposition("inline", "印发通知 (2020).pdf"));
    expect(res.headers.get("content-disposition")).toContain("filename*=UTF-8''%E5%8D%B0%E5%8F%91%E9%80%9A%E7%9F%A5%20%282020%29.pdf");
    const cached = await t.app.request(path, { headers: { "If-None-Match": `"${file.sha256}"` } });
    expect(cached.status).toBe(304);
  });

  test("documents are offered as downloads; a file is served only through a row whose evidence names it", async () => {
    await start();
    const { file } = await expectJson(await upload(t.tokens.officeA, form(EVIDENCE_SAMPLES.docx(), "总结.docx")), EvidenceUploadResponse, 201);
    await expectJson(await attach(t.tokens.officeA, file), ProgressResponse);
    const res = await t.app.request(`${progressPath(UNIT_A)}/evidence/${file.sha256}`);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; /);
    // Unit B's row of the same item does not name it; an uploaded file not yet attached is not served either.
    await expectProblem(await t.app.request(`${progressPath(UNIT_B)}/evidence/${file.sha256}`), "not-found");
    const loose = await expectJson(await upload(t.tokens.officeA, form(EVIDENCE_SAMPLES.png(), "p.png")), EvidenceUploadResponse, 201);
    await expectProblem(await t.app.request(`${progressPath(UNIT_A)}/evidence/${loose.file.sha256}`), "not-found");
    await expectProblem(await t.app.request(`${progressPath(UNIT_A)}/evidence/not-a-hash`), "validation-failed");
  });

  test("with TAIZHANG_READ_REQUIRES_TOKEN the file needs a token, as every read does", async () => {
    await start({ readRequiresToken: true });
    const { file } = await expectJson(await upload(t.tokens.officeA, form(EVIDENCE_SAMPLES.jpeg(), "现场.jpg")), EvidenceUploadResponse, 201);
    await expectJson(await attach(t.tokens.officeA, file), ProgressResponse);
    const path = `${progressPath(UNIT_A)}/evidence/${file.sha256}`;
    await expectProblem(await t.app.request(path), "unauthorized");
    const res = await t.app.request(path, { headers: bearer(t.tokens.viewer) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
  });

  test("a change may attach only a file that was uploaded, of its size", async () => {
    await start();
    const never = { sha256: "b".repeat(64), name: "x.pdf", mediaType: "application/pdf", size: 10 };
    const problem = await expectProblem(await attach(t.tokens.officeA, never), "validation-failed");
    expect(problem.errors).toEqual([{ path: "body.evidence.0.file", message: "no file of this sha256 and size was uploaded: upload it first" }]);
    const { file } = await expectJson(await upload(t.tokens.officeA, form(EVIDENCE_SAMPLES.pdf(), "a.pdf")), EvidenceUploadResponse, 201);
    await expectProblem(await attach(t.tokens.officeA, { ...file, size: file.size + 1 }), "validation-failed");
    const bulk = await t.app.request("/api/progress/bulk", {
      method: "POST",
      headers: asCaller(t.tokens.officeA),
      body: JSON.stringify({ updates: [{ itemId: "chengdu-2015/1#task", unitId: UNIT_A, version: 0, patch: { evidence: [{ description: "x", url: null, file: never }] } }] }),
    });
    expect((await expectProblem(bulk, "validation-failed")).errors?.[0]?.path).toBe("body.updates.0.patch.evidence.0.file");
  });
});

describe("contentDisposition", () => {
  test("keeps quotes, backslashes and non-ASCII out of the plain filename", () => {
    expect(contentDisposition("attachment", 'a"b\\c;d.pdf')).toBe(`attachment; filename="a_b_c_d.pdf"; filename*=UTF-8''a%22b%5Cc%3Bd.pdf`);
  });
});
