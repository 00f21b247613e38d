/** Rows per checklist request: the most the checklist routes give in one page (the contract's limit). */
export const CHECKLIST_PAGE = 2000;
