import iconv from "iconv-lite";

const escape = (s: string): string => s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");

/** What a government site puts around an article: navigation, breadcrumbs, a meta bar, related links, a footer. */
export interface GovPageOptions {
  title: string;
  /** The page's declared and actual encoding. */
  charset?: "utf-8" | "gb2312";
  /** Extra body markup after the paragraphs (a task table, say). */
  extra?: string;
  /** Paragraph style (a first-line indent, as the documents print). */
  paragraphStyle?: string;
}

/** A page as a government site serves an article: the plan's lines as paragraphs inside the site's furniture. */
export function govPageHtml(lines: readonly string[], options: GovPageOptions): string {
  const paragraphs = lines.map((l) => `<p style="${options.paragraphStyle ?? "text-indent:2em"}">${escape(l)}</p>`).join("\n");
  const charset = options.charset ?? "utf-8";
  return `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}">
<title>${escape(options.title)}_政府文件_人民政府门户网站</title>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
<style>.nav a{margin:0 1em} body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC",serif}</style></head>
<body>
<div class="header"><div class="logo">人民政府门户网站</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjsz/">走进本市</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zfwj/">政府文件</a></div>
<div class="main-wrap">
<div class="sidebar"><h3>相关文件</h3><ul><li><a href="/a.html">关于做好2016年度依法行政考核工作的通知</a></li><li><a href="/b.html">关于印发市政府重大行政决策程序规定的通知</a></li><li><a href="/c.html">关于进一步加强行政执法监督工作的意见</a></li></ul></div>
<div class="article">
<h1 class="article-title">${escape(options.title)}</h1>
<div class="info">发布时间：2016-03-01\u3000来源：市政府办公厅\u3000字体：[<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>]\u3000<a href="#">打印</a></div>
<div class="article-content" id="zoom">
${paragraphs}
${options.extra ?? ""}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
</div></div>
<div class="footer"><p>主办单位：市人民政府办公厅\u3000版权所有\u3000网站标识码1501000001\u3000ICP备05001234号</p><p><a href="/sitemap.html">网站地图</a> | <a href="/contact.html">联系我们</a></p></div>
</body></html>`;
}

/** The page's bytes in its declared charset (GB2312 pages are GBK in practice). */
export function govPage(lines: readonly string[], options: GovPageOptions): Uint8Array {
  const html = govPageHtml(lines, options);
  if (options.charset !== "gb2312") return new TextEncoder().encode(html);
  // What GBK cannot hold (NBSP, rare characters) a browser saves as a numeric reference.
  const encodable = [...html].map((c) => (iconv.decode(iconv.encode(c, "gbk"), "gbk") === c ? c : `&#x${(c.codePointAt(0) ?? 0).toString(16)};`)).join("");
  return new Uint8Array(iconv.encode(encodable, "gbk"));
}
