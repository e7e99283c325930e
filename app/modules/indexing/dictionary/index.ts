import { compileDictionary } from "./compile";
import type { DictionaryFile } from "./types";
import { GENERAL } from "./general";

/** Every file of the search dictionary. A new domain file is added here. */
export const DICTIONARY_FILES: readonly DictionaryFile[] = [GENERAL];

/** What both engines and the segmenter load. */
export const SEARCH_DICTIONARY = compileDictionary(DICTIONARY_FILES);
