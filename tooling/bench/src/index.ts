export { corpusPlan, generateCorpus, jurisdictionTree, NATIONAL_CORPUS, random, type CorpusOptions } from "./corpus.js";
