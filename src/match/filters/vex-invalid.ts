import { BulwarkError, ErrorCodes } from '../../core/errors.ts';

/** The error for an unusable VEX document: `<file>: <where>: <problem>`. */
export function vexInvalid(source: string, where: string, problem: string): BulwarkError {
  return new BulwarkError(
    ErrorCodes.VEX_INVALID,
    `${source}: ${where === '' ? '' : `${where}: `}${problem}`,
    {
      subject: source,
    },
  );
}
