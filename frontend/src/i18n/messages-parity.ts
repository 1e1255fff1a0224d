// Compile-time check: English must have exactly the Turkish message tree.
// `tsc` fails here when a key is missing in en.json.
import type tr from "../../messages/tr.json";
import en from "../../messages/en.json";

export const englishMessages: typeof tr = en;
