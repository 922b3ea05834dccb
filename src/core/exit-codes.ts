/** Exit codes used by every command. */
export const ExitCode = {
  OK: 0,
  /** Findings over the threshold the user asked for with --exit-code. */
  FINDINGS: 1,
  /** Bad usage or unreadable input; a one-line error names the input and the problem. */
  USAGE_OR_INPUT: 2,
} as const;
