/**
 * All file readers in one import: CSV, TSV, JSON Lines, CoNLL and multi-label TSV.
 * @module
 */
export { column, DataFileError, splitLines, type Table } from "./table.ts";
export { type CsvOptions, parseCsv, readCsv } from "./csv.ts";
export { parseTsv, readTsv, type TsvOptions } from "./tsv.ts";
export { type JsonlRows, parseJsonl, readJsonl } from "./jsonl.ts";
export { type ConllOptions, type ConllSentence, parseConll, readConll } from "./conll.ts";
export { type MultiLabelRow, parseMultiLabelTsv, readMultiLabelTsv } from "./multilabel_tsv.ts";
