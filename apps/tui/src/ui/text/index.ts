export { displayWidth, graphemes, singleLine } from "./display-width.js";
export { ELLIPSIS, promptText, truncate, truncateStart } from "./truncate.js";
export { columns, fit, type Align, type Column } from "./pad.js";
export { wrap } from "./wrap.js";
