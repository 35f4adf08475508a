/**
 * A conformance case: one pipeline run by cspin (the bins, in bash) and by PowerShell 7.6 itself (the
 * oracle host in test/conformance/host), on the same input, whose outputs must be the same.
 * Cases are data, one file per area under test/conformance/cases/, each exporting an array.
 * cspin runs with CSPIN_DB set to a sample directory (`cspin init --sample`) shared by all cases: a case must not
 * change it (use -WhatIf). `npm run conformance` runs them all (see test/conformance/run.ts).
 */

/** What is compared. */
export type ConformanceOutput =
  /** The output objects, in order: PowerShell's are written as cspin's NDJSON (dates as ISO 8601 UTC with milliseconds). */
  | 'objects'
  /** The output as text: PowerShell's strings joined with newlines, as Out-String would show them. */
  | 'text'
  /** The bytes of a file the pipeline writes (Export-Csv), named relative to the case's folder. */
  | { file: string }
  /** Only the number of output objects (binder cases: a function shaped like a cspin cmdlet stands in for it in PowerShell). */
  | 'count';

/** One case. */
export interface ConformanceCase {
  /** Unique within its area: says what it shows ("Sort-Object: $null between negative numbers and zero"). */
  name: string;
  /**
   * The input objects as NDJSON lines: cspin reads them from stdin; PowerShell gets each line through
   * ConvertFrom-Json (so ISO dates become DateTime, as they would for a PowerShell user's JSON).
   * Omitted: the pipeline has no input.
   */
  input?: readonly string[];
  /** Input files the pipeline reads (Import-Csv), by name, with their text. */
  files?: Readonly<Record<string, string>>;
  /**
   * The pipeline after the input, in PowerShell syntax, as a user would type it in both shells
   * (bash gets it as one command line: single-quote script blocks and hashtables).
   */
  pipeline: string;
  /**
   * The pipeline as PowerShell's own text, when bash's quoting makes it differ. Without it, PowerShell runs the
   * pipeline with the single quotes bash needs taken off script blocks and hashtables ('{...}', '@{...}') and
   * off '$True', '$False', '$Null' and '-Name:$value' (see pwshOf in test/conformance/compare.ts).
   */
  pwsh?: string;
  /** The time zone (TZ) of both runs; UTC when omitted. */
  tz?: string;
  /** The console width (COLUMNS for cspin, Out-String -Width for PowerShell) of text output; 120 when omitted. */
  columns?: number;
  output: ConformanceOutput;
  /**
   * For 'text' output: the line width. cspin runs with COLUMNS=width; PowerShell's text goes through
   * `| Out-String -Width width`. @default 120
   */
  width?: number;
  /** Whether the exit status / error stream matter: the PowerShell error ids, in order, that cspin must also give. */
  errors?: readonly string[];
  /** A difference from PowerShell that is deliberate and listed in the README: the case documents it instead of failing. */
  deliberate?: string;
}
