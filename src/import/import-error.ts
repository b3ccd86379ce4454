/** A problem with a whole input (missing file, unusable header, bad mapping): names the file. */
export class ImportError extends Error {
  override name = "ImportError";
}
