// What the per-format metadata strippers return: the cleaned file and its pixel size from the headers.
export interface StrippedImage {
  data: Buffer;
  width: number;
  height: number;
}
