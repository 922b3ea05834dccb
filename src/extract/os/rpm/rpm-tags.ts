/**
 * The rpm header tags we read (rpmTag_e in rpm's lib/rpmtag.h). Numbers are part of the on-disk
 * format and never change.
 */
export const RpmTag = {
  /** Region tags: the first index entry of a header that carries a signed, immutable region. */
  HEADERIMAGE: 61,
  HEADERSIGNATURES: 62,
  HEADERIMMUTABLE: 63,
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  SIZE: 1009,
  VENDOR: 1011,
  LICENSE: 1014,
  PACKAGER: 1015,
  ARCH: 1022,
  /** Full paths, from headers older than rpm 4.0 ("CompressedFileNames" replaced it). */
  OLDFILENAMES: 1027,
  SOURCERPM: 1044,
  DIRINDEXES: 1116,
  BASENAMES: 1117,
  DIRNAMES: 1118,
  /** 64-bit SIZE, present instead of SIZE for packages of 4 GiB and more. */
  LONGSIZE: 5009,
  MODULARITYLABEL: 5096,
} as const;

/** rpm header data types (rpmTagType_e). */
export const RpmType = {
  NULL: 0,
  CHAR: 1,
  INT8: 2,
  INT16: 3,
  INT32: 4,
  INT64: 5,
  STRING: 6,
  BIN: 7,
  STRING_ARRAY: 8,
  I18NSTRING: 9,
} as const;
