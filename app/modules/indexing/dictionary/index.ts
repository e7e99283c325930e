import { compileDictionary } from "./compile";
import type { DictionaryFile } from "./types";
import { ANIMAL_HEALTH } from "./animal-health";
import { AQUACULTURE } from "./aquaculture";
import { BRAND } from "./brand";
import { CROP_PROTECTION } from "./crop-protection";
import { ENERGY } from "./energy";
import { EXPERTISE } from "./expertise";
import { FARM_TALK } from "./farm-talk";
import { EQUIPMENT } from "./equipment";
import { FINANCE } from "./finance";
import { FLOWERS_TEA_FOREST } from "./flowers-tea-forest";
import { FRUIT } from "./fruit";
import { FUNGI } from "./fungi";
import { GENERAL } from "./general";
import { GRAIN_OIL } from "./grain-oil";
import { HERBS } from "./herbs";
import { LIVESTOCK } from "./livestock";
import { MARKET } from "./market";
import { PEOPLE } from "./people";
import { PROCESSING } from "./processing";
import { PROFESSIONS } from "./professions";
import { TECHNIQUES } from "./techniques";
import { TOURISM } from "./tourism";
import { VEGETABLES } from "./vegetables";

/** Every file of the search dictionary. A new domain file is added here. */
export const DICTIONARY_FILES: readonly DictionaryFile[] = [
  GENERAL,
  GRAIN_OIL,
  VEGETABLES,
  FRUIT,
  FUNGI,
  HERBS,
  FLOWERS_TEA_FOREST,
  LIVESTOCK,
  AQUACULTURE,
  CROP_PROTECTION,
  ANIMAL_HEALTH,
  TECHNIQUES,
  EQUIPMENT,
  PROCESSING,
  MARKET,
  TOURISM,
  BRAND,
  ENERGY,
  FINANCE,
  PEOPLE,
  PROFESSIONS,
  EXPERTISE,
  FARM_TALK,
];

/** What both engines and the segmenter load. */
export const SEARCH_DICTIONARY = compileDictionary(DICTIONARY_FILES);
