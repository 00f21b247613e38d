import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env["TAIZHANG_CHROMIUM"] ?? "/usr/bin/chromium";

/** Why PDFs cannot be printed here, or null when they can. */
export function missingChromium(): string | null {
  return existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
}

/**
 * Prints HTML to an A4 PDF as a government office's printer would: 2.5 cm
 * margins, the document's title as a running header and "- N -" page numbers
 * in the footer, CJK text in Noto (fonts-noto-cjk).
 */
export async function printPdf(browser: Browser, html: string, header: string): Promise<Uint8Array> {
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: "load" });
    const pdf = await page.pdf({
      format: "A4",
      margin: { top: "25mm", bottom: "25mm", left: "26mm", right: "26mm" },
      displayHeaderFooter: true,
      headerTemplate: `<div style="font-size:9px;width:100%;text-align:center;font-family:'Noto Sans CJK SC'">${header.replace(/</gu, "&lt;")}</div>`,
      footerTemplate: `<div style="font-size:10px;width:100%;text-align:center">- <span class="pageNumber"></span> -</div>`,
    });
    return new Uint8Array(pdf);
  } finally {
    await page.close();
  }
}
