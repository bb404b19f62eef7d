/** What a page loads before the element paints in view mode: the entry's budget, bytes of gzip. */
export declare const entryBudget: number;
/** The entry and both chunks (all of which edit mode loads): their budget, bytes of gzip. */
export declare const allBudget: number;
